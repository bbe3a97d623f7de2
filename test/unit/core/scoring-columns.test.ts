// Reviews in columns (the store's fast path) against aggregateRound over review objects: the
// same aggregation whatever order the rows come in, and after entries' reviews are replaced
// (the ranking cache's update after a score change) the same as aggregating from scratch.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AGGREGATION_METHODS, type AggregationSettings } from '../../../electron/core/domain';
import {
  aggregateColumns,
  aggregateRound,
  replaceEntries,
  ReviewColumnsBuilder,
  rubricSlots,
  type RankableEntry,
  type ReviewColumns,
  type ScoringRubric,
  type SubmittedReview,
} from '../../../electron/core/scoring';

// Two rubrics of different widths, one with gates: each entry's slots differ.
const WIDE: ScoringRubric = {
  criteria: [
    { key: 'a', max: 40 },
    { key: 'b', max: 30 },
    { key: 'c', max: 30 },
  ],
  gates: [],
  tie_break: ['c'],
};
const GATED: ScoringRubric = {
  criteria: [
    { key: 'x', max: 60 },
    { key: 'y', max: 40 },
  ],
  gates: [{ key: 'g1' }, { key: 'g2' }],
  tie_break: ['y'],
};
const ENTRIES: RankableEntry[] = ['E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'E7'].map((key, i) => ({
  entryKey: key,
  sector: i % 2 === 0 ? 'mine' : 'factory',
  rubric: i % 2 === 0 ? GATED : WIDE,
}));
const REVIEWERS = ['R1', 'R2', 'R3', 'R4', 'R5', 'R6'];

const half = (max: number) => fc.integer({ min: 0, max: max * 2 }).map((h) => h / 2);

const reviewArb = (entry: RankableEntry, reviewerId: string): fc.Arbitrary<SubmittedReview> =>
  fc.record({
    entryKey: fc.constant(entry.entryKey),
    reviewerId: fc.constant(reviewerId),
    scores: fc.record(Object.fromEntries(entry.rubric.criteria.map((c) => [c.key, half(c.max)]))),
    gates: fc.record(
      Object.fromEntries(
        entry.rubric.gates.map((g) => [g.key, fc.constantFrom<'pass' | 'fail'>('pass', 'fail')]),
      ),
    ),
  });

/** Submitted reviews of some (entry, reviewer) pairs of ENTRIES × REVIEWERS. */
const reviewsArb = fc
  .uniqueArray(
    fc.tuple(
      fc.integer({ min: 0, max: ENTRIES.length - 1 }),
      fc.integer({ min: 0, max: REVIEWERS.length - 1 }),
    ),
    { selector: ([e, r]) => `${e}/${r}`, maxLength: 30 },
  )
  .chain((pairs) => fc.tuple(...pairs.map(([e, r]) => reviewArb(ENTRIES[e]!, REVIEWERS[r]!))));

const settingsArb: fc.Arbitrary<AggregationSettings> = fc.record({
  method: fc.constantFrom(...AGGREGATION_METHODS),
  trim_k: fc.integer({ min: 0, max: 2 }),
  min_reviews: fc.integer({ min: 1, max: 4 }),
  disagreement_threshold: fc.constantFrom(5, 20),
});

interface Row {
  review: number;
  kind: 'score' | 'gate';
  key: string;
  value: number;
}

/** Columns from the rows of `reviews` in the given row order, as the store streams them. */
function columnsFromRows(reviews: readonly SubmittedReview[], order: readonly number[]) {
  const slots = rubricSlots(ENTRIES);
  const builder = new ReviewColumnsBuilder(
    ENTRIES,
    slots,
    REVIEWERS,
    reviews.length,
    reviews.length,
  );
  const rows: Row[] = reviews.flatMap((review, i) => [
    ...Object.entries(review.scores).map(
      ([key, value]) => ({ review: i, kind: 'score', key, value }) as const,
    ),
    ...Object.entries(review.gates).map(
      ([key, answer]) =>
        ({ review: i, kind: 'gate', key, value: answer === 'pass' ? 1 : 0 }) as const,
    ),
  ]);
  const ordered = order.length === rows.length ? order.map((i) => rows[i]!) : rows;
  for (const row of ordered) {
    const review = reviews[row.review]!;
    const e = slots.index.get(review.entryKey)!;
    const r = REVIEWERS.indexOf(review.reviewerId);
    if (row.kind === 'score') builder.score(row.review, e, r, row.key, row.value);
    else builder.gate(row.review, e, r, row.key, row.value === 1);
  }
  return builder.finish();
}

const aggregate = (columns: ReviewColumns, settings: AggregationSettings) =>
  aggregateColumns(ENTRIES, columns, settings);

describe('reviews in columns', () => {
  it('aggregate as review objects do, whatever order their rows come in', () => {
    fc.assert(
      fc.property(
        reviewsArb.chain((reviews) => {
          const rows = reviews.reduce(
            (n, r) => n + Object.keys(r.scores).length + Object.keys(r.gates).length,
            0,
          );
          return fc.tuple(
            fc.constant(reviews),
            fc.shuffledSubarray([...Array(rows).keys()], { minLength: rows, maxLength: rows }),
          );
        }),
        settingsArb,
        ([reviews, order], settings) => {
          expect(aggregate(columnsFromRows(reviews, order), settings)).toEqual(
            aggregateRound(ENTRIES, reviews, settings),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('after replacing some entries’ reviews, aggregate as the new reviews from scratch', () => {
    fc.assert(
      fc.property(
        reviewsArb,
        reviewsArb,
        fc.uniqueArray(fc.integer({ min: 0, max: ENTRIES.length - 1 }), { maxLength: 4 }),
        settingsArb,
        (before, candidates, changed, settings) => {
          const affected = new Set(changed);
          const isAffected = (review: SubmittedReview) =>
            affected.has(ENTRIES.findIndex((e) => e.entryKey === review.entryKey));
          // The changed entries' reviews now are those of `candidates`; the others stay.
          const fresh = candidates.filter(isAffected);
          const after = [...before.filter((review) => !isAffected(review)), ...fresh];
          const patched = replaceEntries(
            columnsFromRows(before, []),
            affected,
            columnsFromRows(fresh, []),
          );
          expect(aggregate(patched, settings)).toEqual(aggregateRound(ENTRIES, after, settings));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('are only read by aggregation, so one load serves every method', () => {
    fc.assert(
      fc.property(reviewsArb, (reviews) => {
        const columns = columnsFromRows(reviews, []);
        const copy = structuredClone(columns);
        for (const method of AGGREGATION_METHODS) {
          aggregate(columns, { method, trim_k: 1, min_reviews: 3, disagreement_threshold: 20 });
        }
        expect(columns).toEqual(copy);
      }),
      { numRuns: 50 },
    );
  });

  it('name the missing score of an incomplete review, as review objects do', () => {
    const slots = rubricSlots(ENTRIES);
    const builder = new ReviewColumnsBuilder(ENTRIES, slots, REVIEWERS, 1, 8);
    builder.score(7, 0, 2, 'x', 10);
    builder.score(7, 0, 2, 'not-in-rubric', 5);
    builder.gate(7, 0, 2, 'g1', true);
    builder.gate(7, 0, 2, 'g2', false);
    expect(() => builder.finish()).toThrow(/lacks y: E1 \(reviewer R3\)/);
  });
});
