// Robustness by hand: agreement between methods (τ-b), borderline entries, and what-if weights
// rescaling each score by newMax / oldMax.
import { describe, expect, it } from 'vitest';
import { SailError } from '../../../electron/core/errors';
import {
  aggregateColumns,
  rankEntries,
  reviewColumns,
  type ReviewColumns,
  type ScoringRubric,
} from '../../../electron/core/scoring';
import { borderlineEntries, methodAgreement } from '../../../electron/core/scoring/robustness';
import { movement, rescaleColumns, weightFactors } from '../../../electron/core/scoring/whatif';
import { entry, review, settings } from './scoring-fixtures';

describe('agreement between methods', () => {
  it('compares the entries both methods rank, pair by pair of methods', () => {
    const ranks = new Map([
      [
        'mean',
        new Map<string, number | null>([
          ['A', 1],
          ['B', 2],
          ['C', 3],
          ['D', null],
        ]),
      ],
      [
        'median',
        new Map<string, number | null>([
          ['A', 1],
          ['B', 3],
          ['C', 2],
          ['D', 1],
        ]),
      ],
      [
        'trimmed',
        new Map<string, number | null>([
          ['A', 1],
          ['B', 2],
          ['C', 3],
          ['D', 4],
        ]),
      ],
    ]);
    // mean vs median over A, B, C: ranks 1 2 3 against 1 3 2 — 2 concordant, 1 discordant.
    expect(methodAgreement(ranks)).toEqual([
      { a: 'mean', b: 'median', tau: 1 / 3, entries: 3 },
      { a: 'mean', b: 'trimmed', tau: 1, entries: 3 },
      // A B C D ranked 1 3 2 1 against 1 2 3 4: (A,B) (A,C) concordant; (B,C) (B,D) (C,D)
      // discordant; (A,D) tied in median. τ-b = (2 − 3) / √((6 − 1) · 6).
      { a: 'median', b: 'trimmed', tau: expect.closeTo(-1 / Math.sqrt(30), 12), entries: 4 },
    ]);
  });

  it('an entry is borderline when some methods shortlist it and others do not', () => {
    const sets = [new Set(['A', 'B']), new Set(['A', 'C']), new Set(['A', 'B'])];
    expect([...borderlineEntries(sets)].sort()).toEqual(['B', 'C']);
    expect(borderlineEntries([new Set(['A']), new Set(['A'])]).size).toBe(0);
  });
});

const TWO: ScoringRubric = {
  criteria: [
    { key: 'a', max: 60 },
    { key: 'b', max: 40 },
  ],
  gates: [],
  tie_break: [],
};

describe('what-if weights', () => {
  it('gives each criterion the factor newMax / oldMax, the new maxima adding up to 100', () => {
    expect(weightFactors(TWO.criteria, { a: 40, b: 60 })).toEqual(
      new Map([
        ['a', 40 / 60],
        ['b', 60 / 40],
      ]),
    );
  });

  it('refuses maxima that do not add up to 100, unknown or missing criteria', () => {
    const code = (weights: Record<string, number>) => {
      try {
        weightFactors(TWO.criteria, weights);
        return null;
      } catch (error) {
        return (error as SailError).code;
      }
    };
    expect(code({ a: 50, b: 40 })).toBe('whatif_not_100');
    expect(code({ a: 60 })).toBe('whatif_missing_criterion');
    expect(code({ a: 60, b: 30, c: 10 })).toBe('whatif_unknown_criterion');
    expect(code({ a: 110, b: -10 })).toBe('whatif_bad_weight');
  });

  it('moves entries as the hand computation says when a criterion gains weight', () => {
    const entries = ['E1', 'E2'].map((key) => entry(key, TWO));
    const reviews = [
      review('E1', 'R1', { a: 60, b: 0 }),
      review('E1', 'R2', { a: 54, b: 6 }),
      review('E2', 'R1', { a: 30, b: 40 }),
      review('E2', 'R2', { a: 30, b: 30 }),
    ];
    const columns = reviewColumns(entries, reviews);
    const rank = (cs: ReviewColumns) =>
      rankEntries([...aggregateColumns(entries, cs, settings()).entries.values()], {
        tieBreak: null,
      }).map((r) => [r.entryKey, r.score, r.rank]);
    // Before: E1 (60 + 60) / 2 = 60; E2 (70 + 60) / 2 = 65.
    expect(rank(columns)).toEqual([
      ['E2', 65, 1],
      ['E1', 60, 2],
    ]);
    // a: 60 → 40 (× 2/3), b: 40 → 60 (× 1.5). E1: 40 + 0 and 36 + 9 → 42.5; E2: 20 + 60 and
    // 20 + 45 → 72.5.
    const factors = weightFactors(TWO.criteria, { a: 40, b: 60 });
    expect(rank(rescaleColumns(columns, TWO, new Set([0, 1]), factors))).toEqual([
      ['E2', 72.5, 1],
      ['E1', 42.5, 2],
    ]);
    // Only the entries named are rescaled (E2: index 1; E1 keeps 60), and the columns given
    // (a cached round's) are left as they were.
    const onlyE2 = rescaleColumns(columns, TWO, new Set([1]), factors);
    expect(rank(onlyE2)).toEqual([
      ['E2', 72.5, 1],
      ['E1', 60, 2],
    ]);
    expect([...columns.total]).toEqual([60, 60, 70, 60]);
    expect([...columns.points.subarray(0, 2)]).toEqual([60, 0]);
  });

  it('names a move into or out of the shortlist before a move in rank', () => {
    const at = (rank: number | null, shortlisted: boolean) => ({ rank, score: null, shortlisted });
    expect(movement(at(4, false), at(3, true))).toBe('in');
    expect(movement(at(3, true), at(4, false))).toBe('out');
    expect(movement(at(5, false), at(2, false))).toBe('up');
    expect(movement(at(2, true), at(3, true))).toBe('down');
    expect(movement(at(2, true), at(2, true))).toBe('same');
  });
});
