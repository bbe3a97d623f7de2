// Data for the results charts: each reviewer's totals in the scope (harsh or lenient), the
// spread of the top entries' totals, and how the scores of each sector are distributed.
import { aggregateColumns } from '../../core/scoring';
import { boxStats, histogram } from '../../core/scoring/distribution';
import type { ProjectStore } from '../../store/project-store';
import type { BoxSummary, ResultCharts } from '../contract';
import { groupBy, rankScope, roundData, type RankOverrides } from './round-data';

/** Bins of the per-sector score histograms, in points. */
const BIN_WIDTH = 10;

export function resultCharts(
  store: ProjectStore,
  input: RankOverrides & { round: string; scope: string; top: number },
): ResultCharts {
  const data = roundData(store, input.round, { method: input.method, trim_k: input.trim_k });
  const aggregation = aggregateColumns(data.rankable, data.columns, data.settings);
  const names = new Map(store.reviewers.list().map((r) => [r.external_id, r.name]));
  const scope = rankScope(data, aggregation, input.scope);

  const { columns } = data;
  const inScope = new Set(scope.entries.map((entry) => data.index.get(entry.entry_id)));
  const totals: Array<[string, number]> = [];
  for (let i = 0; i < columns.count; i++) {
    if (!inScope.has(columns.entry[i])) continue;
    totals.push([columns.reviewerIds[columns.reviewer[i] ?? 0] ?? '', columns.total[i] ?? 0]);
  }
  const reviewers = [...groupBy(totals)]
    .map(([reviewer_id, values]) => ({
      reviewer_id,
      name: names.get(reviewer_id) ?? reviewer_id,
      box: boxStats(values) as BoxSummary,
    }))
    // Harshest first: the lowest median totals at the left of the chart.
    .sort((a, b) => a.box.median - b.box.median || (a.reviewer_id < b.reviewer_id ? -1 : 1));

  const titles = new Map(scope.entries.map((entry) => [entry.entry_id, entry.title]));
  const entries = scope.ranked
    .filter((entry) => entry.rank !== null && entry.totals.length > 0)
    .slice(0, input.top)
    .map((entry) => ({
      entry_id: entry.entryKey,
      title: titles.get(entry.entryKey) ?? '',
      rank: entry.rank,
      box: boxStats(entry.totals) as BoxSummary,
    }));

  // The field that competes: an entry out on a gate has a score but no rank.
  const bySector = groupBy(
    scope.ranked.flatMap((entry): Array<[string, number]> =>
      entry.score === null || entry.rank === null ? [] : [[entry.sector ?? '—', entry.score]],
    ),
  );
  const sectors = [...bySector]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([sector, scores]) => ({ sector, bins: histogram(scores, BIN_WIDTH) }));

  return { reviewers, entries, sectors };
}
