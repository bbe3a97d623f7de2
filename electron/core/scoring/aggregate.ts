// Aggregation of a round's submitted reviews into entry scores (SCORING.md).
//
// Built for rounds of 50,000 entries × 7 reviews: the reviews come in columns (columns.ts),
// are grouped by entry (counting sort), then one pass per entry. Allocation is the main cost
// at that size, so nothing is allocated per review and per entry only what the result holds.
// Scores are multiples of 0.5, so every sum below is exact in a double and the results do not
// depend on the order of the reviews given.
import type { AggregationSettings } from '../domain';
import { SailError } from '../errors';
import { flagBit, flagSet } from './flags';
import { groupByEntry, reviewColumns, type ReviewColumns } from './columns';
import { round2 } from './round';
import { reviewerMoments, zscoreTotal } from './zscore';
import type {
  EntryAggregate,
  RankableEntry,
  ReviewerFlag,
  RoundAggregation,
  SubmittedReview,
} from './types';
import { at, compareStrings, f64, i32 } from './util';

const TOO_FEW_TO_TRIM = flagBit('too_few_to_trim');
const INSUFFICIENT_REVIEWS = flagBit('insufficient_reviews');
const DISAGREEMENT = flagBit('disagreement');
const NONE: readonly number[] = Object.freeze([]);

/**
 * Aggregates every entry of a round. `entries` must be the whole round (all sectors) and
 * `reviews` its submitted reviews: `zscore` normalises over all of them.
 *
 * An entry with no submitted review gets score null and the flag `insufficient_reviews`
 * (whatever `min_reviews` is); ranking lists it unranked.
 */
export function aggregateRound(
  entries: readonly RankableEntry[],
  reviews: readonly SubmittedReview[],
  settings: AggregationSettings,
): RoundAggregation {
  return aggregateColumns(entries, reviewColumns(entries, reviews), settings);
}

function checkSettings({ trim_k: k }: AggregationSettings): void {
  if (!Number.isInteger(k) || k < 0) {
    throw new SailError(
      'scoring_bad_trim',
      `去掉最高分和最低分的个数必须是非负整数：${k}`,
      `The trim count must be a non-negative integer: ${k}`,
      1,
    );
  }
}

/**
 * aggregateRound over reviews already in columns (built for these `entries`); the columns are
 * only read, so a cached round can be aggregated again by another method.
 */
export function aggregateColumns(
  entries: readonly RankableEntry[],
  columns: ReviewColumns,
  settings: AggregationSettings,
): RoundAggregation {
  checkSettings(settings);
  const { method, trim_k: k } = settings;
  const nEntries = entries.length;
  const nReviews = columns.count;
  const { total: reviewTotal, criterionSums: critSum, gateFails } = columns;
  const { criterion: critStart, gate: gateStart } = columns.slots;

  // Renumber reviewers in id order, so that ordering by number is ordering by id.
  const bySorted = columns.reviewerIds
    .map((_, r) => r)
    .sort((a, b) => compareStrings(at(columns.reviewerIds, a), at(columns.reviewerIds, b)));
  const reviewerIds = bySorted.map((r) => at(columns.reviewerIds, r));
  const renumber = new Int32Array(reviewerIds.length);
  bySorted.forEach((r, sorted) => (renumber[r] = sorted));
  const reviewReviewer = new Int32Array(nReviews);
  for (let i = 0; i < nReviews; i++) reviewReviewer[i] = i32(renumber, i32(columns.reviewer, i));
  // Sorted in place below, per entry: by total, then reviewer id.
  const { start: groupStart, order } = groupByEntry(columns, nEntries);

  const reviewerFlags = new Map<string, ReviewerFlag>();
  const normalised = method === 'zscore' ? zscoreTotals() : null;

  // The last entry each reviewer was seen in, to catch a reviewer twice on one entry.
  const seenIn = new Int32Array(reviewerIds.length).fill(-1);
  const result = new Map<string, EntryAggregate>();
  const recordOf = criterionRecords();
  entries.forEach((entry, e) => {
    const from = i32(groupStart, e);
    const n = i32(groupStart, e + 1) - from;
    sortGroup(from, n);

    // Exact-size arrays: growing by push over-allocates, and there are 50,000 of each.
    const totals = new Array<number>(n);
    const ids = new Array<string>(n);
    let sum = 0;
    for (let j = 0; j < n; j++) {
      const i = i32(order, from + j);
      const r = i32(reviewReviewer, i);
      if (seenIn[r] === e) {
        throw new SailError(
          'scoring_duplicate_review',
          `同一专家对同一作品有两份评分：${entry.entryKey}（专家 ${at(reviewerIds, r)}）`,
          `Two reviews by one reviewer for one entry: ${entry.entryKey} (reviewer ${at(reviewerIds, r)})`,
        );
      }
      seenIn[r] = e;
      const t = f64(reviewTotal, i);
      totals[j] = t;
      ids[j] = at(reviewerIds, r);
      sum += t;
    }

    let flags = 0;
    let droppedTotals = NONE;
    let normalisedTotals: number[] | null = null;
    let scoreExact: number | null = null;
    let allJudgeMeanExact: number | null = null;
    let gateFailed: string | null = null;
    const criteriaExact = n > 0 ? recordOf(entry.rubric) : {};
    const criteria = n > 0 ? recordOf(entry.rubric) : {};

    if (n > 0) {
      allJudgeMeanExact = sum / n;
      scoreExact = allJudgeMeanExact;
      if (method === 'trimmed') {
        if (n >= 2 * k + 3) {
          let kept = 0;
          for (let j = k; j < n - k; j++) kept += at(totals, j);
          scoreExact = kept / (n - 2 * k);
          if (k > 0) droppedTotals = [...totals.slice(0, k), ...totals.slice(n - k)];
        } else {
          flags |= TOO_FEW_TO_TRIM;
        }
      } else if (method === 'median') {
        const mid = n >> 1;
        scoreExact = n % 2 === 1 ? at(totals, mid) : (at(totals, mid - 1) + at(totals, mid)) / 2;
      } else if (normalised) {
        // zscore
        normalisedTotals = new Array<number>(n);
        let z = 0;
        for (let j = 0; j < n; j++) {
          const t = f64(normalised, i32(order, from + j));
          normalisedTotals[j] = t;
          z += t;
        }
        scoreExact = z / n;
      }

      let slot = i32(critStart, e);
      for (const c of entry.rubric.criteria) {
        const m = f64(critSum, slot) / n;
        criteriaExact[c.key] = m;
        criteria[c.key] = round2(m);
        slot++;
      }
      slot = i32(gateStart, e);
      for (const gate of entry.rubric.gates) {
        if (i32(gateFails, slot) * 2 > n) {
          gateFailed = gate.key;
          break;
        }
        slot++;
      }
      if (at(totals, n - 1) - at(totals, 0) > settings.disagreement_threshold) {
        flags |= DISAGREEMENT;
      }
    }
    if (n < settings.min_reviews || n === 0) flags |= INSUFFICIENT_REVIEWS;

    result.set(entry.entryKey, {
      entryKey: entry.entryKey,
      sector: entry.sector,
      reviews: n,
      totals,
      reviewerIds: ids,
      scoreExact,
      score: scoreExact === null ? null : round2(scoreExact),
      allJudgeMeanExact,
      allJudgeMean: allJudgeMeanExact === null ? null : round2(allJudgeMeanExact),
      criteriaExact,
      criteria,
      droppedTotals,
      normalisedTotals,
      flags: flagSet(flags),
      gateFailed,
    });
  });
  return { entries: result, reviewerFlags };

  /**
   * An empty per-criterion record for a rubric, to fill in. Cloned from one template per
   * rubric: adding 6 keys one by one to `{}` for 100,000 records costs a shape change each.
   */
  function criterionRecords(): (rubric: RankableEntry['rubric']) => Record<string, number> {
    const templates = new Map<RankableEntry['rubric'], Record<string, number>>();
    return (rubric) => {
      let template = templates.get(rubric);
      if (!template) {
        template = Object.fromEntries(rubric.criteria.map((c) => [c.key, 0]));
        templates.set(rubric, template);
      }
      return { ...template };
    };
  }

  /** Insertion sort of one entry's reviews by total, then reviewer id (groups are small). */
  function sortGroup(from: number, n: number): void {
    for (let a = from + 1; a < from + n; a++) {
      const i = i32(order, a);
      const t = f64(reviewTotal, i);
      const r = i32(reviewReviewer, i);
      let b = a - 1;
      while (b >= from) {
        const o = i32(order, b);
        const ot = f64(reviewTotal, o);
        if (ot < t || (ot === t && i32(reviewReviewer, o) <= r)) break;
        order[b + 1] = o;
        b--;
      }
      order[b + 1] = i;
    }
  }

  /** Every review's total transformed per SCORING.md `zscore`; flags reviewers used as is. */
  function zscoreTotals(): Float64Array {
    const moments = reviewerMoments(columns);
    for (const [id, m] of moments.reviewers) if (m.flag !== null) reviewerFlags.set(id, m.flag);
    const byReviewer = columns.reviewerIds.map((id) => moments.reviewers.get(id));
    const out = new Float64Array(nReviews);
    for (let i = 0; i < nReviews; i++) {
      const m = at(byReviewer, i32(columns.reviewer, i));
      const t = f64(reviewTotal, i);
      out[i] = m ? zscoreTotal(t, m, moments.round) : t;
    }
    return out;
  }
}
