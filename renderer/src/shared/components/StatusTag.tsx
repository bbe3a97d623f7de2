// Coloured status labels shared by the overview, rounds and scoring screens.
import { Tag } from 'antd';
import type { ReviewStatus, RoundStatus } from '@core/domain';
import { useT } from '../i18n';

const ROUND_COLOURS: Record<RoundStatus, string> = {
  setup: 'default',
  scoring: 'processing',
  locked: 'success',
};

export function RoundStatusTag({ status }: { status: RoundStatus }) {
  const t = useT();
  return <Tag color={ROUND_COLOURS[status]}>{t(`roundStatus.${status}`)}</Tag>;
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
