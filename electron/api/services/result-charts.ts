// Data for the results charts: each reviewer's totals (harsh or lenient), the spread of the
// top entries' totals, and how the scores of each sector are distributed.
import { aggregateRound } from '../../core/scoring';
import { boxStats, histogram } from '../../core/scoring/distribution';
import type { ProjectStore } from '../../store/project-store';
import type { BoxSummary, ResultCharts } from '../contract';
import {
  entriesInScope,
  groupBy,
  loadRoundData,
  rankScope,
  reviewTotal,
  type RankOverrides,
} from './round-data';

/** Bins of the per-sector score histograms, in points. */
const BIN_WIDTH = 10;

export function resultCharts(
  store: ProjectStore,
  input: RankOverrides & { round: string; scope: string; top: number },
): ResultCharts {
  const data = loadRoundData(store, input.round, { method: input.method, trim_k: input.trim_k });
  const aggregation = aggregateRound(data.rankable, data.reviews, data.settings);
  const names = new Map(store.reviewers.list().map((r) => [r.external_id, r.name]));

  const byReviewer = groupBy(
    data.reviews.map((review): [string, number] => [review.reviewerId, reviewTotal(data, review)]),
  );
  const reviewers = [...byReviewer]
    .map(([reviewer_id, totals]) => ({
      reviewer_id,
      name: names.get(reviewer_id) ?? reviewer_id,
      box: boxStats(totals) as BoxSummary,
    }))
    // Harshest first: the lowest median totals at the left of the chart.
    .sort((a, b) => a.box.median - b.box.median || (a.reviewer_id < b.reviewer_id ? -1 : 1));

  const titles = new Map(data.entries.map((entry) => [entry.entry_id, entry.title]));
  const entries = rankScope(data, aggregation, input.scope)
    .filter((entry) => entry.rank !== null && entry.totals.length > 0)
    .slice(0, input.top)
    .map((entry) => ({
      entry_id: entry.entryKey,
      title: titles.get(entry.entryKey) ?? '',
      rank: entry.rank,
      box: boxStats(entry.totals) as BoxSummary,
    }));

  const bySector = groupBy(
    entriesInScope(data, input.scope).flatMap((entry): Array<[string, number]> => {
      const score = aggregation.entries.get(entry.entry_id)?.score ?? null;
      return score === null ? [] : [[entry.sector ?? '—', score]];
    }),
  );
  const sectors = [...bySector]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([sector, scores]) => ({ sector, bins: histogram(scores, BIN_WIDTH) }));

  return { reviewers, entries, sectors };
}
