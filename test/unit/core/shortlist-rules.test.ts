// Shortlist rules by hand: top N, top p %, pass mark and per-sector quotas, with entries tied
// across the cut all kept and flagged tie_at_cut (SCORING.md "Shortlist").
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SailError } from '../../../electron/core/errors';
import {
  cutByRule,
  cutBySectorQuotas,
  cutRanking,
  includedIn,
  type ShortlistCandidate,
} from '../../../electron/core/scoring/shortlist';

const row = (entryKey: string, rank: number | null, score: number | null): ShortlistCandidate => ({
  entryKey,
  rank,
  score,
});

// C and D tie for 3rd; F failed a gate (unranked, listed last).
const RANKED = [
  row('A', 1, 90),
  row('B', 2, 85),
  row('C', 3, 80),
  row('D', 3, 80),
  row('E', 5, 70),
  row('F', null, 95),
];

describe('cutting a ranking', () => {
  it('top N keeps everyone tied at the last place admitted and flags them tie_at_cut', () => {
    const cut = cutRanking(RANKED, { kind: 'top', n: 3 });
    expect(cut.included).toEqual(['A', 'B', 'C', 'D']);
    expect([...cut.tiedAtCut]).toEqual(['C', 'D']);
    expect(cut.cutRank).toBe(3);
    expect(cut.cutScore).toBe(80);
  });

  it('top N flags nobody when the tie sits wholly inside the shortlist', () => {
    const cut = cutRanking(RANKED, { kind: 'top', n: 4 });
    expect(cut.included).toEqual(['A', 'B', 'C', 'D']);
    expect(cut.tiedAtCut.size).toBe(0);
    expect(cutRanking(RANKED, { kind: 'top', n: 2 })).toMatchObject({
      included: ['A', 'B'],
      cutScore: 85,
    });
  });

  it('top N larger than the ranking keeps every ranked entry, never the unranked', () => {
    const everyone = cutRanking(RANKED, { kind: 'top', n: 50 });
    expect(everyone.included).toEqual(['A', 'B', 'C', 'D', 'E']);
    // Nobody is left out, so no score sits at a cut (nothing is "near the cut").
    expect(everyone).toMatchObject({ cutRank: 5, cutScore: null });
    expect(cutRanking(RANKED, { kind: 'top', n: 5 }).cutScore).toBeNull();
    expect(cutRanking(RANKED, { kind: 'top_percent', percent: 100 }).cutScore).toBeNull();
  });

  it('top p % admits ceil(p % of the ranked entries), ties across the cut kept', () => {
    // 50 % of 5 ranked entries admits 3, which splits the C/D tie.
    const half = cutRanking(RANKED, { kind: 'top_percent', percent: 50 });
    expect(half.included).toEqual(['A', 'B', 'C', 'D']);
    expect([...half.tiedAtCut]).toEqual(['C', 'D']);
    expect(cutRanking(RANKED, { kind: 'top_percent', percent: 40 }).included).toEqual(['A', 'B']);
    // 10 % of 45 admits 5 (4.5 rounded up), not 4.
    const many = Array.from({ length: 45 }, (_, i) => row(`E${i}`, i + 1, 100 - i));
    expect(cutRanking(many, { kind: 'top_percent', percent: 10 }).included).toHaveLength(5);
  });

  it('states the base it counted (F, out on a gate, is not) and how many the rule admits', () => {
    expect(cutRanking(RANKED, { kind: 'top_percent', percent: 50 })).toMatchObject({
      ranked: 5,
      admitted: 3,
    });
    expect(cutRanking(RANKED, { kind: 'top', n: 2 })).toMatchObject({ ranked: 5, admitted: 2 });
    expect(cutRanking(RANKED, { kind: 'pass_mark', score: 80 })).toMatchObject({
      ranked: 5,
      admitted: null,
    });
    const none = cutRanking(RANKED, { kind: 'top_percent', percent: 1 });
    expect(none).toMatchObject({ ranked: 5, admitted: 1, included: ['A'] });
  });

  it('a pass mark keeps every ranked entry at or above it; equal scores never straddle it', () => {
    const cut = cutRanking(RANKED, { kind: 'pass_mark', score: 80 });
    expect(cut.included).toEqual(['A', 'B', 'C', 'D']);
    expect(cut.tiedAtCut.size).toBe(0);
    expect(cut.cutScore).toBe(80);
    expect(cutRanking(RANKED, { kind: 'pass_mark', score: 80.01 }).included).toEqual(['A', 'B']);
  });

  it('per-sector quotas cut each sector at its own quota, tie_at_cut per sector', () => {
    const rankings = new Map([
      ['factory', [row('F1', 1, 88), row('F2', 2, 80), row('F3', 3, 75)]],
      ['mine', [row('M1', 1, 91), row('M2', 2, 84), row('M3', 2, 84), row('M4', 4, 60)]],
      ['hospital', [row('H1', 1, 99)]],
    ]);
    const cuts = cutBySectorQuotas(rankings, { factory: 1, mine: 2 });
    expect(cuts.get('factory')?.included).toEqual(['F1']);
    expect(cuts.get('mine')?.included).toEqual(['M1', 'M2', 'M3']);
    expect([...(cuts.get('mine')?.tiedAtCut ?? [])]).toEqual(['M2', 'M3']);
    // A sector without a quota gets nobody.
    expect(cuts.get('hospital')?.included).toEqual([]);
    expect([...includedIn(cuts)]).toEqual(['F1', 'M1', 'M2', 'M3']);
    expect(cutByRule(rankings, { kind: 'quotas', quotas: { factory: 1, mine: 2 } })).toEqual(cuts);
  });

  it('cutByRule applies a single-list rule to the list given', () => {
    const cuts = cutByRule(new Map([['overall', RANKED]]), { kind: 'top', n: 1 });
    expect(cuts.get('overall')?.included).toEqual(['A']);
  });

  it('refuses rules that make no sense, in Chinese and English', () => {
    for (const rule of [
      { kind: 'top', n: 0 },
      { kind: 'top', n: 2.5 },
      { kind: 'top_percent', percent: 0 },
      { kind: 'top_percent', percent: 120 },
      { kind: 'pass_mark', score: -1 },
    ] as const) {
      expect(() => cutRanking(RANKED, rule)).toThrow(SailError);
    }
    const refused = (() => {
      try {
        cutBySectorQuotas(new Map(), { factory: -1 });
      } catch (error) {
        return error as SailError;
      }
    })();
    expect(refused?.message_zh).toMatch(/名额/);
    expect(refused?.message_en).toMatch(/Quota of factory/);
  });

  it('top N: a prefix of the ranking, at least N long, longer only through a tie at the cut', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 35 }),
        (raw, n) => {
          // Scores descending with ties; competition ranks as rankEntries gives them.
          const scores = [...raw].sort((a, b) => b - a);
          const ranked = scores.map((score, i) => row(`E${i}`, scores.indexOf(score) + 1, score));
          const cut = cutRanking(ranked, { kind: 'top', n });
          const size = cut.included.length;
          expect(cut.included).toEqual(ranked.slice(0, size).map((r) => r.entryKey));
          expect(size).toBeGreaterThanOrEqual(Math.min(n, ranked.length));
          if (size > n) {
            expect(cut.tiedAtCut.size).toBeGreaterThan(1);
            for (const key of cut.tiedAtCut) {
              expect(ranked.find((r) => r.entryKey === key)?.rank).toBe(cut.cutRank);
            }
          } else {
            expect(cut.tiedAtCut.size).toBe(0);
          }
          // Nobody left out shares the last included rank.
          expect(ranked.slice(size).every((r) => r.rank !== cut.cutRank)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
