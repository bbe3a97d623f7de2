// Charts of the round: each expert's totals as a box plot (who is harsh, who is lenient), the
// spread of the top entries' totals, and a histogram of scores per sector.
import { useMemo, useState } from 'react';
import { Card, Empty, Flex, InputNumber, Skeleton, Typography } from 'antd';
import type { BoxSummary, ResultCharts } from '@api/contract';
import { EChart, type ChartOption } from '@shared/components/EChart';
import { LoadError } from '@shared/components/LoadError';
import { sectorName } from '@shared/format';
import { useDebounced, useSailQuery } from '@shared/hooks';
import { useLang, useT, type Lang, type Translate } from '@shared/i18n';
import { rankInput, type RankSettings } from '@shared/useRankSettings';

const boxData = (box: BoxSummary) => [box.min, box.q1, box.median, box.q3, box.max];

function boxOption(
  names: string[],
  boxes: BoxSummary[],
  series: string,
  t: Translate,
): ChartOption {
  return {
    tooltip: {
      trigger: 'item',
      formatter: (param: unknown) => {
        const { dataIndex } = param as { dataIndex: number };
        const box = boxes[dataIndex];
        if (!box) return '';
        return `${names[dataIndex] ?? ''}<br/>${t('charts.boxTooltip', {
          n: box.n,
          min: box.min,
          q1: box.q1.toFixed(2),
          median: box.median.toFixed(2),
          q3: box.q3.toFixed(2),
          max: box.max,
          mean: box.mean.toFixed(2),
        })}`;
      },
    },
    grid: { left: 48, right: 16, top: 24, bottom: 72 },
    xAxis: {
      type: 'category',
      data: names,
      axisLabel: { interval: 0, rotate: names.length > 8 ? 40 : 0 },
    },
    yAxis: { type: 'value', min: 0, max: 100, name: t('charts.total') },
    dataZoom: names.length > 30 ? [{ type: 'slider', bottom: 8 }] : [],
    series: [{ name: series, type: 'boxplot', data: boxes.map(boxData) }],
  };
}

function histogramOption(data: ResultCharts, lang: Lang, t: Translate): ChartOption {
  const bins = data.sectors[0]?.bins ?? [];
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 36, bottom: 32 },
    xAxis: { type: 'category', data: bins.map((b) => `${b.from}–${b.to}`), name: t('col.score') },
    yAxis: { type: 'value', minInterval: 1, name: t('charts.entries') },
    series: data.sectors.map((s) => ({
      name: sectorName(lang, s.sector),
      type: 'bar',
      data: s.bins.map((b) => b.count),
    })),
  };
}

export function ChartsPanel({ round, settings }: { round: string; settings: RankSettings }) {
  const t = useT();
  const lang = useLang();
  const [top, setTop] = useState(30);
  const settledTop = useDebounced(top, 300);
  const query = useSailQuery('ranking.charts', { ...rankInput(round, settings), top: settledTop });
  const data = query.data;
  const options = useMemo(
    () =>
      data && {
        reviewers: boxOption(
          data.reviewers.map((r) => r.name),
          data.reviewers.map((r) => r.box),
          t('charts.reviewers'),
          t,
        ),
        entries: boxOption(
          data.entries.map((e) => `${e.rank ?? '—'}. ${e.entry_id}`),
          data.entries.map((e) => e.box),
          t('charts.entryTotals'),
          t,
        ),
        sectors: histogramOption(data, lang, t),
      },
    [data, lang, t],
  );
  if (query.error) return <LoadError error={query.error} onRetry={query.reload} />;
  if (!data || !options) return <Skeleton active />;
  if (data.reviewers.length === 0) return <Empty description={t('ranking.empty')} />;
  return (
    <Flex vertical gap={16}>
      <Card size="small" title={t('charts.reviewersTitle')}>
        <Typography.Paragraph type="secondary">{t('charts.reviewersHint')}</Typography.Paragraph>
        <EChart option={options.reviewers} height={320} testId="chart-reviewers" />
      </Card>
      <Card
        size="small"
        title={t('charts.entriesTitle')}
        extra={
          <Flex gap={8} align="center">
            <Typography.Text>{t('charts.top')}</Typography.Text>
            <InputNumber
              min={1}
              max={500}
              precision={0}
              value={top}
              onChange={(v) => v !== null && setTop(v)}
              data-testid="chart-top"
            />
          </Flex>
        }
      >
        <EChart option={options.entries} height={340} testId="chart-entries" />
      </Card>
      <Card size="small" title={t('charts.sectorsTitle')}>
        <Typography.Paragraph type="secondary">{t('charts.sectorsHint')}</Typography.Paragraph>
        <EChart option={options.sectors} height={300} testId="chart-sectors" />
      </Card>
    </Flex>
  );
}
