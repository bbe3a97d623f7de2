// The discussion queue: entries the panel should talk about before the result stands —
// reviewers far apart, a score close to the shortlist cut, or too few reviews (SCORING.md).
import type { RankFlag } from '../domain';

export type DiscussionReason = 'disagreement' | 'near_cut' | 'insufficient_reviews';

/** Default distance from the cut score, in points, that puts an entry on the queue. */
export const DEFAULT_CUT_MARGIN = 2;

/**
 * A criterion drives a disagreement when its scores span at least this share of its maximum:
 * on a 20-point criterion, reviewers 6 or more points apart.
 */
export const DRIVER_SHARE = 0.3;

/** Why an entry is on the queue; empty when it is not. Compares 2-decimal scores. */
export function discussionReasons(
  row: { rank: number | null; score: number | null; flags: readonly RankFlag[] },
  cutScore: number | null,
  margin: number,
): DiscussionReason[] {
  const reasons: DiscussionReason[] = [];
  if (row.flags.includes('disagreement')) reasons.push('disagreement');
  if (
    row.rank !== null &&
    row.score !== null &&
    cutScore !== null &&
    // Cent-exact: both are 2-decimal values, so compare in whole cents.
    Math.abs(Math.round(row.score * 100) - Math.round(cutScore * 100)) <= Math.round(margin * 100)
  ) {
    reasons.push('near_cut');
  }
  if (row.flags.includes('insufficient_reviews')) reasons.push('insufficient_reviews');
  return reasons;
}

export interface CriterionSpread {
  key: string;
  max: number;
  /** Lowest and highest score given, and their difference; null without reviews. */
  low: number | null;
  high: number | null;
  range: number | null;
  /** The range is at least DRIVER_SHARE of the criterion's maximum. */
  driver: boolean;
}

/** Per criterion, how far the reviews of one entry are apart. */
export function criterionSpreads(
  criteria: readonly { key: string; max: number }[],
  reviews: readonly { scores: Readonly<Record<string, number>> }[],
): CriterionSpread[] {
  return criteria.map(({ key, max }) => {
    const values = reviews.map((r) => r.scores[key]).filter((v) => v !== undefined);
    if (values.length === 0) return { key, max, low: null, high: null, range: null, driver: false };
    const low = Math.min(...values);
    const high = Math.max(...values);
    const range = high - low;
    return { key, max, low, high, range, driver: max > 0 && range >= DRIVER_SHARE * max };
  });
}
