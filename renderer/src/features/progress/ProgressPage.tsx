// 评审进度: the organiser's board for the current round. Each expert's assignments as submitted,
// draft and not started, with their pace; the entries left short of experts (a recusal gives a
// slot back) for the organiser to assign again. It follows scores arriving from elsewhere.
import { Alert, Button, Card, Empty, Flex, Statistic, Table, Tooltip, Typography } from 'antd';
import type { ExpertProgress, PanelProgress, ShortEntry } from '@api/contract';
import { LoadError } from '@shared/components/LoadError';
import { Page } from '@shared/components/Page';
import { formatTime, sectorName } from '@shared/format';
import { useSailQuery } from '@shared/hooks';
import { useLang, useT } from '@shared/i18n';
import { useApp } from '@shared/store';
import { testId } from '@shared/testId';
import { useLiveRevision } from './useLiveRevision';

export function ProgressPage() {
  const t = useT();
  const round = useApp((state) => state.round);
  useLiveRevision();
  return (
    <Page title={t('nav.progress')}>
      {round === null ? <Empty description={t('panel.noRound')} /> : <Board round={round} />}
    </Page>
  );
}

function Board({ round }: { round: string }) {
  const t = useT();
  const board = useSailQuery('panel.progress', { round });
  const data = board.data?.round === round ? board.data : undefined;
  if (board.error && !data) return <LoadError error={board.error} onRetry={board.reload} />;
  if (!data) return <Card loading />;
  const { totals } = data;
  const share = totals.assigned ? Math.round((totals.submitted / totals.assigned) * 100) : 0;
  return (
    <Flex vertical gap={16} data-testid="progress-board">
      <Card size="small">
        <Flex gap={48} wrap>
          <Statistic
            title={t('progress.submitted')}
            value={totals.submitted}
            suffix={`/ ${totals.assigned} (${share}%)`}
            {...testId('progress-total-submitted')}
          />
          <Statistic title={t('progress.draft')} value={totals.draft} />
          <Statistic title={t('progress.notStarted')} value={totals.not_started} />
          <Statistic
            title={t('progress.shortEntries')}
            value={data.short_total}
            styles={{ content: data.short_total > 0 ? { color: 'var(--ant-color-error)' } : {} }}
          />
        </Flex>
        {!data.assigned && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t('progress.unassigned')}
          </Typography.Paragraph>
        )}
      </Card>
      {data.short_total > 0 && <ShortEntries board={data} />}
      <ExpertTable experts={data.experts} />
    </Flex>
  );
}

function ExpertTable({ experts }: { experts: ExpertProgress[] }) {
  const t = useT();
  const lang = useLang();
  return (
    <Table<ExpertProgress>
      size="small"
      rowKey="reviewer_id"
      dataSource={experts}
      pagination={false}
      data-testid="progress-experts"
      onRow={(row) => testId('progress-expert', { 'reviewer-id': row.reviewer_id })}
      locale={{ emptyText: <Empty description={t('progress.noExperts')} /> }}
      columns={[
        {
          title: t('progress.expert'),
          key: 'expert',
          width: 180,
          render: (_, row) => (
            <>
              {row.name} <Typography.Text type="secondary">{row.reviewer_id}</Typography.Text>
            </>
          ),
        },
        {
          title: t('progress.work'),
          key: 'work',
          sorter: (a, b) => done(a) - done(b),
          render: (_, row) => <WorkBar expert={row} />,
        },
        {
          title: t('progress.submitted'),
          dataIndex: 'submitted',
          width: 80,
          align: 'right',
          render: (n: number, row) => (
            <span data-testid="progress-submitted">
              {n} / {row.assigned}
            </span>
          ),
        },
        { title: t('progress.draft'), dataIndex: 'draft', width: 70, align: 'right' },
        { title: t('progress.notStarted'), dataIndex: 'not_started', width: 80, align: 'right' },
        { title: t('progress.lastHour'), dataIndex: 'last_hour', width: 90, align: 'right' },
        {
          title: t('progress.pace'),
          dataIndex: 'minutes_per_review',
          width: 110,
          align: 'right',
          render: (minutes: number | null) =>
            minutes === null ? '—' : t('progress.minutes', { n: minutes }),
        },
        {
          title: t('progress.remaining'),
          dataIndex: 'remaining_minutes',
          width: 110,
          align: 'right',
          render: (minutes: number | null, row) =>
            row.submitted === row.assigned
              ? t('progress.finished')
              : minutes === null
                ? '—'
                : duration(t, minutes),
        },
        {
          title: t('progress.lastSubmitted'),
          dataIndex: 'last_submitted_at',
          width: 150,
          render: (at: string | null) => formatTime(lang, at) || '—',
        },
      ]}
    />
  );
}

const done = (expert: ExpertProgress) => (expert.assigned ? expert.submitted / expert.assigned : 0);

function duration(t: ReturnType<typeof useT>, minutes: number): string {
  if (minutes < 60) return t('progress.minutes', { n: minutes });
  return t('progress.hours', { h: Math.floor(minutes / 60), m: minutes % 60 });
}

/** Submitted, draft and not started as one bar, in the colours of their status tags. */
function WorkBar({ expert }: { expert: ExpertProgress }) {
  const t = useT();
  const part = (n: number) => (expert.assigned ? `${(n / expert.assigned) * 100}%` : '0');
  return (
    <Tooltip
      title={t('progress.barTip', {
        submitted: expert.submitted,
        draft: expert.draft,
        new: expert.not_started,
      })}
    >
      <div className="sail-work-bar" role="img" aria-label={t('progress.work')}>
        <span className="sail-work-submitted" style={{ width: part(expert.submitted) }} />
        <span className="sail-work-draft" style={{ width: part(expert.draft) }} />
      </div>
    </Tooltip>
  );
}

function ShortEntries({ board }: { board: PanelProgress }) {
  const t = useT();
  const lang = useLang();
  const setView = useApp((state) => state.setView);
  return (
    <Card size="small" data-testid="progress-short">
      <Alert
        type="warning"
        showIcon
        title={t('progress.shortTitle', { n: board.short_total, k: board.per_entry ?? 0 })}
        description={t('progress.shortHint')}
        action={
          <Button size="small" onClick={() => setView('panel')} data-testid="progress-to-panel">
            {t('nav.panel')}
          </Button>
        }
        style={{ marginBottom: 12 }}
      />
      <Table<ShortEntry>
        size="small"
        rowKey="entry_id"
        dataSource={board.short}
        pagination={false}
        rowClassName={() => 'sail-row-short'}
        onRow={(row) => testId('progress-short-entry', { 'entry-id': row.entry_id })}
        columns={[
          { title: t('col.entryId'), dataIndex: 'entry_id', width: 130 },
          { title: t('col.title'), dataIndex: 'title', ellipsis: true },
          {
            title: t('col.sector'),
            dataIndex: 'sector',
            width: 100,
            render: (sector: string | null) => sectorName(lang, sector),
          },
          {
            title: t('progress.experts'),
            dataIndex: 'assigned',
            width: 100,
            align: 'right',
            render: (n: number) => `${n} / ${board.per_entry ?? 0}`,
          },
          { title: t('progress.submitted'), dataIndex: 'submitted', width: 80, align: 'right' },
          { title: t('progress.recused'), dataIndex: 'recused', width: 80, align: 'right' },
        ]}
      />
    </Card>
  );
}
