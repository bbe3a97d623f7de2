// Every export of the round, as recorded: when, which file, its SHA-256 and the data digest.
import { Card, Table, Typography } from 'antd';
import type { ExportHistoryItem } from '@api/contract';
import { LoadError } from '@shared/components/LoadError';
import { formatTime } from '@shared/format';
import { useSailQuery } from '@shared/hooks';
import { useT } from '@shared/i18n';

export function ExportHistory({ round }: { round: string }) {
  const t = useT();
  const history = useSailQuery('export.list', { round, limit: 50 });
  return (
    <Card title={t('export.history')} style={{ marginTop: 16 }} data-testid="export-history">
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
