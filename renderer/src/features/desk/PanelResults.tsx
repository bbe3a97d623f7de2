// The panel's results at the expert desk: the round's ranking, shown only once the round is
// locked and the organiser shared it (the session refuses it otherwise). Aggregates only: no
// other expert's scores or comments.
import { Alert, Empty, Table, Typography } from 'antd';
import type { RankRow } from '@api/contract';
import { LoadError } from '@shared/components/LoadError';
import { formatScore, sectorName } from '@shared/format';
import { useSailQuery } from '@shared/hooks';
import { useLang, useT } from '@shared/i18n';
import { testId } from '@shared/testId';

export function PanelResults({ round }: { round: string }) {
  const t = useT();
  const lang = useLang();
  const ranking = useSailQuery('ranking.rank', { round });
  return (
    <div className="sail-panel-results" data-testid="desk-results">
      <Alert type="info" showIcon title={t('desk.resultsShared', { round })} />
      {ranking.error && <LoadError error={ranking.error} onRetry={ranking.reload} />}
      <Table<RankRow>
        size="small"
        rowKey="entry_id"
        loading={ranking.loading}
        dataSource={ranking.data?.rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t('ranking.empty')} /> }}
        onRow={(row) => testId('desk-result-row', { 'entry-id': row.entry_id })}
        rowClassName={(row) => (row.rank === null ? 'sail-row-excluded' : '')}
        columns={[
          {
            title: t('col.rank'),
            dataIndex: 'rank',
            width: 64,
            align: 'center',
            render: (rank: number | null) => rank ?? '—',
          },
          { title: t('col.entryId'), dataIndex: 'entry_id', width: 130 },
          { title: t('col.title'), dataIndex: 'title', ellipsis: true },
          {
            title: t('col.sector'),
            dataIndex: 'sector',
            width: 100,
            render: (sector: string | null) => sectorName(lang, sector),
          },
          {
            title: t('col.score'),
            dataIndex: 'score',
            width: 90,
            align: 'right',
            render: (score: number | null) => (
              <Typography.Text strong>{formatScore(score)}</Typography.Text>
            ),
          },
          { title: t('col.reviews'), dataIndex: 'reviews', width: 80, align: 'right' },
        ]}
      />
    </div>
  );
}
