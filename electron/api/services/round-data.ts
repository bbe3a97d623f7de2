// A round's scoring inputs loaded once, for the results views that re-aggregate them (explain,
// what-if, charts): the same inputs and the same scope rules as rankRound in ranking.ts.
import type { AggregationSettings, RubricVersion } from '../../core/domain';
import { SailError } from '../../core/errors';
import {
  rankEntries,
  type RankableEntry,
  type RankedEntry,
  type RoundAggregation,
  type SubmittedReview,
} from '../../core/scoring';
import type { ProjectStore } from '../../store/project-store';
import type { RoundEntryRow, RoundRecord } from '../../store/repos/rounds';
import { OVERALL } from './ranking';
import { requireRound, roundSettings } from './rounds';

export type RankOverrides = Partial<Pick<AggregationSettings, 'method' | 'trim_k'>>;

export interface RoundData {
  round: RoundRecord;
  settings: AggregationSettings;
  entries: RoundEntryRow[];
  /** The rubric version each entry is scored with, by entry id. */
  rubricOf: Map<string, RubricVersion>;
  rankable: RankableEntry[];
  reviews: SubmittedReview[];
}

/** The round's settings with the method and trim count chosen on screen. */
export function effectiveSettings(
  round: RoundRecord,
  overrides: RankOverrides,
): AggregationSettings {
  return {
    ...roundSettings(round),
    ...(overrides.method ? { method: overrides.method } : {}),
    ...(overrides.trim_k ? { trim_k: overrides.trim_k } : {}),
  };
}

export function loadRoundData(
  store: ProjectStore,
  roundName: string,
  overrides: RankOverrides,
): RoundData {
  const round = requireRound(store, roundName);
  const entries = store.rounds.entries(round.id);
  const versions = new Map<number, RubricVersion>();
  const rubricOf = new Map<string, RubricVersion>();
  for (const entry of entries) {
    let rubric = versions.get(entry.rubric_id);
    if (!rubric) {
      rubric = store.rubrics.require(entry.rubric_id);
      versions.set(entry.rubric_id, rubric);
    }
    rubricOf.set(entry.entry_id, rubric);
  }
  const reviews = new Map<string, SubmittedReview>();
  const reviewOf = (entryKey: string, reviewerId: string): SubmittedReview => {
    const key = `${entryKey}\u0000${reviewerId}`;
    let review = reviews.get(key);
    if (!review) {
      review = { entryKey, reviewerId, scores: {}, gates: {} };
      reviews.set(key, review);
    }
    return review;
  };
  for (const row of store.reviews.submittedScores(round.id)) {
    reviewOf(row.entry_id, row.reviewer_id).scores[row.criterion_key] = row.points;
  }
  for (const row of store.reviews.submittedGates(round.id)) {
    reviewOf(row.entry_id, row.reviewer_id).gates[row.gate_key] =
      row.passed === 1 ? 'pass' : 'fail';
  }
  return {
    round,
    settings: effectiveSettings(round, overrides),
    entries,
    rubricOf,
    rankable: entries.map((entry) => ({
      entryKey: entry.entry_id,
      sector: entry.sector,
      rubric: rubricOf.get(entry.entry_id) as RubricVersion,
    })),
    reviews: [...reviews.values()],
  };
}

/** The entries of a scope: the whole round, or one sector of it. */
export function entriesInScope(data: RoundData, scope: string): RoundEntryRow[] {
  const inScope =
    scope === OVERALL ? data.entries : data.entries.filter((entry) => entry.sector === scope);
  if (inScope.length === 0 && scope !== OVERALL) {
    throw new SailError(
      'scope_empty',
      `评审批次“${data.round.name}”中没有领域为 ${scope} 的项目。`,
      `Round "${data.round.name}" has no entries in sector ${scope}.`,
    );
  }
  return inScope;
}

/** Ranks a scope of an aggregation as rankRound does: the rubric's tie-break within one rubric. */
export function rankScope(
  data: RoundData,
  aggregation: RoundAggregation,
  scope: string,
): RankedEntry[] {
  const inScope = entriesInScope(data, scope);
  const rubrics = new Set(inScope.map((entry) => data.rubricOf.get(entry.entry_id)));
  const [only] = rubrics;
  const tieBreak = scope === OVERALL || rubrics.size !== 1 ? null : (only?.tie_break ?? []);
  return rankEntries(
    inScope.map((entry) => aggregation.entries.get(entry.entry_id)).filter((a) => a !== undefined),
    { tieBreak },
  );
}

/** A review's total: the sum of its scores on the criteria of the entry's rubric (SCORING.md). */
export function reviewTotal(data: RoundData, review: SubmittedReview): number {
  const criteria = data.rubricOf.get(review.entryKey)?.criteria ?? [];
  return criteria.reduce((sum, c) => sum + (review.scores[c.key] ?? 0), 0);
}

/** Values grouped by key, in first-seen order. */
export function groupBy<T>(pairs: Iterable<[string, T]>): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const [key, value] of pairs) {
    const list = groups.get(key);
    if (list) list.push(value);
    else groups.set(key, [value]);
  }
  return groups;
}
