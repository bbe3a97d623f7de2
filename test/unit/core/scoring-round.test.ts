// 2-decimal rounding, half up, without binary floating-point surprises.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { round2 } from '../../../electron/core/scoring';

describe('round2', () => {
  it.each([
    [74.125, 74.13],
    [1.005, 1.01],
    [1.015, 1.02],
    [2.675, 2.68],
    [0.285, 0.29],
    [8.345, 8.35],
    [65.625, 65.63],
    [1.00499, 1],
    [74.12499, 74.12],
    [89.33333333333333, 89.33],
    [79.16666666666667, 79.17],
    [100, 100],
    [0, 0],
    [0.29, 0.29],
    [-1.005, -1.01],
  ])('%s -> %s', (x, expected) => {
    expect(round2(x)).toBe(expected);
  });

  it('rounds every 3-decimal value half up', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), (j) => {
        expect(round2(j / 1000)).toBe(Math.floor((j + 5) / 10) / 100);
      }),
      { numRuns: 20_000 },
    );
  });

  it('rounds every 4-decimal value half up', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), (j) => {
        expect(round2(j / 10_000)).toBe(Math.floor((j + 50) / 100) / 100);
      }),
      { numRuns: 20_000 },
    );
  });

  it('rounds every mean of up to 12 totals in half points exactly', () => {
    // mean = h / (2n); half up to cents, in integers: floor((100h + n) / 2n).
    for (let n = 1; n <= 12; n++) {
      for (let h = 0; h <= 200 * n; h++) {
        expect(round2(h / (2 * n))).toBe(Math.floor((100 * h + n) / (2 * n)) / 100);
      }
    }
  });
});
