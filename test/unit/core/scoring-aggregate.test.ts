// Hand-computed cases for every aggregation rule and flag of SCORING.md.
import { describe, expect, it } from 'vitest';
import { SailError } from '../../../electron/core/errors';
import { aggregateRound, type ScoringRubric } from '../../../electron/core/scoring';
import { aggregateTotals, entry, only, review, settings, totals } from './scoring-fixtures';

const one = (values: number[], overrides: Parameters<typeof settings>[0] = {}) =>
  only(aggregateTotals({ E: values }, overrides), 'E');

describe('mean', () => {
  it('is the arithmetic mean of the totals, shown at 2 decimals', () => {
    const a = one([70, 80, 95]);
    expect(a.scoreExact).toBeCloseTo(245 / 3, 12);
    expect(a.score).toBe(81.67);
    expect(a.allJudgeMean).toBe(81.67);
    expect(a.totals).toEqual([70, 80, 95]);
    expect(a.droppedTotals).toEqual([]);
    expect(a.flags).toEqual(['disagreement']);
  });

  it('rounds half up at the .005 boundary (593 / 8 = 74.125)', () => {
    const a = one([74, 74, 74, 74, 74, 74, 74, 75]);
    expect(a.scoreExact).toBe(74.125);
    expect(a.score).toBe(74.13);
  });

  it('keeps totals ascending with their reviewers, whatever the input order', () => {
    const reviews = [
      review('E', 'R9', { q: 80 }),
      review('E', 'R2', { q: 60 }),
      review('E', 'R1', { q: 80 }),
    ];
    const a = only(aggregateRound([entry('E')], reviews, settings()).entries, 'E');
    expect(a.totals).toEqual([60, 80, 80]);
    expect(a.reviewerIds).toEqual(['R2', 'R1', 'R9']);
  });
});

describe('trimmed', () => {
  it('k = 1: 4 totals are too few (4 < 5): plain mean, flagged', () => {
    const a = one([60, 70, 80, 90], { method: 'trimmed' });
    expect(a.score).toBe(75);
    expect(a.droppedTotals).toEqual([]);
    expect(a.flags).toEqual(['too_few_to_trim', 'disagreement']);
  });

  it('k = 1: 5 totals drop the highest and the lowest', () => {
    const a = one([99, 60, 75, 70, 80], { method: 'trimmed' });
    expect(a.score).toBe(75); // (70 + 75 + 80) / 3
    expect(a.allJudgeMean).toBe(76.8);
    expect(a.droppedTotals).toEqual([60, 99]);
    expect(a.flags).toEqual(['disagreement']);
  });

  it('k = 2: 6 totals are too few (6 < 7)', () => {
    const a = one([50, 60, 70, 80, 90, 100], { method: 'trimmed', trim_k: 2 });
    expect(a.score).toBe(75);
    expect(a.flags[0]).toBe('too_few_to_trim');
  });

  it('k = 2: 7 totals drop the two highest and the two lowest', () => {
    const a = one([100, 50, 75, 60, 90, 70, 81], { method: 'trimmed', trim_k: 2 });
    expect(a.score).toBe(75.33); // (70 + 75 + 81) / 3 = 75.333…
    expect(a.droppedTotals).toEqual([50, 60, 90, 100]);
  });

  it('k = 0 keeps every total; the 2k + 3 rule still applies as written', () => {
    const a = one([60, 70, 95], { method: 'trimmed', trim_k: 0 });
    expect(a.score).toBe(75);
    expect(a.droppedTotals).toEqual([]);
    expect(a.flags).toEqual(['disagreement']);
    expect(one([60, 70], { method: 'trimmed', trim_k: 0 }).flags[0]).toBe('too_few_to_trim');
  });

  it('flags in the reported order with too few reviews', () => {
    const a = one([50, 75], { method: 'trimmed' });
    expect(a.flags).toEqual(['too_few_to_trim', 'insufficient_reviews', 'disagreement']);
  });

  it('rejects a trim count that is not a non-negative integer', () => {
    expect(() => one([1, 2, 3], { method: 'trimmed', trim_k: 1.5 })).toThrow(SailError);
    expect(() => one([1, 2, 3], { method: 'trimmed', trim_k: -1 })).toThrow(SailError);
  });
});

describe('median', () => {
  it('odd: the middle total', () => {
    expect(one([90, 60, 70], { method: 'median' }).score).toBe(70);
  });

  it('even: the mean of the two middle totals', () => {
    const a = one([95, 60, 80, 70], { method: 'median' });
    expect(a.score).toBe(75);
    expect(a.allJudgeMean).toBe(76.25);
  });

  it('one review: that total', () => {
    expect(one([42.5], { method: 'median' }).score).toBe(42.5);
  });
});

describe('zscore', () => {
  // A: 60, 70, 80 (μA 70, σA √(200/3)); B: 2 totals (too few); C: 75 three times (σ = 0).
  // All 8 totals: μ = 575 / 8 = 71.875, σ² = 42375 / 8 − μ² = 130.859375.
  const round = () =>
    aggregateRound(
      ['E1', 'E2', 'E3'].map((key) => entry(key)),
      [
        review('E1', 'A', { q: 60 }),
        review('E2', 'A', { q: 70 }),
        review('E3', 'A', { q: 80 }),
        review('E1', 'B', { q: 90 }),
        review('E2', 'B', { q: 50 }),
        review('E1', 'C', { q: 75 }),
        review('E2', 'C', { q: 75 }),
        review('E3', 'C', { q: 75 }),
      ],
      settings({ method: 'zscore' }),
    );
  const mu = 71.875;
  const sigma = Math.sqrt(130.859375);
  const a60 = mu + (sigma * (60 - 70)) / Math.sqrt(200 / 3); // 57.8647…
  const a80 = mu + (sigma * (80 - 70)) / Math.sqrt(200 / 3); // 85.8853…

  it('flags no reviewer for the other methods', () => {
    const reviews = totals('E', [50, 60]);
    expect(aggregateRound([entry('E')], reviews, settings()).reviewerFlags.size).toBe(0);
  });

  it('flags reviewers with fewer than 3 totals or no spread, and uses their totals as is', () => {
    expect([...round().reviewerFlags]).toEqual([
      ['B', 'too_few_totals'],
      ['C', 'zero_spread'],
    ]);
  });

  it('maps the other totals to μ + σ·(t − μr)/σr and averages them', () => {
    const { entries } = round();
    const e1 = only(entries, 'E1');
    expect(e1.totals).toEqual([60, 75, 90]);
    expect(e1.normalisedTotals![0]).toBeCloseTo(a60, 10);
    expect(e1.normalisedTotals!.slice(1)).toEqual([75, 90]);
    expect(e1.scoreExact).toBeCloseTo((a60 + 75 + 90) / 3, 10);
    expect(e1.score).toBe(74.29);
    // A's 70 is A's mean, so it becomes μ: (50 + 71.875 + 75) / 3 = 65.625 exactly.
    expect(only(entries, 'E2').scoreExact).toBe(65.625);
    expect(only(entries, 'E2').score).toBe(65.63);
    expect(only(entries, 'E3').score).toBe(80.44);
    expect(only(entries, 'E3').scoreExact).toBeCloseTo((a80 + 75) / 2, 10);
    // The all-judge mean stays the plain mean of the raw totals.
    expect(e1.allJudgeMean).toBe(75);
  });

  it('normalises over every sector of the round', () => {
    const other: ScoringRubric = { criteria: [{ key: 'x', max: 100 }], gates: [], tie_break: [] };
    const { entries, reviewerFlags } = aggregateRound(
      [entry('F1'), entry('P1', other, 'power'), entry('P2', other, 'power')],
      [review('F1', 'A', { q: 60 }), review('P1', 'A', { x: 70 }), review('P2', 'A', { x: 80 })],
      settings({ method: 'zscore' }),
    );
    // A has three totals across two sectors, so A is normalised (μ = μA, σ = σA here).
    expect(reviewerFlags.size).toBe(0);
    expect(only(entries, 'F1').scoreExact).toBeCloseTo(60, 10);
    expect(only(entries, 'P1').sector).toBe('power');
  });
});

describe('per-criterion means', () => {
  it('are plain means over the reviews, at 2 decimals, whatever the method', () => {
    const rubric: ScoringRubric = {
      criteria: [
        { key: 'a', max: 50 },
        { key: 'b', max: 50 },
      ],
      gates: [],
      tie_break: ['b'],
    };
    const { entries } = aggregateRound(
      [entry('E', rubric)],
      [
        review('E', 'R1', { a: 40, b: 30.5 }),
        review('E', 'R2', { a: 35, b: 30 }),
        review('E', 'R3', { a: 20, b: 30 }),
      ],
      settings({ method: 'median' }),
    );
    const e = only(entries, 'E');
    expect(e.criteria).toEqual({ a: 31.67, b: 30.17 });
    expect(e.criteriaExact.b).toBeCloseTo(90.5 / 3, 12);
    expect(e.score).toBe(65); // median of 50, 65, 70.5
  });
});

describe('gates', () => {
  const gated: ScoringRubric = {
    criteria: [{ key: 'q', max: 100 }],
    gates: [{ key: 'licence' }, { key: 'safety' }],
    tie_break: [],
  };
  const gateRound = (answers: ['pass' | 'fail', 'pass' | 'fail'][]) =>
    only(
      aggregateRound(
        [entry('E', gated)],
        answers.map(([licence, safety], i) => review('E', `R${i}`, { q: 80 }, { licence, safety })),
        settings(),
      ).entries,
      'E',
    );

  it('exactly half failing is not a failure', () => {
    expect(
      gateRound([
        ['fail', 'pass'],
        ['fail', 'pass'],
        ['pass', 'pass'],
        ['pass', 'pass'],
      ]).gateFailed,
    ).toBeNull();
  });

  it('more than half failing fails the entry, still scored', () => {
    const a = gateRound([
      ['fail', 'pass'],
      ['fail', 'pass'],
      ['pass', 'pass'],
    ]);
    expect(a.gateFailed).toBe('licence');
    expect(a.score).toBe(80);
  });

  it('names the first failed gate in rubric order', () => {
    expect(
      gateRound([
        ['fail', 'fail'],
        ['fail', 'fail'],
        ['pass', 'fail'],
      ]).gateFailed,
    ).toBe('licence');
    expect(
      gateRound([
        ['pass', 'fail'],
        ['fail', 'fail'],
        ['pass', 'fail'],
      ]).gateFailed,
    ).toBe('safety');
  });
});

describe('coverage and disagreement', () => {
  it('flags fewer reviews than min_reviews', () => {
    expect(one([70, 71]).flags).toEqual(['insufficient_reviews']);
    expect(one([70, 71, 72]).flags).toEqual([]);
    expect(one([70, 71, 72], { min_reviews: 4 }).flags).toEqual(['insufficient_reviews']);
  });

  it('flags a spread that strictly exceeds the threshold: 20 no, 20.5 yes', () => {
    expect(one([70, 90, 80]).flags).toEqual([]);
    expect(one([70, 90.5, 80]).flags).toEqual(['disagreement']);
    expect(one([70, 80.5, 80], { disagreement_threshold: 10 }).flags).toEqual(['disagreement']);
  });

  it('an entry with no reviews has no score and is flagged insufficient_reviews', () => {
    const a = only(aggregateRound([entry('E')], [], settings({ method: 'trimmed' })).entries, 'E');
    expect(a).toMatchObject({
      reviews: 0,
      totals: [],
      scoreExact: null,
      score: null,
      allJudgeMean: null,
      criteria: {},
      flags: ['insufficient_reviews'],
      gateFailed: null,
    });
    const none = aggregateRound([entry('E')], [], settings({ min_reviews: 0 })).entries;
    expect(only(none, 'E').flags).toEqual(['insufficient_reviews']);
  });
});

describe('invalid input', () => {
  const code = (fn: () => unknown): string => {
    try {
      fn();
    } catch (e) {
      if (e instanceof SailError) return e.code;
    }
    return 'no SailError';
  };

  it('rejects what cannot be a round of submitted reviews', () => {
    const s = settings();
    expect(code(() => aggregateRound([entry('E'), entry('E')], [], s))).toBe(
      'scoring_duplicate_entry',
    );
    expect(code(() => aggregateRound([entry('E')], totals('X', [50]), s))).toBe(
      'scoring_unknown_entry',
    );
    expect(
      code(() =>
        aggregateRound([entry('E')], [review('E', 'R1', { q: 5 }), review('E', 'R1', { q: 6 })], s),
      ),
    ).toBe('scoring_duplicate_review');
    expect(code(() => aggregateRound([entry('E')], [review('E', 'R1', {})], s))).toBe(
      'scoring_incomplete_review',
    );
    const gated: ScoringRubric = { ...entry('E').rubric, gates: [{ key: 'g' }] };
    expect(code(() => aggregateRound([entry('E', gated)], totals('E', [50]), s))).toBe(
      'scoring_incomplete_review',
    );
  });
});
