// Recorded exports, newest first: when, which file (and round), what it holds (PDF kind, scope,
// method, rule), its SHA-256 and the data digest. The export page lists a round's; the overview
// the project's latest.
import { Card, Table, Typography } from 'antd';
import type { ExportHistoryItem, PdfKind, ShortlistRuleInput } from '@api/contract';
import type { AggregationMethod } from '@core/domain';
import { LoadError } from '@shared/components/LoadError';
import { formatTime, sectorName } from '@shared/format';
import { useSailQuery } from '@shared/hooks';
import { useLang, useT, type Lang, type Translate } from '@shared/i18n';
import { methodText, ruleText } from '@shared/ruleText';

/** The settings an export record keeps (ExportPlan.recordedSettings), as far as shown here. */
interface RecordedSettings {
  kind?: PdfKind;
  scope?: string;
  per_sector?: boolean;
  rule?: ShortlistRuleInput | null;
  method?: AggregationMethod;
  trim_k?: number;
}

/** What an export holds, in words: 排名表（含签字栏） · 总排名 · 算术平均 · 前 10 名. */
function contentText(item: ExportHistoryItem, t: Translate, lang: Lang): string {
  const s = item.settings as RecordedSettings;
  const scope =
    s.scope === undefined
      ? null
      : s.scope !== 'overall'
        ? sectorName(lang, s.scope)
        : s.per_sector
          ? t('export.perSector')
          : t('ranking.overall');
  return [
    item.format === 'pdf' && s.kind ? t(`export.kind.${s.kind}`) : null,
    scope,
    s.method ? methodText(s.method, s.trim_k ?? 1, t) : null,
    s.rule ? ruleText(s.rule, t, lang) : t('export.rule.all'),
  ]
    .filter((part) => part !== null)
    .join(' · ');
}

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
  const lang = useLang();
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
            render: (_, item) => formatTime(lang, item.created_at),
            width: 150,
          },
          ...(round === undefined
            ? [{ key: 'round', title: t('col.round'), dataIndex: 'round', width: 140 }]
            : []),
          { key: 'format', title: t('export.history.format'), dataIndex: 'format', width: 80 },
          { key: 'file', title: t('export.history.file'), dataIndex: 'file_name' },
          {
            key: 'content',
            title: t('export.history.content'),
            render: (_, item) => (
              <span data-testid="export-history-content">{contentText(item, t, lang)}</span>
            ),
          },
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
