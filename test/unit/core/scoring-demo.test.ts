// The demo round of /work/shared/samples against the results SCORING.md gives for it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  AGGREGATION_METHODS,
  RANK_FLAGS,
  type RubricDefinition,
} from '../../../electron/core/domain';
import { aggregateRound, rankEntries, type SubmittedReview } from '../../../electron/core/scoring';
import { entry, settings } from './scoring-fixtures';

// The shared folder is a sibling of the repository, here and in CI.
const demo = new URL('../../../../shared/samples/demo-round/', import.meta.url);
const read = (name: string): string =>
  readFileSync(new URL(name, demo), 'utf8').replace(/^\uFEFF/, '');

interface Expected {
  entry_id: string;
  rank: number | null;
  score: number;
  all_judge_mean: number;
  reviews: number;
  criteria: Readonly<Record<string, number>>;
  flags: readonly string[];
  gate_failed: string | null;
}

const rubric = JSON.parse(read('rubric.json')) as RubricDefinition;

/** entry_id,reviewer_id,criterion,score[,comment]; `gate:<key>` rows carry pass/fail. */
function parseScores(csv: string): SubmittedReview[] {
  const reviews = new Map<string, SubmittedReview>();
  for (const line of csv.split(/\r?\n/).slice(1)) {
    if (line.trim() === '') continue;
    const [entryKey = '', reviewerId = '', criterion = '', value = ''] = line.split(',');
    const id = `${entryKey}\u0000${reviewerId}`;
    let r = reviews.get(id);
    if (!r) {
      r = { entryKey, reviewerId, scores: {}, gates: {} };
      reviews.set(id, r);
    }
    if (criterion.startsWith('gate:')) r.gates[criterion.slice(5)] = value as 'pass' | 'fail';
    else r.scores[criterion] = Number(value);
  }
  return [...reviews.values()];
}

const entryIds = read('entries.csv')
  .split(/\r?\n/)
  .slice(1)
  .filter((line) => line.trim() !== '')
  .map((line) => line.split(',')[0]!);
const entries = entryIds.map((id) => entry(id, rubric, 'factory'));
const reviews = parseScores(read('scores.csv'));

describe('demo round', () => {
  it('has the twelve entries and 51 complete reviews', () => {
    expect(entries).toHaveLength(12);
    expect(reviews).toHaveLength(51);
  });

  it.each(AGGREGATION_METHODS)('%s matches expected-%s.json', (method) => {
    const expected = JSON.parse(read(`expected-${method}.json`)) as Expected[];
    const { entries: aggregates, reviewerFlags } = aggregateRound(
      entries,
      reviews,
      settings({ method }),
    );
    const ranked = rankEntries([...aggregates.values()], { tieBreak: rubric.tie_break });
    const actual = ranked.map((r): Expected => ({
      entry_id: r.entryKey,
      rank: r.rank,
      score: r.score!,
      all_judge_mean: r.allJudgeMean!,
      reviews: r.reviews,
      criteria: r.criteria,
      flags: r.flags,
      gate_failed: r.gateFailed,
    }));
    expect(actual).toEqual(expected);
    // zscore: each reviewer has 8–11 totals with some spread, so nobody is used as is.
    expect(reviewerFlags.size).toBe(0);
  });

  it('reports flags in the order of RANK_FLAGS, as every expected file does', () => {
    for (const method of AGGREGATION_METHODS) {
      const expected = JSON.parse(read(`expected-${method}.json`)) as Expected[];
      for (const row of expected) {
        const order = row.flags.map((f) => RANK_FLAGS.indexOf(f as (typeof RANK_FLAGS)[number]));
        expect(order.every((i) => i >= 0)).toBe(true);
        expect(order).toEqual([...order].sort((a, b) => a - b));
      }
    }
  });

  it('explains the demo tie-breaks', () => {
    const { entries: aggregates } = aggregateRound(entries, reviews, settings());
    const ranked = rankEntries([...aggregates.values()], { tieBreak: rubric.tie_break });
    const by = Object.fromEntries(ranked.map((r) => [r.entryKey, r.decidedBy]));
    expect(by['S001-007']).toBe('score');
    // 74.5 each: impact 18.4 against 18.2.
    expect(by['S001-010']).toBe('criterion:impact');
    // 63.5 each: impact 15.75 against 15.7, then a full tie.
    expect(by['S001-011']).toBe('criterion:impact');
    expect(by['S001-012']).toBe('tie');
  });
});
