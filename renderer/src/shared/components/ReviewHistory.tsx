// The history of one review, from the audit trail (scoring.history): who wrote it, when, by
// which way (a review form, a score file, a score packet) and what changed, old → new. Opened
// from the explanation of a result and from the review form.
import { useState } from 'react';
import { Button, Empty, Flex, Modal, Skeleton, Tag, Timeline, Typography } from 'antd';
import { HistoryOutlined } from '@ant-design/icons';
import type { ReviewChange, ReviewHistoryItem } from '@api/contract';
import { formatTime } from '../format';
import { useSailQuery } from '../hooks';
import { pick, useLang, useT, type MessageKey } from '../i18n';
import { LoadError } from './LoadError';

interface Named {
  key: string;
  name_zh: string;
  name_en: string;
}

export interface ReviewRef {
  round: string;
  reviewer: string;
  /** The entry's row id. */
  entry: number;
}

const SOURCE_COLOURS: Record<ReviewHistoryItem['source'], string> = {
  form: 'blue',
  import: 'purple',
  packet: 'cyan',
  other: 'default',
};

const ACTIONS: Record<string, MessageKey> = {
  'review.save': 'history.action.save',
  'review.submit': 'history.action.submit',
  'review.reopen': 'history.action.reopen',
  'review.recuse': 'history.action.recuse',
  'scores.import': 'history.action.import',
  'packet.merge': 'history.action.merge',
  'packet.resolve': 'history.action.resolve',
};

/** A button that opens the review's history; `title` names the review in the dialog. */
export function ReviewHistoryButton({
  review,
  title,
  rubric,
}: {
  review: ReviewRef;
  title: string;
  rubric: { criteria: Named[]; gates: Named[] };
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        size="small"
        type="link"
        icon={<HistoryOutlined />}
        onClick={() => setOpen(true)}
        data-testid="review-history-open"
        data-reviewer={review.reviewer}
      >
        {t('history.open')}
      </Button>
      {open && (
        <Modal
          open
          title={t('history.title', { review: title })}
          footer={null}
          width={620}
          onCancel={() => setOpen(false)}
        >
          <ReviewHistory review={review} rubric={rubric} />
        </Modal>
      )}
    </>
  );
}

function ReviewHistory({
  review,
  rubric,
}: {
  review: ReviewRef;
  rubric: { criteria: Named[]; gates: Named[] };
}) {
  const t = useT();
  const lang = useLang();
  const query = useSailQuery('scoring.history', review);
  if (query.error) return <LoadError error={query.error} onRetry={query.reload} />;
  if (!query.data) return <Skeleton active />;
  if (query.data.length === 0) return <Empty description={t('history.none')} />;

  const names = new Map<string, string>([
    ['status', t('history.field.status')],
    ...rubric.criteria.map((c): [string, string] => [
      `score:${c.key}`,
      pick(lang, c.name_zh, c.name_en),
    ]),
    ...rubric.gates.map((g): [string, string] => [
      `gate:${g.key}`,
      pick(lang, g.name_zh, g.name_en),
    ]),
    ['comment', t('history.field.comment')],
  ]);
  return (
    <Timeline
      data-testid="review-history"
      titleSpan="140px"
      items={query.data.map((step) => ({
        key: step.seq,
        color: SOURCE_COLOURS[step.source],
        title: formatTime(lang, step.at),
        content: <HistoryStep step={step} names={names} />,
      }))}
    />
  );
}

/** Changes in the order the form shows them: status, the criteria and gates, the comment. */
const byField = (names: Map<string, string>) => {
  const order = [...names.keys()];
  const at = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length);
  return (a: ReviewChange, b: ReviewChange) => at(a.field) - at(b.field);
};

function HistoryStep({ step, names }: { step: ReviewHistoryItem; names: Map<string, string> }) {
  const t = useT();
  const action = ACTIONS[step.action];
  const value = (field: string, v: ReviewChange['old']): string => {
    if (v === null || v === '') return '—';
    if (field === 'status') return t(`reviewStatus.${v === 'submitted' ? 'submitted' : 'draft'}`);
    if (typeof v === 'boolean') return v ? t('explain.pass') : t('explain.fail');
    return String(v);
  };
  return (
    <Flex vertical gap={4} data-testid="review-history-step" data-action={step.action}>
      <Flex gap={6} wrap align="center">
        <Typography.Text strong>{action ? t(action) : step.action}</Typography.Text>
        <Tag color={SOURCE_COLOURS[step.source]}>{t(`history.source.${step.source}`)}</Tag>
        <Typography.Text type="secondary">
          {step.actor === 'organiser' ? t('history.organiser') : step.actor}
        </Typography.Text>
      </Flex>
      {step.reason && (
        <Typography.Text type="secondary">
          {t('history.reason', { reason: step.reason })}
        </Typography.Text>
      )}
      {[...step.changes].sort(byField(names)).map((change) => (
        <Typography.Text key={change.field} data-testid="review-history-change">
          {t('history.change', {
            field: names.get(change.field) ?? change.field,
            old: value(change.field, change.old),
            new: value(change.field, change.new),
          })}
        </Typography.Text>
      ))}
    </Flex>
  );
}
