// Results: the ranking, and what lies behind it (explain, discussion, robustness, what-if, charts).
// One domain of the contract (contract.ts combines them): Node-free, like all of it.
import { z } from 'zod';
import type { AggregationMethod, AggregationSettings, RankFlag } from '../../core/domain';
import type { DiscussionReason } from '../../core/scoring/discussion';
import type { BoxStats } from '../../core/scoring/distribution';
import { nonEmpty, method, roundRef, rankRef, op } from './shared';
import { shortlistRuleSchema, type ShortlistCutInfo } from './shortlists';

export interface RankRow {
  rank: number | null;
  entry_id: string;
  title: string;
  applicant: string;
  province: string | null;
  sector: string | null;
  /** The rubric version the entry is scored with (RankResult.rubrics names it). */
  rubric_id: number;
  /** The 2-decimal value used for ranking. */
  score: number | null;
  all_judge_mean: number | null;
  reviews: number;
  criteria: Record<string, number>;
  flags: RankFlag[];
  /** Key of the gate the entry failed, or null. */
  gate_failed: string | null;
  /** Which step of the tie-break chain separated this entry from the one ranked above it. */
  decided_by: string | null;
}

export interface RankResult {
  round: string;
  scope: string;
  settings: AggregationSettings;
  rubrics: Array<{
    sector: string;
    rubric_id: number;
    version: number;
    name_zh: string;
    name_en: string;
  }>;
  tie_break_chain: string[];
  /** `zscore`: reviewers whose totals were used as they are (SCORING.md), and why. */
  reviewer_flags: Array<{ reviewer_id: string; flag: NonNullable<ExplainReviewer['flag']> }>;
  rows: RankRow[];
}

export interface ExplainReview {
  reviewer_id: string;
  reviewer_name: string;
  total: number;
  scores: Record<string, number>;
  gates: Record<string, 'pass' | 'fail'>;
  comment: string;
  submitted_at: string | null;
  /** The trimmed mean left this total out. */
  dropped: boolean;
  /** zscore: the transformed total; null for other methods. */
  normalised: number | null;
}

/** zscore: a reviewer's totals over the whole round and how they are transformed. */
export interface ExplainReviewer {
  reviewer_id: string;
  totals: number;
  mean: number;
  sd: number;
  /** Why the totals are used as they are; null when they are transformed. */
  flag: 'too_few_totals' | 'zero_spread' | null;
}

export interface ExplainNeighbour {
  entry_id: string;
  title: string;
  rank: number | null;
  /** The step of the chain that separated the two, or 'tie'. */
  decided_by: string;
  /** Compared values up to the deciding step: `entry` is the explained entry's. */
  steps: Array<{ step: string; entry: number | null; other: number | null }>;
}

export interface EntryExplanation {
  round: string;
  scope: string;
  settings: AggregationSettings;
  tie_break_chain: string[];
  row: RankRow;
  /** The entry's row id, as the review form and a review's history (scoring.history) take it. */
  entry: number;
  criteria: Array<{ key: string; name_zh: string; name_en: string; max: number }>;
  /** Each gate with how many submitted reviews answered fail. */
  gates: Array<{ key: string; name_zh: string; name_en: string; fails: number }>;
  reviews: ExplainReview[];
  /** trimmed: k, and whether enough reviews were there to drop any; null for other methods. */
  trimmed: { k: number; applied: boolean } | null;
  /** zscore: μ and σ of all submitted totals of the round, and each reviewer's moments. */
  zscore: { mean: number; sd: number; reviewers: ExplainReviewer[] } | null;
  above: ExplainNeighbour | null;
  below: ExplainNeighbour | null;
}

export type { DiscussionReason };

export interface CriterionSpreadRow {
  key: string;
  name_zh: string;
  name_en: string;
  max: number;
  low: number | null;
  high: number | null;
  range: number | null;
  /** The scores span at least 30 % of the criterion's maximum: a driver of disagreement. */
  driver: boolean;
}

export interface DiscussionItem {
  row: RankRow;
  reasons: DiscussionReason[];
  /** The cut score of the entry's ranking (its sector's, for quotas); null when none. */
  cut_score: number | null;
  /** Review totals, ascending. */
  totals: number[];
  spreads: CriterionSpreadRow[];
  /** Each gate of the entry's rubric: how many answered fail, of how many; split when both. */
  gates: DiscussionGateRow[];
}

export interface DiscussionGateRow {
  key: string;
  name_zh: string;
  name_en: string;
  fails: number;
  answers: number;
  split: boolean;
}

export interface DiscussionQueue {
  margin: number;
  cuts: ShortlistCutInfo[];
  items: DiscussionItem[];
}

export interface RobustnessRow {
  entry_id: string;
  title: string;
  sector: string | null;
  ranks: Record<AggregationMethod, number | null>;
  scores: Record<AggregationMethod, number | null>;
  shortlisted: Record<AggregationMethod, boolean>;
  borderline: boolean;
}

export interface Robustness {
  scope: string;
  method: AggregationMethod;
  /** The trim count the `trimmed` column uses. */
  trim_k: number;
  /** In the order of the ranking under `method`. */
  rows: RobustnessRow[];
  /** Kendall's τ-b between every pair of methods. */
  agreement: Array<{
    a: AggregationMethod;
    b: AggregationMethod;
    tau: number | null;
    entries: number;
  }>;
}

export interface WhatIfPlacement {
  rank: number | null;
  score: number | null;
  shortlisted: boolean;
}

export interface WhatIfRow {
  entry_id: string;
  title: string;
  sector: string | null;
  before: WhatIfPlacement;
  after: WhatIfPlacement;
  movement: 'in' | 'out' | 'up' | 'down' | 'same';
}

export interface WhatIf {
  /** The rubric reweighted, with each criterion's maximum before and in the what-if. */
  criteria: Array<{ key: string; name_zh: string; name_en: string; max: number; new_max: number }>;
  /** In the order of the ranking after reweighting. */
  rows: WhatIfRow[];
  moved_in: string[];
  moved_out: string[];
}

/** Five-number summary and mean of a set of totals (a box in a box plot). */
export type BoxSummary = BoxStats;

export interface ResultCharts {
  /** Per reviewer, the distribution of their submitted totals in the round (harsh vs lenient). */
  reviewers: Array<{ reviewer_id: string; name: string; box: BoxSummary }>;
  /** Per ranked entry of the scope, in rank order, the spread of its review totals. */
  entries: Array<{ entry_id: string; title: string; rank: number | null; box: BoxSummary }>;
  /** Per sector of the round, how many entries scored in each 10-point bin (method scores). */
  sectors: Array<{ sector: string; bins: Array<{ from: number; to: number; count: number }> }>;
}

export const rankingOperations = {
  'ranking.rank': op<RankResult>('read')(
    roundRef.extend({
      method: method.optional(),
      trim_k: z.number().int().min(1).max(10).optional(),
      /** A sector key, or 'overall' (the default) for the ranking across sectors. */
      scope: z.string().default('overall'),
    }),
  ),

  /** Everything behind one entry's result: reviews, dropped totals, normalisation, neighbours. */
  'ranking.explain': op<EntryExplanation>('read')(rankRef.extend({ entry: nonEmpty })),
  /** Entries to discuss: disagreement, near the cut of `rule` (± margin points), too few reviews. */
  'ranking.discussion': op<DiscussionQueue>('read')(
    rankRef.extend({ rule: shortlistRuleSchema, margin: z.number().min(0).max(100).default(2) }),
  ),
  /** Ranks under every method side by side, Kendall's τ-b, borderline entries under `rule`. */
  'ranking.robustness': op<Robustness>('read')(rankRef.extend({ rule: shortlistRuleSchema })),
  /** Ranks and shortlist with the criteria of the rubric in scope given new maxima; writes nothing. */
  'ranking.whatif': op<WhatIf>('read')(
    rankRef.extend({
      rule: shortlistRuleSchema,
      weights: z.record(z.string(), z.number().min(0).max(100)),
    }),
  ),
  /** Chart data; `top` limits the per-entry spreads to the first entries of the ranking. */
  'ranking.charts': op<ResultCharts>('read')(
    rankRef.extend({ top: z.number().int().min(1).max(500).default(30) }),
  ),
} as const;
