// Properties of aggregation and ranking over random rounds (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AGGREGATION_METHODS, type AggregationSettings } from '../../../electron/core/domain';
import {
  aggregateRound,
  rankEntries,
  type RankableEntry,
  type ScoringRubric,
  type SubmittedReview,
} from '../../../electron/core/scoring';

const RUBRIC: ScoringRubric = {
  criteria: [
    { key: 'a', max: 60 },
    { key: 'b', max: 40 },
  ],
  gates: [{ key: 'g' }],
  tie_break: ['b', 'a'],
};
const ENTRY_KEYS = ['E1', 'E2', 'E3', 'E4', 'E5', 'E6'];
const REVIEWER_IDS = ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8', 'R9'];

interface Round {
  entries: RankableEntry[];
  reviews: SubmittedReview[];
  settings: AggregationSettings;
}

/** Scores in half points; coarse ranges so that ties happen. */
const reviewArb = (entryKey: string, reviewerId: string) =>
  fc.record({
    entryKey: fc.constant(entryKey),
    reviewerId: fc.constant(reviewerId),
    scores: fc.record({
      a: fc.integer({ min: 60, max: 120 }).map((h) => h / 2),
      b: fc.integer({ min: 40, max: 80 }).map((h) => h / 2),
    }),
    gates: fc.record({ g: fc.constantFrom<'pass' | 'fail'>('pass', 'pass', 'fail') }),
  });

const roundArb = (methods: readonly AggregationSettings['method'][] = AGGREGATION_METHODS) =>
  fc
    .record({
      nEntries: fc.integer({ min: 1, max: ENTRY_KEYS.length }),
      pairs: fc.uniqueArray(
        fc.tuple(
          fc.integer({ min: 0, max: ENTRY_KEYS.length - 1 }),
          fc.integer({ min: 0, max: REVIEWER_IDS.length - 1 }),
        ),
        { selector: ([e, r]) => `${e}/${r}`, maxLength: 40 },
      ),
      settings: fc.record({
        method: fc.constantFrom(...methods),
        trim_k: fc.integer({ min: 0, max: 2 }),
        min_reviews: fc.integer({ min: 0, max: 4 }),
        disagreement_threshold: fc.constantFrom(5, 10, 20),
      }),
    })
    .chain(({ nEntries, pairs, settings }) => {
      const inRound = pairs.filter(([e]) => e < nEntries);
      return fc
        .tuple(...inRound.map(([e, r]) => reviewArb(ENTRY_KEYS[e]!, REVIEWER_IDS[r]!)))
        .map((reviews): Round => ({
          entries: ENTRY_KEYS.slice(0, nEntries).map((entryKey) => ({
            entryKey,
            sector: 'factory',
            rubric: RUBRIC,
          })),
          reviews,
          settings,
        }));
    });

const rank = ({ entries, reviews, settings }: Round) =>
  rankEntries([...aggregateRound(entries, reviews, settings).entries.values()], {
    tieBreak: RUBRIC.tie_break,
  });

describe('scoring properties', () => {
  it('the order of the input reviews does not change any result', () => {
    fc.assert(
      fc.property(
        roundArb().chain((round) =>
          fc.tuple(
            fc.constant(round),
            fc.shuffledSubarray(round.reviews, { minLength: round.reviews.length }),
          ),
        ),
        ([round, shuffled]) => {
          const a = aggregateRound(round.entries, round.reviews, round.settings);
          const b = aggregateRound(round.entries, shuffled, round.settings);
          expect(b).toEqual(a);
          expect(rank({ ...round, reviews: shuffled })).toEqual(rank(round));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('raising one criterion score of one review never lowers the mean (nor trimmed, median)', () => {
    fc.assert(
      fc.property(
        roundArb(['mean', 'trimmed', 'median']).filter((r) => r.reviews.length > 0),
        fc.nat(),
        fc.constantFrom('a', 'b'),
        fc.integer({ min: 1, max: 40 }),
        (round, pick, key, halves) => {
          const i = pick % round.reviews.length;
          const target = round.reviews[i]!;
          const max = key === 'a' ? 60 : 40;
          const raised = round.reviews.map((r, j) =>
            j === i
              ? { ...r, scores: { ...r.scores, [key]: Math.min(max, r.scores[key]! + halves / 2) } }
              : r,
          );
          const before = aggregateRound(round.entries, round.reviews, round.settings).entries;
          const after = aggregateRound(round.entries, raised, round.settings).entries;
          const was = before.get(target.entryKey)!;
          const now = after.get(target.entryKey)!;
          expect(now.scoreExact!).toBeGreaterThanOrEqual(was.scoreExact!);
          expect(now.allJudgeMeanExact!).toBeGreaterThanOrEqual(was.allJudgeMeanExact!);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('trimmed equals the mean when nothing can be dropped (n < 2k + 3)', () => {
    fc.assert(
      fc.property(roundArb(['trimmed']), (round) => {
        const k = round.settings.trim_k;
        for (const a of aggregateRound(
          round.entries,
          round.reviews,
          round.settings,
        ).entries.values()) {
          if (a.reviews === 0) continue;
          if (a.reviews < 2 * k + 3) {
            expect(a.scoreExact).toBe(a.allJudgeMeanExact);
            expect(a.droppedTotals).toEqual([]);
            expect(a.flags).toContain('too_few_to_trim');
          } else {
            expect(a.droppedTotals).toHaveLength(2 * k);
            expect(a.flags).not.toContain('too_few_to_trim');
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the median lies between the lowest and the highest total', () => {
    fc.assert(
      fc.property(roundArb(['median']), (round) => {
        for (const a of aggregateRound(
          round.entries,
          round.reviews,
          round.settings,
        ).entries.values()) {
          if (a.reviews === 0) continue;
          expect(a.scoreExact!).toBeGreaterThanOrEqual(Math.min(...a.totals));
          expect(a.scoreExact!).toBeLessThanOrEqual(Math.max(...a.totals));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('ranks are non-decreasing in output order, competition-style, unranked last', () => {
    fc.assert(
      fc.property(roundArb(), (round) => {
        const ranked = rank(round);
        const ranks = ranked.map((r) => r.rank);
        const firstUnranked = ranks.indexOf(null);
        const numbered = (firstUnranked < 0 ? ranks : ranks.slice(0, firstUnranked)) as number[];
        expect(ranks.slice(numbered.length).every((r) => r === null)).toBe(true);
        numbered.forEach((r, p) => {
          // Competition ranking: 1 + the number of entries strictly ahead.
          const ahead = numbered.filter((o) => o < r).length;
          expect(r).toBe(ahead + 1);
          if (p > 0) expect(r).toBeGreaterThanOrEqual(numbered[p - 1]!);
          const entry = ranked[p]!;
          expect(entry.flags.includes('tie')).toBe(numbered.filter((o) => o === r).length > 1);
          expect(entry.score! <= (ranked[p - 1]?.score ?? Infinity)).toBe(true);
        });
        for (const r of ranked) {
          expect(r.rank === null).toBe(r.gateFailed !== null || r.reviews === 0);
        }
      }),
      { numRuns: 300 },
    );
  });
});
