// What the export will hold, before writing it: the rows, and for a PDF its printed layout
// (the report's HTML in a frame from a blob: URL, which the window's CSP allows).
import { useEffect, useMemo } from 'react';
import { Alert, Card, Skeleton, Table, Tabs, Typography } from 'antd';
import type { ExportPreview } from '@api/contract';
import { useMessageText } from '@shared/hooks';
import { useT } from '@shared/i18n';

function PdfFrame({ html }: { html: string }) {
  const t = useT();
  const url = useMemo(() => URL.createObjectURL(new Blob([html], { type: 'text/html' })), [html]);
  // The HTML (with its fonts) stays in memory until the URL is revoked.
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return (
    <iframe
      title={t('export.previewTitle')}
      src={url}
      // A report needs no script: the frame runs none.
      sandbox=""
      style={{ width: '100%', height: 640, border: '1px solid #d9d9d9', background: '#fff' }}
      data-testid="export-preview-frame"
    />
  );
}

export function ExportPreviewCard({
  preview,
  loading,
}: {
  preview: ExportPreview | undefined;
  loading: boolean;
}) {
  const t = useT();
  const text = useMessageText();
  const columns = useMemo(
    () =>
      (preview?.headers ?? []).map((header, index) => ({
        key: String(index),
        title: header,
        dataIndex: index,
        ellipsis: true,
        width: index < 2 ? 110 : undefined,
        render: (value: string | number | null) => value ?? '',
      })),
    [preview?.headers],
  );
  if (!preview) return <Card title={t('export.preview')}>{loading && <Skeleton active />}</Card>;
  const table = (
    <Table
      size="small"
      rowKey={(_row, index) => String(index)}
      columns={columns}
      dataSource={preview.rows.map((row) => Object.fromEntries(row.map((v, i) => [i, v])))}
      pagination={{ pageSize: 20, showSizeChanger: false }}
      scroll={{ x: 'max-content' }}
      data-testid="export-preview-table"
    />
  );
  return (
    <Card title={t('export.preview')} loading={loading && !preview}>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={
          <span data-testid="export-preview-count" data-rows={preview.total_rows}>
            {t('export.preview.rows', { n: preview.total_rows })}
            {preview.total_rows > preview.rows.length &&
              ` · ${t('export.preview.more', { n: preview.rows.length })}`}
          </span>
        }
        description={
          <Typography.Text type="secondary" copyable={{ text: preview.data_digest }}>
            {t('export.digest')}: <code>{preview.data_digest.slice(0, 16)}…</code>
          </Typography.Text>
        }
      />
      {preview.warnings.map((warning) => (
        <Alert
          key={warning.code}
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={text(warning)}
          data-testid="export-preview-warning"
        />
      ))}
      {preview.html === null ? (
        table
      ) : (
        <Tabs
          items={[
            {
              key: 'pdf',
              label: t('export.preview.pdf'),
              children: <PdfFrame html={preview.html} />,
            },
            { key: 'table', label: t('export.preview.table'), children: table },
          ]}
        />
      )}
    </Card>
  );
}
