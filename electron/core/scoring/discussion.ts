// The discussion queue: entries the panel should talk about before the result stands —
// reviewers far apart, split on a gate, a score close to the shortlist cut, or too few reviews
// (SCORING.md names disagreement; the others are what a chair asks about too).
import type { RankFlag } from '../domain';

export type DiscussionReason = 'disagreement' | 'gate_split' | 'near_cut' | 'insufficient_reviews';

/** Default distance from the cut score, in points, that puts an entry on the queue. */
export const DEFAULT_CUT_MARGIN = 2;

/**
 * A criterion drives a disagreement when its scores span at least this share of its maximum:
 * on a 20-point criterion, reviewers 6 or more points apart.
 */
export const DRIVER_SHARE = 0.3;

/**
 * Why an entry is on the queue; empty when it is not. Compares 2-decimal scores. `gateSplit`:
 * its reviewers answered some gate both ways, so a majority, not the panel, decided it.
 */
export function discussionReasons(
  row: { rank: number | null; score: number | null; flags: readonly RankFlag[] },
  cutScore: number | null,
  margin: number,
  gateSplit = false,
): DiscussionReason[] {
  const reasons: DiscussionReason[] = [];
  if (row.flags.includes('disagreement')) reasons.push('disagreement');
  if (gateSplit) reasons.push('gate_split');
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

export interface GateVote {
  key: string;
  /** Submitted reviews that answered the gate "fail", of `answers` that answered it. */
  fails: number;
  answers: number;
}

/** Per gate, how the reviews answered it. */
export function gateVotes(
  gates: readonly { key: string }[],
  reviews: readonly { gates: Readonly<Record<string, 'pass' | 'fail'>> }[],
): GateVote[] {
  return gates.map(({ key }) => {
    const answers = reviews.map((r) => r.gates[key]).filter((a) => a !== undefined);
    return { key, fails: answers.filter((a) => a === 'fail').length, answers: answers.length };
  });
}

/** A gate answered both ways: neither unanimous pass nor unanimous fail. */
export const splitVote = (vote: GateVote): boolean => vote.fails > 0 && vote.fails < vote.answers;
