// Inputs and outputs of the scoring engine (SCORING.md). Pure data, no behaviour.
import type { RankFlag } from '../domain';

/** A submitted (complete) review: every rubric criterion scored, every gate answered. */
export interface SubmittedReview {
  /** Stable id of the entry within the round (the external entry id). */
  entryKey: string;
  reviewerId: string;
  /** Criterion key -> points. */
  scores: Record<string, number>;
  /** Gate key -> answer. */
  gates: Record<string, 'pass' | 'fail'>;
}

/** The part of a rubric the engine needs. */
export interface ScoringRubric {
  criteria: readonly { key: string; max: number }[];
  gates: readonly { key: string }[];
  tie_break: readonly string[];
}

export interface RankableEntry {
  entryKey: string;
  /** Sector key, for per-sector ranking. */
  sector: string | null;
  rubric: ScoringRubric;
}

export interface EntryAggregate {
  entryKey: string;
  sector: string | null;
  /** Number of submitted reviews. */
  reviews: number;
  /** Review totals, ascending (ties by reviewer id), so results do not depend on input order. */
  totals: readonly number[];
  /** Reviewer of each total, aligned with `totals`. */
  reviewerIds: readonly string[];
  /** Score by the method at full precision; null when there are no reviews. */
  scoreExact: number | null;
  /** `scoreExact` at 2 decimals, round half up: the value ranking compares. */
  score: number | null;
  /** Plain mean of all totals, whatever the method (tie-break step 1). */
  allJudgeMeanExact: number | null;
  allJudgeMean: number | null;
  /** Plain per-criterion means; empty when there are no reviews. */
  criteriaExact: Readonly<Record<string, number>>;
  criteria: Readonly<Record<string, number>>;
  /** `trimmed`: the totals left out of the score, ascending; empty otherwise. */
  droppedTotals: readonly number[];
  /** `zscore`: the transformed totals, aligned with `totals`; null for other methods. */
  normalisedTotals: readonly number[] | null;
  /** In RANK_FLAGS order; `tie` is added by ranking. Shared between entries: read only. */
  flags: readonly RankFlag[];
  /** First failed gate in rubric order (more than half of the reviews say fail), else null. */
  gateFailed: string | null;
}

/** Why a reviewer's totals were used as they are by `zscore`. */
export type ReviewerFlag = 'too_few_totals' | 'zero_spread';

export interface RoundAggregation {
  /** Keyed by entryKey, in the order of the entries given. */
  entries: Map<string, EntryAggregate>;
  /** Only filled for `zscore`. */
  reviewerFlags: Map<string, ReviewerFlag>;
}

/** Which step separated an entry from the one ranked just above it. */
export type DecidedBy = 'score' | 'all_judge_mean' | `criterion:${string}` | 'tie';

export interface RankedEntry extends EntryAggregate {
  /** Competition rank (1, 2, 2, 4); null for unranked entries. */
  rank: number | null;
  /** Null for the first ranked entry and for unranked ones. */
  decidedBy: DecidedBy | null;
}

export interface RankOptions {
  /** The rubric's tie_break keys; null for the overall ranking, which skips that step. */
  tieBreak: readonly string[] | null;
}
