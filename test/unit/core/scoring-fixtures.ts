// Builders for scoring tests: small rubrics, reviews and rounds.
import { DEFAULT_AGGREGATION, type AggregationSettings } from '../../../electron/core/domain';
import {
  aggregateRound,
  rankEntries,
  type EntryAggregate,
  type RankableEntry,
  type ScoringRubric,
  type SubmittedReview,
} from '../../../electron/core/scoring';

/** One criterion `q` worth 100: a review's score is its total. */
export const SINGLE: ScoringRubric = {
  criteria: [{ key: 'q', max: 100 }],
  gates: [],
  tie_break: [],
};

export function entry(
  entryKey: string,
  rubric: ScoringRubric = SINGLE,
  sector = 'factory',
): RankableEntry {
  return { entryKey, sector, rubric };
}

export function review(
  entryKey: string,
  reviewerId: string,
  scores: Record<string, number>,
  gates: Record<string, 'pass' | 'fail'> = {},
): SubmittedReview {
  return { entryKey, reviewerId, scores, gates };
}

/** Reviews of one entry under SINGLE, by reviewers R1, R2, … */
export function totals(entryKey: string, values: number[]): SubmittedReview[] {
  return values.map((q, i) => review(entryKey, `R${i + 1}`, { q }));
}

export function settings(overrides: Partial<AggregationSettings> = {}): AggregationSettings {
  return { ...DEFAULT_AGGREGATION, ...overrides };
}

/** Aggregates entries that all use SINGLE, given as entryKey -> totals. */
export function aggregateTotals(
  byEntry: Record<string, number[]>,
  overrides: Partial<AggregationSettings> = {},
): Map<string, EntryAggregate> {
  const keys = Object.keys(byEntry);
  const reviews = keys.flatMap((key) => totals(key, byEntry[key]!));
  return aggregateRound(
    keys.map((key) => entry(key)),
    reviews,
    settings(overrides),
  ).entries;
}

export function only(aggregates: Map<string, EntryAggregate>, key: string): EntryAggregate {
  const found = aggregates.get(key);
  if (!found) throw new Error(`no aggregate for ${key}`);
  return found;
}

/** Ranks a round of SINGLE entries and returns entryKey, rank, decidedBy and flags per row. */
export function rankTotals(
  byEntry: Record<string, number[]>,
  overrides: Partial<AggregationSettings> = {},
): { key: string; rank: number | null; by: string | null; flags: readonly string[] }[] {
  const aggregates = [...aggregateTotals(byEntry, overrides).values()];
  return rankEntries(aggregates, { tieBreak: null }).map((r) => ({
    key: r.entryKey,
    rank: r.rank,
    by: r.decidedBy,
    flags: r.flags,
  }));
}
