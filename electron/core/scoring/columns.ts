// A round's submitted reviews in columns (typed arrays): what aggregation reads.
//
// Loading 2.1 million scores as one object per review with string-keyed records cost seconds
// at 50,000 entries; in columns a score is a number written into a typed array. The same
// builder serves both ways in: SubmittedReview objects (aggregateRound) and score rows
// streamed from the store, so both give the same columns by construction.
import { SailError } from '../errors';
import { damagedScore } from '../review';
import { scoreProblem } from '../rubric';
import type { RankableEntry, SubmittedReview } from './types';
import { at, f64, i32 } from './util';

/** Where each entry's criteria and gates sit in the per-entry accumulators. */
export interface RubricSlots {
  /** Entry e owns criterion slots criterion[e] … criterion[e + 1] - 1, in rubric order. */
  criterion: Int32Array;
  gate: Int32Array;
  /** Entry index by entry key. */
  index: ReadonlyMap<string, number>;
}

/** Immutable once built: a cached round shares it with every ranking computed from it. */
export interface ReviewColumns {
  slots: RubricSlots;
  /** Number of reviews; the per-review arrays may be longer. */
  count: number;
  /** Per review: index of its entry in the round's entries. */
  entry: Int32Array;
  /** Per review: index of its reviewer in `reviewerIds`. */
  reviewer: Int32Array;
  /** Per review: the sum of its scores on the criteria of its entry's rubric. */
  total: Float64Array;
  /** May list reviewers without reviews in the round; they take no part in aggregation. */
  reviewerIds: readonly string[];
  /** Per criterion slot: the sum of that criterion's scores over the entry's reviews. */
  criterionSums: Float64Array;
  /** Per gate slot: how many of the entry's reviews answer fail. */
  gateFails: Int32Array;
  /**
   * Per review, `stride` wide: its scores in its rubric's criterion order (NaN past the end):
   * what explaining, spreads, charts and what-if weights read without going back to the store.
   */
  stride: number;
  points: Float64Array;
  /** Per review, `gateStride` wide: 1 pass, 0 fail, in its rubric's gate order (-1 past it). */
  gateStride: number;
  answers: Int8Array;
}

/** A review read back from columns: the scores and gate answers by key, and its total. */
export interface ColumnReview extends SubmittedReview {
  total: number;
}

/** Review indices grouped by entry: entry e's reviews are order[start[e]] … order[start[e + 1] - 1]. */
export interface EntryGroups {
  start: Int32Array;
  order: Int32Array;
}

/** Groups the reviews of `columns` by entry (a counting sort: linear, stable in review order). */
export function groupByEntry(columns: ReviewColumns, entryCount: number): EntryGroups {
  const start = new Int32Array(entryCount + 1);
  for (let i = 0; i < columns.count; i++) {
    const e = i32(columns.entry, i);
    start[e + 1] = i32(start, e + 1) + 1;
  }
  for (let e = 0; e < entryCount; e++) start[e + 1] = i32(start, e + 1) + i32(start, e);
  const order = new Int32Array(columns.count);
  const fill = start.slice(0, entryCount);
  for (let i = 0; i < columns.count; i++) {
    const e = i32(columns.entry, i);
    order[i32(fill, e)] = i;
    fill[e] = i32(fill, e) + 1;
  }
  return { start, order };
}

/** The reviews of entry `e` as objects, in review order (few: one entry's). */
export function reviewsOfEntry(
  columns: ReviewColumns,
  entries: readonly RankableEntry[],
  groups: EntryGroups,
  e: number,
): ColumnReview[] {
  const { criteria, gates } = at(entries, e).rubric;
  const reviews: ColumnReview[] = [];
  for (let j = i32(groups.start, e); j < i32(groups.start, e + 1); j++) {
    const i = i32(groups.order, j);
    const scores: Record<string, number> = {};
    criteria.forEach((c, p) => (scores[c.key] = f64(columns.points, i * columns.stride + p)));
    const answers: Record<string, 'pass' | 'fail'> = {};
    gates.forEach(
      (g, p) =>
        (answers[g.key] = at(columns.answers, i * columns.gateStride + p) === 1 ? 'pass' : 'fail'),
    );
    reviews.push({
      entryKey: at(entries, e).entryKey,
      reviewerId: at(columns.reviewerIds, i32(columns.reviewer, i)),
      scores,
      gates: answers,
      total: f64(columns.total, i),
    });
  }
  return reviews;
}

/** Review objects in columns for `entries` (the whole round), as the store's rows give them. */
export function reviewColumns(
  entries: readonly RankableEntry[],
  reviews: readonly SubmittedReview[],
): ReviewColumns {
  const slots = rubricSlots(entries);
  const reviewerIds = [...new Set(reviews.map((review) => review.reviewerId))];
  const reviewerIndex = new Map(reviewerIds.map((id, r) => [id, r]));
  const builder = new ReviewColumnsBuilder(
    entries,
    slots,
    reviewerIds,
    reviews.length,
    reviews.length,
  );
  reviews.forEach((review, i) => {
    const e = slots.index.get(review.entryKey);
    if (e === undefined) throw unknownEntry(review.entryKey, review.reviewerId);
    const r = reviewerIndex.get(review.reviewerId) as number;
    builder.review(i, e, r);
    for (const [key, points] of Object.entries(review.scores)) builder.score(i, e, r, key, points);
    for (const [key, answer] of Object.entries(review.gates)) {
      builder.gate(i, e, r, key, answer === 'pass');
    }
  });
  return builder.finish();
}

export function rubricSlots(entries: readonly RankableEntry[]): RubricSlots {
  const n = entries.length;
  const criterion = new Int32Array(n + 1);
  const gate = new Int32Array(n + 1);
  const index = new Map<string, number>();
  entries.forEach((entry, e) => {
    index.set(entry.entryKey, e);
    if (index.size === e) {
      throw new SailError(
        'scoring_duplicate_entry',
        `作品重复出现：${entry.entryKey}`,
        `Entry listed twice: ${entry.entryKey}`,
      );
    }
    criterion[e + 1] = i32(criterion, e) + entry.rubric.criteria.length;
    gate[e + 1] = i32(gate, e) + entry.rubric.gates.length;
  });
  return { criterion, gate, index };
}

export function unknownEntry(entryKey: string, reviewerId: string): SailError {
  return new SailError(
    'scoring_unknown_entry',
    `评分所属作品不在本轮：${entryKey}（专家 ${reviewerId}）`,
    `Review for an entry not in the round: ${entryKey} (reviewer ${reviewerId})`,
  );
}

function incomplete(entryKey: string, reviewerId: string, key: string): SailError {
  return new SailError(
    'scoring_incomplete_review',
    `已提交的评分缺少 ${key}：${entryKey}（专家 ${reviewerId}）`,
    `Submitted review lacks ${key}: ${entryKey} (reviewer ${reviewerId})`,
  );
}

const NO_ANSWER = -1;

/**
 * Collects score and gate rows of submitted reviews, in any order, into ReviewColumns.
 * A review is named by an integer from 0 below `reviewNumbers`, unique within the build (a row
 * id, a list position). Scores on keys outside the entry's rubric are ignored, as the rubric
 * defines the total; a score outside its criterion's range is refused.
 */
export class ReviewColumnsBuilder {
  private count = 0;
  /** Slot by review number, -1 before its first row: an array, as 350,000 map entries cost. */
  private readonly slotOf: Int32Array;
  private lastReview = Number.NaN;
  private lastSlot = -1;
  private readonly entry: Int32Array;
  private readonly reviewer: Int32Array;
  /** Per review and criterion (rubric order, `stride` wide): the score, NaN until given. */
  private readonly points: Float64Array;
  private readonly answers: Int8Array;
  private readonly stride: number;
  private readonly gateStride: number;
  /** Per entry: criterion key → position in its rubric (shared by entries of one rubric). */
  private readonly criterionPosition: Map<string, number>[];
  /** Per entry: each criterion's max, in rubric order. */
  private readonly criterionMax: Float64Array[];
  private readonly gatePosition: Map<string, number>[];

  /** `capacity`: at least the number of reviews that will be given. */
  constructor(
    private readonly entries: readonly RankableEntry[],
    private readonly slots: RubricSlots,
    private readonly reviewerIds: readonly string[],
    capacity: number,
    reviewNumbers: number,
  ) {
    this.slotOf = new Int32Array(reviewNumbers).fill(-1);
    const positions = new Map<
      RankableEntry['rubric'],
      [Map<string, number>, Map<string, number>, Float64Array]
    >();
    let stride = 0;
    let gateStride = 0;
    this.criterionPosition = [];
    this.criterionMax = [];
    this.gatePosition = [];
    for (const { rubric } of entries) {
      let known = positions.get(rubric);
      if (!known) {
        known = [
          new Map(rubric.criteria.map((c, i) => [c.key, i])),
          new Map(rubric.gates.map((g, i) => [g.key, i])),
          Float64Array.from(rubric.criteria, (c) => c.max),
        ];
        positions.set(rubric, known);
        stride = Math.max(stride, rubric.criteria.length);
        gateStride = Math.max(gateStride, rubric.gates.length);
      }
      this.criterionPosition.push(known[0]);
      this.gatePosition.push(known[1]);
      this.criterionMax.push(known[2]);
    }
    this.stride = stride;
    this.gateStride = gateStride;
    this.entry = new Int32Array(capacity);
    this.reviewer = new Int32Array(capacity);
    this.points = new Float64Array(capacity * stride).fill(Number.NaN);
    this.answers = new Int8Array(capacity * gateStride).fill(NO_ANSWER);
  }

  /** A review, before or without any rows (it then lacks every score). */
  review(review: number, entry: number, reviewer: number): void {
    this.slot(review, entry, reviewer);
  }

  /** Throws for points outside the criterion's 0..max in steps of 0.5: never ranked. */
  score(review: number, entry: number, reviewer: number, key: string, points: number): void {
    const slot = this.slot(review, entry, reviewer);
    const c = at(this.criterionPosition, entry).get(key);
    if (c === undefined) return;
    const max = f64(at(this.criterionMax, entry), c);
    if (scoreProblem(points, max)) {
      throw damagedScore({
        entry_id: at(this.entries, entry).entryKey,
        reviewer_id: at(this.reviewerIds, reviewer),
        criterion: key,
        points,
        max,
      });
    }
    this.points[slot * this.stride + c] = points;
  }

  gate(review: number, entry: number, reviewer: number, key: string, passed: boolean): void {
    const slot = this.slot(review, entry, reviewer);
    const g = at(this.gatePosition, entry).get(key);
    if (g !== undefined) this.answers[slot * this.gateStride + g] = passed ? 1 : 0;
  }

  /** The columns; throws when a review lacks a criterion score or a gate answer. */
  finish(): ReviewColumns {
    const { count, entry, reviewer, points, answers, stride, gateStride, slots } = this;
    const total = new Float64Array(count);
    const criterionSums = new Float64Array(i32(slots.criterion, this.entries.length));
    const gateFails = new Int32Array(i32(slots.gate, this.entries.length));
    for (let i = 0; i < count; i++) {
      const e = i32(entry, i);
      const { criteria, gates } = at(this.entries, e).rubric;
      const from = i32(slots.criterion, e);
      let sum = 0;
      for (let c = 0; c < criteria.length; c++) {
        const v = f64(points, i * stride + c);
        if (Number.isNaN(v)) throw this.incomplete(i, at(criteria, c).key);
        sum += v;
        criterionSums[from + c] = f64(criterionSums, from + c) + v;
      }
      total[i] = sum;
      const gateFrom = i32(slots.gate, e);
      for (let g = 0; g < gates.length; g++) {
        const answer = at(answers, i * gateStride + g);
        if (answer === NO_ANSWER) throw this.incomplete(i, `gate:${at(gates, g).key}`);
        if (answer === 0) gateFails[gateFrom + g] = i32(gateFails, gateFrom + g) + 1;
      }
    }
    return {
      slots,
      count,
      entry,
      reviewer,
      total,
      reviewerIds: this.reviewerIds,
      criterionSums,
      gateFails,
      stride,
      points: points.subarray(0, count * stride),
      gateStride,
      answers: answers.subarray(0, count * gateStride),
    };
  }

  private slot(review: number, entry: number, reviewer: number): number {
    // Rows usually come grouped by review: look the review up only when it changes.
    if (review === this.lastReview) return this.lastSlot;
    if (!(review >= 0 && review < this.slotOf.length)) {
      throw new Error(`ReviewColumnsBuilder: review number ${review} out of range`);
    }
    let slot = i32(this.slotOf, review);
    if (slot < 0) {
      slot = this.count++;
      if (slot >= this.entry.length) throw new Error('ReviewColumnsBuilder: capacity exceeded');
      this.slotOf[review] = slot;
      this.entry[slot] = entry;
      this.reviewer[slot] = reviewer;
    }
    this.lastReview = review;
    this.lastSlot = slot;
    return slot;
  }

  private incomplete(slot: number, key: string): SailError {
    return incomplete(
      at(this.entries, i32(this.entry, slot)).entryKey,
      at(this.reviewerIds, i32(this.reviewer, slot)),
      key,
    );
  }
}

/**
 * `columns` with the reviews of the `affected` entries replaced by those in `fresh`, which was
 * built for the same entries, slots, reviewers and strides and holds reviews of affected
 * entries only.
 * Used after a score change: only the changed entries are read again.
 */
export function replaceEntries(
  columns: ReviewColumns,
  affected: ReadonlySet<number>,
  fresh: ReviewColumns,
): ReviewColumns {
  let kept = 0;
  for (let i = 0; i < columns.count; i++) if (!affected.has(i32(columns.entry, i))) kept++;
  const count = kept + fresh.count;
  const { stride, gateStride } = columns;
  const entry = new Int32Array(count);
  const reviewer = new Int32Array(count);
  const total = new Float64Array(count);
  const points = new Float64Array(count * stride);
  const answers = new Int8Array(count * gateStride);
  let j = 0;
  const take = (from: ReviewColumns, i: number) => {
    entry[j] = i32(from.entry, i);
    reviewer[j] = i32(from.reviewer, i);
    total[j] = f64(from.total, i);
    points.set(from.points.subarray(i * stride, (i + 1) * stride), j * stride);
    answers.set(from.answers.subarray(i * gateStride, (i + 1) * gateStride), j * gateStride);
    j++;
  };
  for (let i = 0; i < columns.count; i++)
    if (!affected.has(i32(columns.entry, i))) take(columns, i);
  for (let i = 0; i < fresh.count; i++) take(fresh, i);

  const criterionSums = columns.criterionSums.slice();
  const gateFails = columns.gateFails.slice();
  const { criterion, gate } = columns.slots;
  for (const e of affected) {
    criterionSums.set(
      fresh.criterionSums.subarray(i32(criterion, e), i32(criterion, e + 1)),
      i32(criterion, e),
    );
    gateFails.set(fresh.gateFails.subarray(i32(gate, e), i32(gate, e + 1)), i32(gate, e));
  }
  return { ...columns, count, entry, reviewer, total, criterionSums, gateFails, points, answers };
}
