// Coloured status labels shared by the overview, rounds and scoring screens.
import { Tag } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import type { ReviewStatus, RoundStatus } from '@core/domain';
import { useT } from '../i18n';

const ROUND_COLOURS: Record<RoundStatus, string> = {
  setup: 'default',
  scoring: 'processing',
  // Not green: a locked round is closed to changes, not "done well".
  locked: 'volcano',
};

export function RoundStatusTag({ status }: { status: RoundStatus }) {
  const t = useT();
  return (
    <Tag
      color={ROUND_COLOURS[status]}
      icon={status === 'locked' ? <LockOutlined /> : undefined}
      data-status={status}
    >
      {t(`roundStatus.${status}`)}
    </Tag>
  );
}

const REVIEW_COLOURS: Record<ReviewStatus | 'new', string> = {
  new: 'default',
  draft: 'warning',
  submitted: 'success',
};

export function ReviewStatusTag({ status }: { status: ReviewStatus | 'new' }) {
  const t = useT();
  return (
    <Tag color={REVIEW_COLOURS[status]} data-status={status}>
      {t(`reviewStatus.${status}`)}
    </Tag>
  );
}
