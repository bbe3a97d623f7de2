// Aggregation of a round's submitted reviews into entry scores (SCORING.md).
//
// Built for rounds of 50,000 entries × 7 reviews: one pass over the reviews reads every
// score and gate answer into typed arrays grouped by entry (counting sort), then one pass
// per entry. Allocation is the main cost at that size, so nothing is allocated per review
// and per entry only what the result holds. Scores are multiples of 0.5, so every sum below
// is exact in a double and the results do not depend on the order of the reviews given.
import type { AggregationSettings } from '../domain';
import { SailError } from '../errors';
import { flagBit, flagSet } from './flags';
import { round2 } from './round';
import type {
  EntryAggregate,
  RankableEntry,
  ReviewerFlag,
  RoundAggregation,
  SubmittedReview,
} from './types';
import { at, compareStrings } from './util';

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
  const { method, trim_k: k } = settings;
  if (!Number.isInteger(k) || k < 0) {
    throw new SailError(
      'scoring_bad_trim',
      `去掉最高分和最低分的个数必须是非负整数：${k}`,
      `The trim count must be a non-negative integer: ${k}`,
      1,
    );
  }
  const nEntries = entries.length;
  const nReviews = reviews.length;

  const entryIndex = new Map<string, number>();
  // Offsets of each entry's criterion and gate slots in the flat accumulators.
  const critStart = new Int32Array(nEntries + 1);
  const gateStart = new Int32Array(nEntries + 1);
  entries.forEach((entry, e) => {
    entryIndex.set(entry.entryKey, e);
    if (entryIndex.size === e) {
      throw new SailError(
        'scoring_duplicate_entry',
        `作品重复出现：${entry.entryKey}`,
        `Entry listed twice: ${entry.entryKey}`,
      );
    }
    critStart[e + 1] = at(critStart, e) + entry.rubric.criteria.length;
    gateStart[e + 1] = at(gateStart, e) + entry.rubric.gates.length;
  });

  const reviewEntry = new Int32Array(nReviews);
  const reviewReviewer = new Int32Array(nReviews);
  const reviewTotal = new Float64Array(nReviews);
  const critSum = new Float64Array(at(critStart, nEntries));
  const gateFails = new Int32Array(at(gateStart, nEntries));
  const groupStart = new Int32Array(nEntries + 1);
  const firstSeenIds: string[] = [];
  const reviewerIndex = new Map<string, number>();

  // Reviews usually come grouped by entry: look the entry up only when it changes.
  let lastKey: string | null = null;
  let e = -1; // entry of the last review
  for (let i = 0; i < nReviews; i++) {
    const review = at(reviews, i);
    if (review.entryKey !== lastKey) {
      const found = entryIndex.get(review.entryKey);
      if (found === undefined) {
        throw new SailError(
          'scoring_unknown_entry',
          `评分所属作品不在本轮：${review.entryKey}（专家 ${review.reviewerId}）`,
          `Review for an entry not in the round: ${review.entryKey} (reviewer ${review.reviewerId})`,
        );
      }
      e = found;
      lastKey = review.entryKey;
    }
    const { criteria, gates } = at(entries, e).rubric;
    let total = 0;
    let slot = at(critStart, e);
    for (const c of criteria) {
      const v = review.scores[c.key];
      if (v === undefined || !Number.isFinite(v)) throw incomplete(review, c.key);
      total += v;
      critSum[slot] = at(critSum, slot) + v;
      slot++;
    }
    slot = at(gateStart, e);
    for (const g of gates) {
      const answer = review.gates[g.key];
      if (answer === 'fail') gateFails[slot] = at(gateFails, slot) + 1;
      else if (answer !== 'pass') throw incomplete(review, `gate:${g.key}`);
      slot++;
    }
    let r = reviewerIndex.get(review.reviewerId);
    if (r === undefined) {
      r = firstSeenIds.length;
      firstSeenIds.push(review.reviewerId);
      reviewerIndex.set(review.reviewerId, r);
    }
    reviewEntry[i] = e;
    reviewReviewer[i] = r;
    reviewTotal[i] = total;
    groupStart[e + 1] = at(groupStart, e + 1) + 1;
  }

  // Renumber reviewers in id order, so that ordering by number is ordering by id.
  const bySorted = firstSeenIds
    .map((_, r) => r)
    .sort((a, b) => compareStrings(at(firstSeenIds, a), at(firstSeenIds, b)));
  const reviewerIds = bySorted.map((r) => at(firstSeenIds, r));
  const renumber = new Int32Array(reviewerIds.length);
  bySorted.forEach((r, sorted) => (renumber[r] = sorted));
  for (let i = 0; i < nReviews; i++) reviewReviewer[i] = at(renumber, at(reviewReviewer, i));

  for (let x = 0; x < nEntries; x++) groupStart[x + 1] = at(groupStart, x + 1) + at(groupStart, x);
  // order: review indices grouped by entry; an entry's reviews are order[groupStart[e] …).
  const order = new Int32Array(nReviews);
  const fill = groupStart.slice(0, nEntries);
  for (let i = 0; i < nReviews; i++) {
    const x = at(reviewEntry, i);
    order[at(fill, x)] = i;
    fill[x] = at(fill, x) + 1;
  }

  const reviewerFlags = new Map<string, ReviewerFlag>();
  const normalised = method === 'zscore' ? zscoreTotals() : null;

  // The last entry each reviewer was seen in, to catch a reviewer twice on one entry.
  const seenIn = new Int32Array(reviewerIds.length).fill(-1);
  const result = new Map<string, EntryAggregate>();
  entries.forEach((entry, e) => {
    const from = at(groupStart, e);
    const n = at(groupStart, e + 1) - from;
    sortGroup(from, n);

    // Exact-size arrays: growing by push over-allocates, and there are 50,000 of each.
    const totals = new Array<number>(n);
    const ids = new Array<string>(n);
    let sum = 0;
    for (let j = 0; j < n; j++) {
      const i = at(order, from + j);
      const r = at(reviewReviewer, i);
      if (seenIn[r] === e) {
        throw new SailError(
          'scoring_duplicate_review',
          `同一专家对同一作品有两份评分：${entry.entryKey}（专家 ${at(reviewerIds, r)}）`,
          `Two reviews by one reviewer for one entry: ${entry.entryKey} (reviewer ${at(reviewerIds, r)})`,
        );
      }
      seenIn[r] = e;
      const t = at(reviewTotal, i);
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
    const criteriaExact: Record<string, number> = {};
    const criteria: Record<string, number> = {};

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
          const t = at(normalised, at(order, from + j));
          normalisedTotals[j] = t;
          z += t;
        }
        scoreExact = z / n;
      }

      let slot = at(critStart, e);
      for (const c of entry.rubric.criteria) {
        const m = at(critSum, slot) / n;
        criteriaExact[c.key] = m;
        criteria[c.key] = round2(m);
        slot++;
      }
      slot = at(gateStart, e);
      for (const gate of entry.rubric.gates) {
        if (at(gateFails, slot) * 2 > n) {
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

  /** Insertion sort of one entry's reviews by total, then reviewer id (groups are small). */
  function sortGroup(from: number, n: number): void {
    for (let a = from + 1; a < from + n; a++) {
      const i = at(order, a);
      const t = at(reviewTotal, i);
      const r = at(reviewReviewer, i);
      let b = a - 1;
      while (b >= from) {
        const o = at(order, b);
        const ot = at(reviewTotal, o);
        if (ot < t || (ot === t && at(reviewReviewer, o) <= r)) break;
        order[b + 1] = o;
        b--;
      }
      order[b + 1] = i;
    }
  }

  /** Every review's total transformed per SCORING.md `zscore`; flags reviewers used as is. */
  function zscoreTotals(): Float64Array {
    const nReviewers = reviewerIds.length;
    const count = new Int32Array(nReviewers);
    const s1 = new Float64Array(nReviewers);
    const s2 = new Float64Array(nReviewers);
    const min = new Float64Array(nReviewers).fill(Infinity);
    const max = new Float64Array(nReviewers).fill(-Infinity);
    let all1 = 0;
    let all2 = 0;
    for (let i = 0; i < nReviews; i++) {
      const r = at(reviewReviewer, i);
      const t = at(reviewTotal, i);
      count[r] = at(count, r) + 1;
      s1[r] = at(s1, r) + t;
      s2[r] = at(s2, r) + t * t;
      min[r] = Math.min(at(min, r), t);
      max[r] = Math.max(at(max, r), t);
      all1 += t;
      all2 += t * t;
    }
    // Moments from exact sums (order-independent); zero spread is tested on min/max, not σ.
    const mu = all1 / nReviews;
    const sigma = Math.sqrt(Math.max(0, all2 / nReviews - mu * mu));
    const muR = new Float64Array(nReviewers);
    const sigmaR = new Float64Array(nReviewers);
    reviewerIds.forEach((id, r) => {
      const c = at(count, r);
      if (c < 3) {
        reviewerFlags.set(id, 'too_few_totals');
      } else if (min[r] === max[r]) {
        reviewerFlags.set(id, 'zero_spread');
      } else {
        const m = at(s1, r) / c;
        muR[r] = m;
        sigmaR[r] = Math.sqrt(Math.max(0, at(s2, r) / c - m * m));
      }
    });
    const out = new Float64Array(nReviews);
    for (let i = 0; i < nReviews; i++) {
      const r = at(reviewReviewer, i);
      const t = at(reviewTotal, i);
      const sr = at(sigmaR, r);
      // sigmaR stays 0 for flagged reviewers: their totals are used as they are.
      out[i] = sr === 0 ? t : mu + (sigma * (t - at(muR, r))) / sr;
    }
    return out;
  }
}

function incomplete(review: SubmittedReview, key: string): SailError {
  return new SailError(
    'scoring_incomplete_review',
    `已提交的评分缺少 ${key}：${review.entryKey}（专家 ${review.reviewerId}）`,
    `Submitted review lacks ${key}: ${review.entryKey} (reviewer ${review.reviewerId})`,
  );
}
