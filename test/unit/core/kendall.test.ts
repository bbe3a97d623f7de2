// Kendall's τ-b against hand-computed values and, for random rankings, against counting every
// pair one by one (the definition) — the fast algorithm must agree with it, ties included.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kendallTauB } from '../../../electron/core/scoring/kendall';

/** τ-b straight from its definition, pair by pair. */
function tauByPairs(x: number[], y: number[]): number | null {
  let concordant = 0;
  let discordant = 0;
  let tiedX = 0;
  let tiedY = 0;
  let pairs = 0;
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++) {
      pairs++;
      const dx = Math.sign(x[i]! - x[j]!);
      const dy = Math.sign(y[i]! - y[j]!);
      if (dx === 0) tiedX++;
      if (dy === 0) tiedY++;
      if (dx !== 0 && dy !== 0) {
        if (dx === dy) concordant++;
        else discordant++;
      }
    }
  }
  const denominator = Math.sqrt((pairs - tiedX) * (pairs - tiedY));
  return denominator === 0 ? null : (concordant - discordant) / denominator;
}

describe("Kendall's τ-b", () => {
  it('is 1 for the same order and −1 for the reverse order', () => {
    expect(kendallTauB([1, 2, 3, 4], [1, 2, 3, 4])).toBe(1);
    expect(kendallTauB([1, 2, 3, 4], [4, 3, 2, 1])).toBe(-1);
  });

  it('counts a pair tied on one side as neither concordant nor discordant', () => {
    // Pairs: 5 concordant, 1 tied in x (entries 2 and 3); n0 = 6, so 5 / √(5 · 6).
    expect(kendallTauB([1, 2, 2, 3], [1, 3, 2, 4])).toBeCloseTo(5 / Math.sqrt(30), 12);
  });

  it('handles ties on both sides: 5 concordant, 2 discordant, 2 ties each side of 10 pairs', () => {
    // x = 1 2 2 3 3, y = 2 1 1 3 2: concordant (0,3) (1,3) (1,4) (2,3) (2,4); discordant (0,1)
    // (0,2); tied in x (1,2) (3,4); tied in y (0,4) (1,2). τ-b = 3 / √(8 · 8) = 0.375.
    expect(kendallTauB([1, 2, 2, 3, 3], [2, 1, 1, 3, 2])).toBe(0.375);
  });

  it('is 0 when concordant and discordant pairs balance', () => {
    expect(kendallTauB([1, 1, 2, 2], [1, 2, 1, 2])).toBe(0);
  });

  it('is undefined (null) for fewer than two entries or one side all tied', () => {
    expect(kendallTauB([], [])).toBeNull();
    expect(kendallTauB([1], [1])).toBeNull();
    expect(kendallTauB([2, 2, 2], [1, 2, 3])).toBeNull();
  });

  it('refuses rankings of different lengths', () => {
    expect(() => kendallTauB([1, 2], [1])).toThrow(RangeError);
  });

  it('agrees with counting every pair, for random rankings with ties', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 0, max: 40 })
          .chain((n) =>
            fc.tuple(
              fc.array(fc.integer({ min: 1, max: 8 }), { minLength: n, maxLength: n }),
              fc.array(fc.integer({ min: 1, max: 8 }), { minLength: n, maxLength: n }),
            ),
          ),
        ([x, y]) => {
          const expected = tauByPairs(x, y);
          const actual = kendallTauB(x, y);
          if (expected === null) expect(actual).toBeNull();
          else expect(actual).toBeCloseTo(expected, 12);
          // Symmetric in its two rankings.
          const swapped = kendallTauB(y, x);
          if (actual === null) expect(swapped).toBeNull();
          else expect(swapped).toBeCloseTo(actual, 12);
        },
      ),
      { numRuns: 500 },
    );
  });
});
