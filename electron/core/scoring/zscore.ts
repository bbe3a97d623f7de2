// SCORING.md `zscore`: each reviewer's totals moved onto the round's scale. The moments are
// computed once, here, for the engine and for explaining a result, so both agree to the bit.
import type { ReviewColumns } from './columns';
import type { ReviewerFlag } from './types';
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
 * SCORING.md `zscore`: fewer than 3 totals, or all of them equal (tested on min and max, not on
 * σ). Moments from exact sums, so they do not depend on the order of the reviews.
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
