// Ranking and tie-breaks of SCORING.md, hand-computed.
import { describe, expect, it } from 'vitest';
import { SailError } from '../../../electron/core/errors';
import {
  aggregateRound,
  rankEntries,
  type EntryAggregate,
  type ScoringRubric,
} from '../../../electron/core/scoring';
import { entry, rankTotals, review, settings } from './scoring-fixtures';

/** A bare aggregate for ranking, given its 2-decimal values. */
function agg(
  entryKey: string,
  score: number,
  allJudgeMean = score,
  criteria: Record<string, number> = {},
): EntryAggregate {
  return {
    entryKey,
    sector: 'factory',
    reviews: 3,
    totals: [],
    reviewerIds: [],
    scoreExact: score,
    score,
    allJudgeMeanExact: allJudgeMean,
    allJudgeMean,
    criteriaExact: criteria,
    criteria,
    droppedTotals: [],
    normalisedTotals: null,
    flags: [],
    gateFailed: null,
  };
}

describe('rankEntries', () => {
  it('ranks by score descending; full ties share a competition rank (1, 2, 2, 4)', () => {
    expect(
      rankTotals({ D: [60, 60, 60], C: [70, 70, 70], B: [70, 70, 70], A: [80, 80, 80] }),
    ).toEqual([
      { key: 'A', rank: 1, by: null, flags: [] },
      { key: 'B', rank: 2, by: 'score', flags: ['tie'] },
      { key: 'C', rank: 2, by: 'tie', flags: ['tie'] },
      { key: 'D', rank: 4, by: 'score', flags: [] },
    ]);
  });

  it('a three-way tie flags each entry once', () => {
    const ranked = rankTotals({ C: [50, 50, 50], A: [50, 50, 50], B: [50, 50, 50] });
    expect(ranked.map((r) => [r.key, r.rank, r.flags])).toEqual([
      ['A', 1, ['tie']],
      ['B', 1, ['tie']],
      ['C', 1, ['tie']],
    ]);
  });

  it('breaks a score tie by the all-judge mean (trimmed 75 each; means 75 and 76)', () => {
    const ranked = rankTotals(
      { E1: [50, 70, 75, 80, 100], E2: [60, 70, 75, 80, 95] },
      { method: 'trimmed' },
    );
    expect(ranked.map((r) => [r.key, r.rank, r.by])).toEqual([
      ['E2', 1, null],
      ['E1', 2, 'all_judge_mean'],
    ]);
  });

  describe('by criterion means in tie_break order', () => {
    const rubric: ScoringRubric = {
      criteria: [
        { key: 'a', max: 50 },
        { key: 'b', max: 50 },
      ],
      gates: [],
      tie_break: ['b', 'a'],
    };
    // Both total 70 from every reviewer; E1 is stronger on b, E2 on a.
    const aggregates = [
      ...aggregateRound(
        [entry('E2', rubric), entry('E1', rubric)],
        ['R1', 'R2', 'R3'].flatMap((r) => [
          review('E1', r, { a: 34, b: 36 }),
          review('E2', r, { a: 36, b: 34 }),
        ]),
        settings(),
      ).entries.values(),
    ];
    const order = (tieBreak: string[] | null) =>
      rankEntries(aggregates, { tieBreak }).map((r) => [r.entryKey, r.rank, r.decidedBy, r.flags]);

    it('uses the first criterion that differs', () => {
      expect(order(['b', 'a'])).toEqual([
        ['E1', 1, null, []],
        ['E2', 2, 'criterion:b', []],
      ]);
      expect(order(['a'])).toEqual([
        ['E2', 1, null, []],
        ['E1', 2, 'criterion:a', []],
      ]);
    });

    it('overall ranking skips the criterion step: a tie, listed by entry key', () => {
      expect(order(null)).toEqual([
        ['E1', 1, null, ['tie']],
        ['E2', 1, 'tie', ['tie']],
      ]);
    });

    it('rejects a tie-break criterion an entry does not have', () => {
      expect(() => rankEntries(aggregates, { tieBreak: ['impact'] })).toThrow(SailError);
    });
  });

  it('compares 2-decimal values: 74.125 and 74.13 both show 74.13 and tie on score', () => {
    const exact = { ...agg('X', 74.13, 70), scoreExact: 74.125 };
    const ranked = rankEntries([agg('Y', 74.13, 71), exact], { tieBreak: null });
    expect(ranked.map((r) => [r.entryKey, r.decidedBy])).toEqual([
      ['Y', null],
      ['X', 'all_judge_mean'],
    ]);
  });

  it('compares criterion means at 2 decimals too', () => {
    const x = { ...agg('X', 80, 80, { c: 20.33 }), criteriaExact: { c: 20.3333 } };
    const y = { ...agg('Y', 80, 80, { c: 20.33 }), criteriaExact: { c: 20.33 } };
    const ranked = rankEntries([y, x], { tieBreak: ['c'] });
    expect(ranked.map((r) => [r.entryKey, r.rank, r.decidedBy])).toEqual([
      ['X', 1, null],
      ['Y', 1, 'tie'],
    ]);
  });

  it('lists ranked entries, then entries without reviews, then failed-gate entries', () => {
    const unreviewed: EntryAggregate = {
      ...agg('N', 0),
      reviews: 0,
      score: null,
      scoreExact: null,
      allJudgeMean: null,
      allJudgeMeanExact: null,
      flags: ['insufficient_reviews'],
    };
    const ranked = rankEntries(
      [
        { ...agg('G1', 95), gateFailed: 'licence' },
        unreviewed,
        agg('B', 60),
        { ...agg('G2', 97), gateFailed: 'safety' },
        agg('A', 70),
      ],
      { tieBreak: null },
    );
    expect(ranked.map((r) => [r.entryKey, r.rank, r.decidedBy, r.gateFailed])).toEqual([
      ['A', 1, null, null],
      ['B', 2, 'score', null],
      ['N', null, null, null],
      ['G2', null, null, 'safety'],
      ['G1', null, null, 'licence'],
    ]);
  });

  it('does not modify its input, and ties depend only on the entries ranked', () => {
    const input = [agg('A', 70), agg('B', 70), agg('C', 60)];
    const first = rankEntries(input, { tieBreak: null });
    expect(input.every((a) => a.flags.length === 0)).toBe(true);
    expect(first[1]!.flags).toEqual(['tie']);
    const again = rankEntries([first[0]!, first[2]!], { tieBreak: null });
    expect(again.map((r) => [r.entryKey, r.rank, r.flags])).toEqual([
      ['A', 1, []],
      ['C', 2, []],
    ]);
  });

  it("ranks per sector with that sector's tie_break, and overall without criteria", () => {
    const factory: ScoringRubric = {
      criteria: [
        { key: 'net', max: 50 },
        { key: 'app', max: 50 },
      ],
      gates: [],
      tie_break: ['app'],
    };
    const power: ScoringRubric = {
      criteria: [
        { key: 'grid', max: 60 },
        { key: 'ops', max: 40 },
      ],
      gates: [],
      tie_break: ['ops'],
    };
    const { entries } = aggregateRound(
      [entry('F1', factory), entry('F2', factory), entry('P1', power, 'power')],
      ['R1', 'R2', 'R3'].flatMap((r) => [
        review('F1', r, { net: 40, app: 30 }),
        review('F2', r, { net: 30, app: 40 }),
        review('P1', r, { grid: 50, ops: 20 }),
      ]),
      settings(),
    );
    const all = [...entries.values()];
    const inSector = (sector: string, tieBreak: readonly string[]) =>
      rankEntries(
        all.filter((a) => a.sector === sector),
        { tieBreak },
      ).map((r) => [r.entryKey, r.rank, r.decidedBy]);
    expect(inSector('factory', factory.tie_break)).toEqual([
      ['F2', 1, null],
      ['F1', 2, 'criterion:app'],
    ]);
    expect(inSector('power', power.tie_break)).toEqual([['P1', 1, null]]);
    expect(rankEntries(all, { tieBreak: null }).map((r) => [r.entryKey, r.rank, r.flags])).toEqual([
      ['F1', 1, ['tie']],
      ['F2', 1, ['tie']],
      ['P1', 1, ['tie']],
    ]);
  });

  it('keeps aggregate flags before tie', () => {
    const ranked = rankTotals({ A: [60, 90], B: [60, 90] });
    expect(ranked.map((r) => r.flags)).toEqual([
      ['insufficient_reviews', 'disagreement', 'tie'],
      ['insufficient_reviews', 'disagreement', 'tie'],
    ]);
  });
});
