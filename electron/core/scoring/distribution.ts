// Summaries for the results charts: box-plot statistics and histograms of scores.

export interface BoxStats {
  n: number;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
  mean: number;
}

/** Quantile p of ascending values, interpolating linearly between ranks (n − 1)·p. */
function quantile(sorted: readonly number[], p: number): number {
  const position = (sorted.length - 1) * p;
  const lo = Math.floor(position);
  const hi = Math.ceil(position);
  const a = sorted[lo] as number;
  return a + ((sorted[hi] as number) - a) * (position - lo);
}

/** Five-number summary and mean; null for no values. */
export function boxStats(values: readonly number[]): BoxStats | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    min: sorted[0] as number,
    q1: quantile(sorted, 0.25),
    median: quantile(sorted, 0.5),
    q3: quantile(sorted, 0.75),
    max: sorted[sorted.length - 1] as number,
    mean: sorted.reduce((sum, v) => sum + v, 0) / sorted.length,
  };
}

export interface Bin {
  /** Scores from `from` (included) up to `to` (excluded; the last bin includes 100). */
  from: number;
  to: number;
  count: number;
}

/** Counts of scores in bins of `width` points over 0–100. */
export function histogram(values: readonly number[], width = 10): Bin[] {
  const bins: Bin[] = [];
  for (let from = 0; from < 100; from += width) {
    bins.push({ from, to: Math.min(100, from + width), count: 0 });
  }
  for (const v of values) {
    const i = Math.min(bins.length - 1, Math.max(0, Math.floor(v / width)));
    const bin = bins[i];
    if (bin) bin.count++;
  }
  return bins;
}
