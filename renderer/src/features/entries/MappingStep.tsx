// The second step of an import: the file as it will be read (format, encoding, sheet, header
// row), its first rows, and above each column the entry field it maps to. Importing stays
// disabled while a required field has no column; the mapping confirmed here is saved and offered
// again for the next file with the same headers.
import { useState } from 'react';
import { Alert, Button, Flex, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import type { EntryPreview, OperationInput } from '@api/contract';
import type { Programme } from '@core/domain';
import { missingRequiredFields, type EntryField } from '@core/entries';
import { LoadError } from '@shared/components/LoadError';
import { useSailQuery } from '@shared/hooks';
import { pick, useLang, useT } from '@shared/i18n';

type Encoding = NonNullable<OperationInput<'entries.import'>['encoding']>;
const ENCODINGS: Encoding[] = ['auto', 'utf8', 'gbk'];

export interface ImportChoice {
  encoding: Encoding;
  sheet: string | undefined;
  /** Every column of the file: its field key, or null to keep it only as a source column. */
  mapping: Record<string, string | null>;
}

interface StepProps {
  path: string;
  fileName: string | undefined;
  programme: Programme;
  importing: boolean;
  onBack: () => void;
  onImport: (choice: ImportChoice) => void;
}

export function MappingStep({ path, fileName, programme, importing, onBack, onImport }: StepProps) {
  const t = useT();
  const [encoding, setEncoding] = useState<Encoding>('auto');
  const [sheet, setSheet] = useState<string | undefined>();
  const preview = useSailQuery('entries.preview', {
    path,
    programme,
    encoding,
    sheet,
    file_name: fileName,
  });
  const data = preview.data;
  // While another sheet or encoding loads (or fails), the last preview stays on screen.
  return (
    <div data-testid="mapping-step">
      {data ? (
        <FileBar
          preview={data}
          encoding={encoding}
          onEncoding={setEncoding}
          onSheet={setSheet}
          disabled={importing}
        />
      ) : (
        !preview.error && <Spin description={t('mapping.loading')} style={{ width: '100%' }} />
      )}
      {preview.error ? (
        <>
          <LoadError error={preview.error} onRetry={preview.reload} />
          <Flex justify="end" style={{ marginTop: 16 }}>
            <Button onClick={onBack}>{t('mapping.back')}</Button>
          </Flex>
        </>
      ) : (
        data && (
          <Spin spinning={preview.loading} description={t('mapping.loading')}>
            <MappingEditor
              // A new header (other sheet, other encoding) starts from that file's own mapping.
              key={`${data.sheet ?? ''}\u0000${data.headers.join('\u0000')}`}
              preview={data}
              programme={programme}
              importing={importing}
              onBack={onBack}
              onImport={(mapping) =>
                onImport({ encoding, sheet: data.sheet ?? undefined, mapping })
              }
            />
          </Spin>
        )
      )}
    </div>
  );
}

function FileBar({
  preview,
  encoding,
  onEncoding,
  onSheet,
  disabled,
}: {
  preview: EntryPreview;
  encoding: Encoding;
  onEncoding: (encoding: Encoding) => void;
  onSheet: (sheet: string) => void;
  disabled: boolean;
}) {
  const t = useT();
  return (
    <Flex gap={16} wrap align="center" style={{ marginBottom: 12 }}>
      <Typography.Text>
        {t('mapping.file')}：<Typography.Text strong>{preview.file}</Typography.Text>
      </Typography.Text>
      <Typography.Text>
        {t('mapping.format')}：{preview.format.toUpperCase()}
      </Typography.Text>
      {preview.format === 'csv' && (
        <Space size={4}>
          {t('import.encoding')}：
          <Select<Encoding>
            data-testid="import-encoding"
            size="small"
            style={{ width: 260 }}
            value={encoding}
            disabled={disabled}
            onChange={onEncoding}
            options={ENCODINGS.map((value) => ({
              value,
              label:
                value === 'auto'
                  ? t('mapping.encodingDetected', { encoding: preview.encoding ?? '' })
                  : t(`import.encoding.${value}`),
            }))}
          />
        </Space>
      )}
      {preview.format === 'xlsx' && (
        <Space size={4}>
          {t('mapping.sheet')}：
          <Select<string>
            data-testid="import-sheet"
            size="small"
            style={{ minWidth: 160 }}
            value={preview.sheet ?? undefined}
            disabled={disabled}
            onChange={onSheet}
            options={preview.sheets.map((name) => ({ value: name, label: name }))}
          />
        </Space>
      )}
      <Typography.Text type="secondary">
        {t('mapping.headerRow', { row: preview.header_row })}
      </Typography.Text>
    </Flex>
  );
}

/** The drop-down value of a column kept only as a source column (an option cannot be null). */
const KEEP_SOURCE = '';
const ROW_COLUMN_WIDTH = 64;
const COLUMN_WIDTH = 200;

interface EditorProps {
  preview: EntryPreview;
  programme: Programme;
  importing: boolean;
  onBack: () => void;
  onImport: (mapping: Record<string, string | null>) => void;
}

function MappingEditor({ preview, programme, importing, onBack, onImport }: EditorProps) {
  const t = useT();
  const lang = useLang();
  const [mapping, setMapping] = useState(preview.mapping);
  const nameOf = (key: string) => {
    const field = preview.fields.find((candidate) => candidate.key === key);
    return field ? pick(lang, field.name_zh, field.name_en) : key;
  };
  const missing = missingRequiredFields(mapping as Record<string, EntryField | null>, programme);
  const required = preview.fields.filter((field) => field.required);

  // A field belongs to one column: choosing it for another moves it there.
  const choose = (header: string, field: string | null) =>
    setMapping((current) => {
      const next = { ...current };
      if (field !== null) {
        for (const [other, mapped] of Object.entries(next))
          if (mapped === field) next[other] = null;
      }
      next[header] = field;
      return next;
    });

  const options = [
    { value: KEEP_SOURCE, label: t('mapping.keepSource') },
    ...preview.fields.map((field) => ({
      value: field.key,
      label: `${pick(lang, field.name_zh, field.name_en)}${field.required ? t('mapping.requiredMark') : ''}`,
    })),
  ];

  return (
    <>
      <Alert
        type={preview.saved_mapping ? 'success' : 'info'}
        showIcon
        title={preview.saved_mapping ? t('mapping.saved') : t('mapping.detected')}
        style={{ marginBottom: 12 }}
        data-testid={preview.saved_mapping ? 'mapping-saved' : 'mapping-detected'}
      />
      <Flex gap={6} wrap align="center" style={{ marginBottom: 12 }}>
        <Typography.Text>{t('mapping.requiredFields')}</Typography.Text>
        {required.map((field) => (
          <Tag
            key={field.key}
            color={missing.includes(field.key as EntryField) ? 'error' : 'success'}
            data-testid={`required-${field.key}`}
            data-mapped={String(!missing.includes(field.key as EntryField))}
          >
            {pick(lang, field.name_zh, field.name_en)}
          </Tag>
        ))}
        {programme === 'pioneer' && (
          <Typography.Text type="secondary">{t('mapping.pioneerName')}</Typography.Text>
        )}
      </Flex>
      <Typography.Text type="secondary">
        {preview.rows.length > 0
          ? t('mapping.rowsShown', { n: preview.rows.length })
          : t('mapping.noRows')}
      </Typography.Text>
      {/* Scrolled by its wrapper: antd's own scrolling copies every column title (and so every
          drop-down) into a hidden measuring row. */}
      <div style={{ overflowX: 'auto', marginTop: 8 }}>
        <Table<EntryPreview['rows'][number]>
          data-testid="mapping-table"
          size="small"
          bordered
          tableLayout="fixed"
          style={{ minWidth: ROW_COLUMN_WIDTH + preview.headers.length * COLUMN_WIDTH }}
          pagination={false}
          rowKey="row"
          dataSource={preview.rows}
          columns={[
            { title: t('col.row'), dataIndex: 'row', width: ROW_COLUMN_WIDTH },
            ...preview.headers.map((header, index) => ({
              key: String(index),
              width: COLUMN_WIDTH,
              ellipsis: true,
              title: (
                <Flex vertical gap={4}>
                  <Typography.Text strong ellipsis={{ tooltip: header }}>
                    {header}
                  </Typography.Text>
                  <Select<string>
                    data-testid={`mapping-field-${index}`}
                    data-header={header}
                    size="small"
                    showSearch={{ optionFilterProp: 'label' }}
                    popupMatchSelectWidth={false}
                    disabled={importing}
                    value={mapping[header] ?? KEEP_SOURCE}
                    onChange={(value) => choose(header, value === KEEP_SOURCE ? null : value)}
                    options={options}
                    aria-label={header}
                  />
                </Flex>
              ),
              render: (_: unknown, row: EntryPreview['rows'][number]) => row.values[index] ?? '',
            })),
          ]}
        />
      </div>
      {missing.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          data-testid="mapping-missing"
          title={t('mapping.missing', {
            fields: missing.map(nameOf).join(lang === 'zh-CN' ? '、' : ', '),
          })}
        />
      )}
      <Flex justify="end" gap={8} style={{ marginTop: 16 }}>
        <Button onClick={onBack} disabled={importing}>
          {t('mapping.back')}
        </Button>
        <Button
          type="primary"
          loading={importing}
          disabled={missing.length > 0}
          onClick={() => onImport(mapping)}
          data-testid="mapping-import"
        >
          {t('mapping.import')}
        </Button>
      </Flex>
    </>
  );
}
