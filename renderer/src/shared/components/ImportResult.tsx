// The outcome of an import (entries or reviewers): counts, then every rejected row with its
// row, column and reason in the user's language, so the organiser can fix the file.
import type { ReactNode } from 'react';
import { Alert, Col, Flex, Row, Statistic, Table, Typography } from 'antd';
import type { ImportRejection } from '@api/contract';
import { pick, useLang, useT } from '../i18n';

export interface ImportOutcome {
  file?: string;
  encoding?: string | null;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: ImportRejection[];
  changed_scored?: string[];
}

export function ImportResult({
  outcome,
  rejectedActions,
}: {
  outcome: ImportOutcome;
  /** Shown beside the rejected rows' title, e.g. saving them as a CSV to fix. */
  rejectedActions?: ReactNode;
}) {
  const t = useT();
  const lang = useLang();
  const rejected = outcome.rejected.length;
  const counts = [
    ['import.rows', outcome.rows, 'import-rows'],
    ['import.inserted', outcome.inserted, 'import-inserted'],
    ['import.updated', outcome.updated, 'import-updated'],
    ['import.unchanged', outcome.unchanged, 'import-unchanged'],
    ['import.rejected', rejected, 'import-rejected'],
  ] as const;

  return (
    <div data-testid="import-result">
      {outcome.file && (
        <Alert
          type={rejected ? 'warning' : 'success'}
          showIcon
          title={t('import.done', { file: outcome.file })}
          description={outcome.encoding && t('import.encodingUsed', { encoding: outcome.encoding })}
          style={{ marginBottom: 16 }}
        />
      )}
      <Row gutter={16} style={{ marginBottom: 16 }}>
        {counts.map(([label, value, id]) => (
          <Col key={id} flex="1">
            <Statistic
              title={t(label)}
              value={value}
              data-testid={id}
              styles={
                id === 'import-rejected' && value > 0
                  ? { content: { color: 'var(--ant-color-error)' } }
                  : undefined
              }
            />
          </Col>
        ))}
      </Row>
      {outcome.changed_scored && outcome.changed_scored.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('import.changedScored', { ids: outcome.changed_scored.join('、') })}
          style={{ marginBottom: 16 }}
        />
      )}
      {rejected > 0 ? (
        <>
          <Flex justify="space-between" align="center" gap={8} wrap>
            <Typography.Text strong>{t('import.rejectedTitle')}</Typography.Text>
            {rejectedActions}
          </Flex>
          <Table<ImportRejection>
            data-testid="rejections-table"
            size="small"
            style={{ marginTop: 8 }}
            rowKey={(rejection) =>
              `${rejection.row}:${rejection.column ?? ''}:${rejection.reason_en}`
            }
            dataSource={outcome.rejected}
            pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
            columns={[
              { title: t('col.row'), dataIndex: 'row', width: 80 },
              {
                title: t('col.column'),
                dataIndex: 'column',
                width: 160,
                render: (column: string | null) => column ?? '—',
              },
              {
                title: t('col.reason'),
                key: 'reason',
                render: (_, rejection) => pick(lang, rejection.reason_zh, rejection.reason_en),
              },
            ]}
          />
        </>
      ) : (
        <Typography.Text type="success">{t('import.noRejections')}</Typography.Text>
      )}
    </div>
  );
}
