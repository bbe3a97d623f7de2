// The result of an entries import: the counts and rejected rows, which can be saved as a CSV to
// fix and import again, then field by field what changed in entries already in the project,
// with those that already have scores flagged.
import { useState } from 'react';
import { Button, Collapse, Flex, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, ExportOutlined } from '@ant-design/icons';
import type { FieldChange, ImportSummary, RejectedCsvRecord } from '@api/contract';
import { ENTRY_FIELDS } from '@core/entries';
import { baseName, shell } from '@shared/api';
import { ImportResult } from '@shared/components/ImportResult';
import { sectorName } from '@shared/format';
import { useDownload, useNotifyError, useOperation } from '@shared/hooks';
import { pick, useLang, useT } from '@shared/i18n';
import { testId } from '@shared/testId';

export function EntryImportResult({ summary }: { summary: ImportSummary }) {
  const file = baseName(summary.file);
  return (
    <>
      <ImportResult
        outcome={{ ...summary, file }}
        rejectedActions={
          summary.import_id !== null && <RejectedExport importId={summary.import_id} file={file} />
        }
      />
      {summary.changes_total > 0 && <ChangeList summary={summary} />}
    </>
  );
}

function RejectedExport({ importId, file }: { importId: number; file: string }) {
  const t = useT();
  const run = useOperation();
  const notifyError = useNotifyError();
  const [saving, setSaving] = useState(false);
  const [record, setRecord] = useState<RejectedCsvRecord | null>(null);

  const save = async () => {
    setSaving(true);
    try {
      // Characters Windows or macOS refuse in a file name become '_'.
      const stem = file.replace(/\.[^.]+$/, '').replace(/[\\/:*?"<>|]/g, '_');
      const path = await shell.pickSavePath(`${stem}-被拒绝的行.csv`);
      if (!path) return;
      const written = await run('imports.rejectedCsv', { import_id: importId, path });
      if (written) setRecord(written);
    } catch (error) {
      notifyError(error);
    } finally {
      setSaving(false);
    }
  };

  const download = useDownload();
  return (
    <Flex vertical align="end" gap={4}>
      <Button
        size="small"
        icon={<ExportOutlined />}
        loading={saving}
        onClick={() => void save()}
        data-testid="export-rejected"
      >
        {t('import.exportRejected')}
      </Button>
      {record && (
        <Typography.Text type="secondary" data-testid="rejected-written">
          {t('import.rejectedWritten', { n: record.rows })}{' '}
          <Typography.Text copyable data-testid="rejected-path">
            {record.path}
          </Typography.Text>
          {download && (
            <Typography.Link
              onClick={() => download(record.path)}
              style={{ marginLeft: 8 }}
              data-testid="rejected-download"
            >
              <DownloadOutlined /> {t('import.rejectedDownload')}
            </Typography.Link>
          )}
        </Typography.Text>
      )}
    </Flex>
  );
}

interface ChangeRow extends FieldChange {
  key: string;
  entry_id: string;
  scored: boolean;
  /** Rows of this entry, on its first row (the entry cell spans them); 0 on the others. */
  span: number;
}

function ChangeList({ summary }: { summary: ImportSummary }) {
  const t = useT();
  const lang = useLang();
  const scored = new Set(summary.changed_scored);
  const rows: ChangeRow[] = summary.changes.flatMap((entry) =>
    entry.fields.map((change, index) => ({
      ...change,
      key: `${entry.entry_id}\u0000${change.kind}\u0000${change.field}`,
      entry_id: entry.entry_id,
      scored: scored.has(entry.entry_id),
      span: index === 0 ? entry.fields.length : 0,
    })),
  );

  const fieldLabel = (change: FieldChange): string => {
    if (change.kind === 'source') return t('import.changeSource', { column: change.field });
    const field = ENTRY_FIELDS.find((candidate) => candidate.key === change.field);
    if (field) return pick(lang, field.name_zh, field.name_en);
    if (change.field === 'sector_label') return t('entries.sectorLabel');
    if (change.field === 'contact') return t('entries.contact');
    return change.field;
  };
  const value = (change: FieldChange, text: string | null) => {
    if (text === null || text === '') {
      return <Typography.Text type="secondary">{t('import.emptyValue')}</Typography.Text>;
    }
    return change.kind === 'field' && change.field === 'sector' ? sectorName(lang, text) : text;
  };

  const shown = summary.changes.length;
  return (
    <Collapse
      style={{ marginTop: 16 }}
      defaultActiveKey={['changes']}
      data-testid="import-changes"
      items={[
        {
          key: 'changes',
          label: (
            <Typography.Text strong>
              {t('import.changesTitle', { n: summary.changes_total })}
              {shown < summary.changes_total && (
                <Typography.Text type="secondary">
                  {' '}
                  ({t('import.changesShown', { shown })})
                </Typography.Text>
              )}
            </Typography.Text>
          ),
          children: (
            <Table<ChangeRow>
              data-testid="changes-table"
              size="small"
              bordered
              pagination={false}
              scroll={{ y: 360 }}
              dataSource={rows}
              onRow={(row) => ({
                ...testId('change-row', { 'entry-id': row.entry_id, field: row.field }),
                style: row.scored ? { background: 'var(--ant-color-warning-bg)' } : undefined,
              })}
              columns={[
                {
                  title: t('col.entryId'),
                  dataIndex: 'entry_id',
                  width: 220,
                  onCell: (row) => ({ rowSpan: row.span }),
                  render: (id: string, row) => (
                    <Flex vertical gap={4} align="start">
                      {id}
                      {row.scored && (
                        <Tag color="warning" data-testid="changed-scored-tag">
                          {t('import.changedScoredTag')}
                        </Tag>
                      )}
                    </Flex>
                  ),
                },
                {
                  title: t('import.changeField'),
                  key: 'field',
                  width: 180,
                  render: (_, row) => fieldLabel(row),
                },
                {
                  title: t('import.changeBefore'),
                  key: 'before',
                  render: (_, row) => value(row, row.before),
                },
                {
                  title: t('import.changeAfter'),
                  key: 'after',
                  render: (_, row) => value(row, row.after),
                },
              ]}
            />
          ),
        },
      ]}
    />
  );
}
