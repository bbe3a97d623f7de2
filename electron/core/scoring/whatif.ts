// What-if weights: the chair gives criteria new maximum points (still adding up to 100) and
// every score of that rubric is rescaled, points × newMax / oldMax. Pure: nothing is stored.
import { SailError } from '../errors';
import type { ReviewColumns } from './columns';
import { f64, i32 } from './util';

/** How close the new maxima must come to 100 (they are typed with at most 2 decimals). */
const SUM_TOLERANCE = 1e-6;

/**
 * The factor newMax / oldMax of each criterion of `criteria`. `weights` must name every
 * criterion and nothing else, each max non-negative, adding up to 100 like a rubric's maxima.
 */
export function weightFactors(
  criteria: readonly { key: string; max: number }[],
  weights: Readonly<Record<string, number>>,
): Map<string, number> {
  const bad = (code: string, zh: string, en: string): never => {
    throw new SailError(code, zh, en, 2);
  };
  const known = new Set(criteria.map((c) => c.key));
  for (const key of Object.keys(weights)) {
    if (!known.has(key)) {
      bad(
        'whatif_unknown_criterion',
        `评分项 ${key} 不在本范围的评分细则中`,
        `Criterion ${key} is not in the rubric in scope`,
      );
    }
  }
  let sum = 0;
  const factors = new Map<string, number>();
  for (const c of criteria) {
    const max = weights[c.key];
    if (max === undefined) {
      bad(
        'whatif_missing_criterion',
        `缺少评分项 ${c.key} 的新满分`,
        `No new maximum for ${c.key}`,
      );
    } else if (!(Number.isFinite(max) && max >= 0)) {
      bad(
        'whatif_bad_weight',
        `评分项 ${c.key} 的新满分须为非负数：${max}`,
        `The new maximum of ${c.key} must be a non-negative number: ${max}`,
      );
    } else {
      sum += max;
      factors.set(c.key, max / c.max);
    }
  }
  if (Math.abs(sum - 100) > SUM_TOLERANCE) {
    bad(
      'whatif_not_100',
      `各评分项的新满分之和须为 100，现在是 ${Math.round(sum * 100) / 100}`,
      `The new maxima must add up to 100; they add up to ${Math.round(sum * 100) / 100}`,
    );
  }
  return factors;
}

/**
 * `columns` with the scores of the reviews of `reweighted` entries (entry indices, all scored
 * with `rubric`) multiplied by their criterion's factor, and totals and criterion sums made
 * again from them. The columns given are left as they are: they may be a cached round's.
 */
export function rescaleColumns(
  columns: ReviewColumns,
  rubric: { criteria: readonly { key: string }[] },
  reweighted: ReadonlySet<number>,
  factors: ReadonlyMap<string, number>,
): ReviewColumns {
  const byPosition = rubric.criteria.map((c) => factors.get(c.key) ?? 1);
  const { stride, slots } = columns;
  const points = columns.points.slice();
  const total = columns.total.slice();
  const criterionSums = columns.criterionSums.slice();
  for (const e of reweighted) {
    const from = i32(slots.criterion, e);
    for (let p = 0; p < byPosition.length; p++) criterionSums[from + p] = 0;
  }
  for (let i = 0; i < columns.count; i++) {
    const e = i32(columns.entry, i);
    if (!reweighted.has(e)) continue;
    const from = i32(slots.criterion, e);
    let sum = 0;
    byPosition.forEach((factor, p) => {
      const scaled = f64(points, i * stride + p) * factor;
      points[i * stride + p] = scaled;
      criterionSums[from + p] = f64(criterionSums, from + p) + scaled;
      sum += scaled;
    });
    total[i] = sum;
  }
  return { ...columns, points, total, criterionSums };
}

export interface Placement {
  rank: number | null;
  score: number | null;
  shortlisted: boolean;
}

export type Movement = 'in' | 'out' | 'up' | 'down' | 'same';

/** in/out of the shortlist first (what the chair asks about), then rank up/down. */
export function movement(before: Placement, after: Placement): Movement {
  if (!before.shortlisted && after.shortlisted) return 'in';
  if (before.shortlisted && !after.shortlisted) return 'out';
  if (before.rank === after.rank) return 'same';
  if (after.rank === null) return 'down';
  if (before.rank === null) return 'up';
  return after.rank < before.rank ? 'up' : 'down';
}
