// How much the result depends on the method: each entry's rank under every method side by
// side, Kendall's τ-b between methods, and the borderline entries whose place on the shortlist
// the method decides. Below it, the what-if view for criterion weights.
import { useState } from 'react';
import { Card, Empty, Flex, Skeleton, Switch, Table, Tag, Typography } from 'antd';
import type { RobustnessRow, ShortlistRuleInput } from '@api/contract';
import { AGGREGATION_METHODS, type AggregationMethod } from '@core/domain';
import { LoadError } from '@shared/components/LoadError';
import { formatScore } from '@shared/format';
import { useSailQuery } from '@shared/hooks';
import { useT } from '@shared/i18n';
import { testId } from '@shared/testId';
import { rankInput, type RankSettings } from '@shared/useRankSettings';
import { methodText } from '@shared/ruleText';

interface RobustnessPanelProps {
  round: string;
  settings: RankSettings;
  rule: ShortlistRuleInput;
}

export function RobustnessPanel({ round, settings, rule }: RobustnessPanelProps) {
  const t = useT();
  const query = useSailQuery('ranking.robustness', { ...rankInput(round, settings), rule });
  const [onlyBorderline, setOnlyBorderline] = useState(false);
  if (query.error) return <LoadError error={query.error} onRetry={query.reload} />;
  const data = query.data;
  if (!data) return <Skeleton active />;
  const borderline = data.rows.filter((row) => row.borderline).length;
  const rows = onlyBorderline ? data.rows.filter((row) => row.borderline) : data.rows;
  const tau = new Map(data.agreement.map((a) => [`${a.a}/${a.b}`, a]));
  const pair = (a: AggregationMethod, b: AggregationMethod) =>
    tau.get(`${a}/${b}`) ?? tau.get(`${b}/${a}`);
  // Which trim count the trimmed column used, whatever method is on screen.
  const methodName = (m: AggregationMethod) => methodText(m, data.trim_k, t);

  return (
    <Flex vertical gap={16}>
      <Card size="small" title={t('robustness.kendall')}>
        <Table
          size="small"
          bordered
          pagination={false}
          rowKey="method"
          data-testid="kendall-matrix"
          dataSource={AGGREGATION_METHODS.map((method) => ({ method }))}
          columns={[
            { title: '', dataIndex: 'method', render: (m: AggregationMethod) => methodName(m) },
            ...AGGREGATION_METHODS.map((b) => ({
              title: methodName(b),
              key: b,
              align: 'right' as const,
              render: (_: unknown, { method: a }: { method: AggregationMethod }) => {
                if (a === b) return '—';
                const agreement = pair(a, b);
                return (
                  <span
                    data-testid="kendall-cell"
                    data-a={a}
                    data-b={b}
                    data-tau={agreement?.tau ?? ''}
                  >
                    {agreement?.tau === null || agreement === undefined
                      ? '—'
                      : agreement.tau.toFixed(3)}
                  </span>
                );
              },
            })),
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('robustness.kendallHint')}
        </Typography.Paragraph>
      </Card>
      <Flex gap={12} align="center">
        <Typography.Text data-testid="robustness-borderline" data-count={borderline}>
          {t('robustness.borderlineCount', { n: borderline })}
        </Typography.Text>
        <Switch
          checked={onlyBorderline}
          onChange={setOnlyBorderline}
          data-testid="robustness-only-borderline"
        />
        <Typography.Text>{t('robustness.onlyBorderline')}</Typography.Text>
      </Flex>
      <Table<RobustnessRow>
        size="small"
        bordered
        rowKey="entry_id"
        data-testid="robustness-table"
        dataSource={rows}
        pagination={rows.length > 100 ? { pageSize: 100, showSizeChanger: false } : false}
        locale={{ emptyText: <Empty description={t('ranking.empty')} /> }}
        rowClassName={(row) => (row.borderline ? 'sail-row-borderline' : '')}
        onRow={(row) =>
          testId('robustness-row', {
            'entry-id': row.entry_id,
            borderline: String(row.borderline),
            ranks: AGGREGATION_METHODS.map((m) => row.ranks[m] ?? '-').join(','),
          })
        }
        columns={[
          { title: t('col.entryId'), dataIndex: 'entry_id', width: 130, fixed: 'left' },
          { title: t('col.title'), dataIndex: 'title', ellipsis: true, width: 220 },
          ...AGGREGATION_METHODS.map((m) => ({
            title: (
              <span style={{ fontWeight: m === data.method ? 700 : undefined }}>
                {methodName(m)}
              </span>
            ),
            key: m,
            width: 150,
            align: 'right' as const,
            render: (_: unknown, row: RobustnessRow) => (
              <span>
                {row.ranks[m] ?? '—'}{' '}
                <Typography.Text type="secondary">({formatScore(row.scores[m])})</Typography.Text>
                {row.shortlisted[m] && (
                  <Tag color="green" style={{ marginLeft: 4 }}>
                    {t('robustness.in')}
                  </Tag>
                )}
              </span>
            ),
          })),
          {
            title: t('flag.borderline'),
            dataIndex: 'borderline',
            width: 90,
            render: (b: boolean) => b && <Tag color="magenta">{t('flag.borderline')}</Tag>,
          },
        ]}
      />
    </Flex>
  );
}
