// Recorded exports, newest first: when, which file (and round), its SHA-256 and the data digest.
// The export page lists a round's; the overview the project's latest.
import { Card, Table, Typography } from 'antd';
import type { ExportHistoryItem } from '@api/contract';
import { LoadError } from '@shared/components/LoadError';
import { formatTime } from '@shared/format';
import { useSailQuery } from '@shared/hooks';
import { useT } from '@shared/i18n';

export function ExportHistory({
  round,
  limit,
  title,
}: {
  /** One round's exports; the whole project's without. */
  round?: string | undefined;
  limit: number;
  title: string;
}) {
  const t = useT();
  const history = useSailQuery('export.list', { round, limit });
  return (
    <Card title={title} style={{ marginTop: 16 }} data-testid="export-history">
      {history.error && <LoadError error={history.error} onRetry={history.reload} />}
      <Table<ExportHistoryItem>
        size="small"
        rowKey="id"
        loading={history.loading}
        dataSource={history.data ?? []}
        locale={{ emptyText: t('export.history.empty') }}
        pagination={false}
        columns={[
          {
            key: 'time',
            title: t('export.history.time'),
            render: (_, item) => formatTime(item.created_at),
            width: 150,
          },
          ...(round === undefined
            ? [{ key: 'round', title: t('col.round'), dataIndex: 'round', width: 140 }]
            : []),
          { key: 'format', title: t('export.history.format'), dataIndex: 'format', width: 80 },
          { key: 'file', title: t('export.history.file'), dataIndex: 'file_name' },
          { key: 'rows', title: t('export.rows'), dataIndex: 'rows', width: 80 },
          {
            key: 'sha',
            title: t('export.sha256'),
            render: (_, item) => (
              <Typography.Text code copyable={{ text: item.sha256 }}>
                {item.sha256.slice(0, 12)}
              </Typography.Text>
            ),
          },
          {
            key: 'digest',
            title: t('export.digest'),
            render: (_, item) => (
              <Typography.Text code copyable={{ text: item.data_digest }}>
                {item.data_digest.slice(0, 12)}
              </Typography.Text>
            ),
          },
        ]}
      />
    </Card>
  );
}
