// A small React wrapper over echarts: only the charts and components the window uses are
// registered (tree-shaken, bundled, offline). The container carries a summary of its series in
// data-series, and data-rendered once echarts has drawn them, so tests check data, not pixels.
import { useEffect, useRef } from 'react';
import {
  BarChart,
  BoxplotChart,
  type BarSeriesOption,
  type BoxplotSeriesOption,
} from 'echarts/charts';
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type DataZoomComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import type { ComposeOption, ECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// echarts' registration, not a React hook.
echarts.use([
  BarChart,
  BoxplotChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  DataZoomComponent,
  CanvasRenderer,
]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | BoxplotSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | DataZoomComponentOption
>;

interface EChartProps {
  option: ChartOption;
  height: number;
  testId: string;
}

/** Each series' name, type and number of data points, for the data-series attribute. */
function seriesSummary(option: ChartOption): string {
  const series = Array.isArray(option.series)
    ? option.series
    : option.series
      ? [option.series]
      : [];
  return JSON.stringify(
    series.map((s) => ({
      name: s.name ?? '',
      type: s.type ?? '',
      points: Array.isArray(s.data) ? s.data.length : 0,
    })),
  );
}

export function EChart({ option, height, testId }: EChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = echarts.init(element);
    chart.current = instance;
    instance.on('finished', () => element.setAttribute('data-rendered', 'true'));
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(element);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    container.current?.removeAttribute('data-rendered');
    // notMerge: a new option replaces the old one, so series removed on screen go away.
    chart.current?.setOption(option, true);
  }, [option]);

  return (
    <div
      ref={container}
      style={{ height, width: '100%' }}
      data-testid={testId}
      data-series={seriesSummary(option)}
    />
  );
}
