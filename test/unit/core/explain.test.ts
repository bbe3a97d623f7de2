// Explaining a result by hand: reviewer moments and flags for the z-score method (checked
// against the engine's transformed totals), dropped totals, the tie-break step between
// neighbours, discussion reasons and per-criterion spread, and the chart summaries.
import { describe, expect, it } from 'vitest';
import { aggregateRound, reviewColumns } from '../../../electron/core/scoring';
import {
  criterionSpreads,
  discussionReasons,
  gateVotes,
  splitVote,
} from '../../../electron/core/scoring/discussion';
import { boxStats, histogram } from '../../../electron/core/scoring/distribution';
import { compareAlongChain, droppedReviewers } from '../../../electron/core/scoring/explain';
import { reviewerMoments, zscoreTotal } from '../../../electron/core/scoring/zscore';
import { aggregateTotals, entry, review, settings } from './scoring-fixtures';

describe('z-score explanation', () => {
  // R1 scores three entries 60, 70, 80; R2 gives 50 three times; R3 scores once.
  const reviews = [
    review('E1', 'R1', { q: 60 }),
    review('E2', 'R1', { q: 70 }),
    review('E3', 'R1', { q: 80 }),
    review('E1', 'R2', { q: 50 }),
    review('E2', 'R2', { q: 50 }),
    review('E3', 'R2', { q: 50 }),
    review('E1', 'R3', { q: 90 }),
  ];
  const columns = reviewColumns(
    ['E1', 'E2', 'E3'].map((key) => entry(key)),
    reviews,
  );

  it('gives each reviewer μr, σr (population) and the flags of SCORING.md', () => {
    const { round, reviewers } = reviewerMoments(columns);
    expect(reviewers.get('R1')).toEqual({
      reviewerId: 'R1',
      count: 3,
      mean: 70,
      sd: expect.closeTo(Math.sqrt(200 / 3), 12),
      flag: null,
    });
    expect(reviewers.get('R2')?.flag).toBe('zero_spread');
    expect(reviewers.get('R3')?.flag).toBe('too_few_totals');
    // All seven totals: 60 70 80 50 50 50 90, mean 450 / 7.
    expect(round.mean).toBeCloseTo(450 / 7, 12);
    expect(round.count).toBe(7);
  });

  it('transforms totals exactly as the engine does', () => {
    const { round, reviewers } = reviewerMoments(columns);
    const engine = aggregateRound(
      ['E1', 'E2', 'E3'].map((key) => entry(key)),
      reviews,
      settings({ method: 'zscore' }),
    );
    for (const aggregate of engine.entries.values()) {
      aggregate.reviewerIds.forEach((id, i) => {
        const moments = reviewers.get(id)!;
        expect(zscoreTotal(aggregate.totals[i]!, moments, round)).toBe(
          aggregate.normalisedTotals![i],
        );
      });
    }
    // R1's 80 sits one σr above μr: it becomes μ + σ·(10 / √(200/3)).
    expect(zscoreTotal(80, reviewers.get('R1')!, round)).toBeCloseTo(
      round.mean + round.sd * (10 / Math.sqrt(200 / 3)),
      12,
    );
    // A flagged reviewer's totals stay as they are.
    expect(zscoreTotal(50, reviewers.get('R2')!, round)).toBe(50);
  });
});

describe('trimmed explanation', () => {
  it('names the reviewers whose totals were dropped, ties broken by reviewer id', () => {
    // Totals by R1…R5: 70 90 70 80 60 → sorted 60 (R5) 70 (R1) 70 (R3) 80 (R4) 90 (R2).
    const aggregate = aggregateTotals({ E: [70, 90, 70, 80, 60] }, { method: 'trimmed' }).get('E')!;
    expect([...droppedReviewers(aggregate)].sort()).toEqual(['R2', 'R5']);
    const k2 = aggregateTotals(
      { E: [70, 90, 70, 80, 60, 75, 85] },
      { method: 'trimmed', trim_k: 2 },
    ).get('E')!;
    expect([...droppedReviewers(k2)].sort()).toEqual(['R1', 'R2', 'R5', 'R7']);
    const few = aggregateTotals({ E: [70, 90] }, { method: 'trimmed' }).get('E')!;
    expect(droppedReviewers(few).size).toBe(0);
  });
});

describe('neighbours', () => {
  const chain = ['score', 'all_judge_mean', 'criterion:impact', 'criterion:app', 'tie'];
  const values = (score: number, mean: number, impact: number, app: number) => ({
    score,
    all_judge_mean: mean,
    criteria: { impact, app, net: 10 },
  });

  it('names the first step that separates two entries and the values compared', () => {
    expect(compareAlongChain(values(80, 80, 20, 18), values(79.5, 80, 20, 18), chain)).toEqual({
      decidedBy: 'score',
      steps: [{ step: 'score', entry: 80, other: 79.5 }],
    });
    expect(
      compareAlongChain(values(74.5, 74.5, 18.2, 20.4), values(74.5, 74.5, 18.4, 20.4), chain),
    ).toEqual({
      decidedBy: 'criterion:impact',
      steps: [
        { step: 'score', entry: 74.5, other: 74.5 },
        { step: 'all_judge_mean', entry: 74.5, other: 74.5 },
        { step: 'criterion:impact', entry: 18.2, other: 18.4 },
      ],
    });
  });

  it('says tie when every step compares equal', () => {
    const result = compareAlongChain(values(70, 71, 15, 15), values(70, 71, 15, 15), chain);
    expect(result.decidedBy).toBe('tie');
    expect(result.steps.map((s) => s.step)).toEqual(chain.slice(0, 4));
  });
});

describe('discussion queue rules', () => {
  const row = (
    score: number | null,
    flags: Array<'disagreement' | 'insufficient_reviews'> = [],
  ) => ({
    rank: score === null ? null : 1,
    score,
    flags,
  });

  it('puts an entry within the margin of the cut score on the queue, both sides', () => {
    expect(discussionReasons(row(78), 80, 2)).toEqual(['near_cut']);
    expect(discussionReasons(row(82), 80, 2)).toEqual(['near_cut']);
    expect(discussionReasons(row(77.99), 80, 2)).toEqual([]);
    expect(discussionReasons(row(90), null, 2)).toEqual([]);
    expect(discussionReasons(row(null), 80, 2)).toEqual([]);
  });

  it('adds disagreement and too few reviews, in that order', () => {
    expect(discussionReasons(row(79, ['disagreement', 'insufficient_reviews']), 80, 2)).toEqual([
      'disagreement',
      'near_cut',
      'insufficient_reviews',
    ]);
  });

  it('puts an entry split on a gate on the queue, after disagreement', () => {
    expect(discussionReasons(row(null), null, 2, true)).toEqual(['gate_split']);
    expect(discussionReasons(row(79, ['disagreement']), 80, 2, true)).toEqual([
      'disagreement',
      'gate_split',
      'near_cut',
    ]);
  });

  it('counts each gate’s fail answers; split only when answered both ways', () => {
    const votes = gateVotes(
      [{ key: 'licence' }, { key: 'stable' }, { key: 'water' }],
      [
        { gates: { licence: 'fail', stable: 'pass', water: 'fail' } },
        { gates: { licence: 'pass', stable: 'pass', water: 'fail' } },
        { gates: { licence: 'fail', stable: 'pass' } },
      ],
    );
    expect(votes).toEqual([
      { key: 'licence', fails: 2, answers: 3 },
      { key: 'stable', fails: 0, answers: 3 },
      { key: 'water', fails: 2, answers: 2 },
    ]);
    expect(votes.map(splitVote)).toEqual([true, false, false]);
  });

  it('marks the criteria whose scores span at least 30 % of their maximum', () => {
    const spreads = criterionSpreads(
      [
        { key: 'net', max: 20 },
        { key: 'impact', max: 25 },
        { key: 'rep', max: 5 },
      ],
      [{ scores: { net: 10, impact: 20, rep: 5 } }, { scores: { net: 16, impact: 25, rep: 5 } }],
    );
    expect(spreads).toEqual([
      { key: 'net', max: 20, low: 10, high: 16, range: 6, driver: true },
      { key: 'impact', max: 25, low: 20, high: 25, range: 5, driver: false },
      { key: 'rep', max: 5, low: 5, high: 5, range: 0, driver: false },
    ]);
    expect(criterionSpreads([{ key: 'net', max: 20 }], [])[0]).toMatchObject({ range: null });
  });
});

describe('chart summaries', () => {
  it('box statistics interpolate quartiles linearly', () => {
    expect(boxStats([4, 1, 3, 2])).toEqual({
      n: 4,
      min: 1,
      q1: 1.75,
      median: 2.5,
      q3: 3.25,
      max: 4,
      mean: 2.5,
    });
    expect(boxStats([])).toBeNull();
  });

  it('histograms count each score once, 100 in the last bin', () => {
    const bins = histogram([0, 9.99, 10, 95, 100], 10);
    expect(bins).toHaveLength(10);
    expect(bins.map((b) => b.count)).toEqual([2, 1, 0, 0, 0, 0, 0, 0, 0, 2]);
    expect(bins[9]).toMatchObject({ from: 90, to: 100 });
  });
});
