// Explaining one entry's result to the panel: which totals the trimmed mean dropped, how the
// z-score method moved each reviewer's totals, and which tie-break step put it above or below
// its neighbours. The numbers come from the same rules as the engine (SCORING.md).
import type { ReviewColumns } from './columns';
import type { EntryAggregate, ReviewerFlag } from './types';
import { f64, i32 } from './util';

export interface Moments {
  count: number;
  mean: number;
  /** Population standard deviation. */
  sd: number;
}

export interface ReviewerMoments extends Moments {
  reviewerId: string;
  /** Why `zscore` uses this reviewer's totals as they are; null when it transforms them. */
  flag: ReviewerFlag | null;
}

/**
 * μ and σ of all submitted totals of the round, and μr, σr of each reviewer's, with the flags of
 * SCORING.md `zscore`: fewer than 3 totals, or all of them equal. Moments from sums, as the
 * engine computes them, so a transformed total here is the engine's to the last bit.
 */
export function reviewerMoments(
  columns: Pick<ReviewColumns, 'count' | 'reviewer' | 'total' | 'reviewerIds'>,
): {
  round: Moments;
  reviewers: Map<string, ReviewerMoments>;
} {
  const n = columns.reviewerIds.length;
  const count = new Int32Array(n);
  const sum1 = new Float64Array(n);
  const sum2 = new Float64Array(n);
  const min = new Float64Array(n).fill(Infinity);
  const max = new Float64Array(n).fill(-Infinity);
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < columns.count; i++) {
    const r = i32(columns.reviewer, i);
    const total = f64(columns.total, i);
    count[r] = i32(count, r) + 1;
    sum1[r] = f64(sum1, r) + total;
    sum2[r] = f64(sum2, r) + total * total;
    min[r] = Math.min(f64(min, r), total);
    max[r] = Math.max(f64(max, r), total);
    s1 += total;
    s2 += total * total;
  }
  const moments = (k: number, a: number, b: number): Moments => {
    const mean = k === 0 ? 0 : a / k;
    return { count: k, mean, sd: k === 0 ? 0 : Math.sqrt(Math.max(0, b / k - mean * mean)) };
  };
  const reviewers = new Map<string, ReviewerMoments>();
  columns.reviewerIds.forEach((reviewerId, r) => {
    const k = i32(count, r);
    if (k === 0) return; // listed, but without a review in this round
    const flag: ReviewerFlag | null =
      k < 3 ? 'too_few_totals' : min[r] === max[r] ? 'zero_spread' : null;
    reviewers.set(reviewerId, { reviewerId, ...moments(k, f64(sum1, r), f64(sum2, r)), flag });
  });
  return { round: moments(columns.count, s1, s2), reviewers };
}

/** SCORING.md `zscore`: μ + σ·(t − μr)/σr, or t itself for a flagged reviewer. */
export function zscoreTotal(total: number, reviewer: ReviewerMoments, round: Moments): number {
  if (reviewer.flag !== null || reviewer.sd === 0) return total;
  return round.mean + (round.sd * (total - reviewer.mean)) / reviewer.sd;
}

/**
 * The reviewers whose totals the trimmed mean left out: the engine sorts totals ascending, ties
 * by reviewer id, and drops k from each end, so the dropped ones are those positions.
 */
export function droppedReviewers(aggregate: EntryAggregate): Set<string> {
  const k = aggregate.droppedTotals.length / 2;
  if (k === 0) return new Set();
  const ids = aggregate.reviewerIds;
  return new Set([...ids.slice(0, k), ...ids.slice(ids.length - k)]);
}

/** The values a tie-break chain compares (2-decimal, as ranking compares them). */
export interface ChainValues {
  score: number | null;
  all_judge_mean: number | null;
  criteria: Readonly<Record<string, number>>;
}

export interface StepComparison {
  /** 'score', 'all_judge_mean' or 'criterion:<key>'. */
  step: string;
  entry: number | null;
  other: number | null;
}

export interface NeighbourComparison {
  /** The step that separated the two, or 'tie' when every step compared equal. */
  decidedBy: string;
  /** The steps compared, in chain order, up to and including the deciding one. */
  steps: StepComparison[];
}

/** Walks `chain` (as rankings print it: score, all_judge_mean, criterion:<key>…, tie). */
export function compareAlongChain(
  entry: ChainValues,
  other: ChainValues,
  chain: readonly string[],
): NeighbourComparison {
  const valueOf = (values: ChainValues, step: string): number | null => {
    if (step === 'score') return values.score;
    if (step === 'all_judge_mean') return values.all_judge_mean;
    return values.criteria[step.slice('criterion:'.length)] ?? null;
  };
  const steps: StepComparison[] = [];
  for (const step of chain) {
    if (step === 'tie') break;
    const compared = { step, entry: valueOf(entry, step), other: valueOf(other, step) };
    steps.push(compared);
    if (compared.entry !== compared.other) return { decidedBy: step, steps };
  }
  return { decidedBy: 'tie', steps };
}
