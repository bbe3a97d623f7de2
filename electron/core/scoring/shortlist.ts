// Cutting a ranked list into a shortlist by one rule (SCORING.md "Shortlist").
import type { RankFlag } from '../domain';
import { SailError } from '../errors';

/** Flags of a shortlist row: the ranking's own, plus the two a shortlist adds (SCORING.md). */
export type ShortlistFlag = RankFlag | 'tie_at_cut' | 'borderline';

/** One rule per shortlist. Per-sector quotas apply `top` to each sector's own ranking. */
export type ShortlistRule =
  | { kind: 'top'; n: number }
  | { kind: 'top_percent'; percent: number }
  | { kind: 'pass_mark'; score: number }
  | { kind: 'quotas'; quotas: Readonly<Record<string, number>> };

/** What the cut needs of a ranked row: rank is null for unranked (failed gate, no reviews). */
export interface ShortlistCandidate {
  entryKey: string;
  rank: number | null;
  score: number | null;
}

export interface ShortlistCut {
  /** Entries on the shortlist, in the order given. */
  included: string[];
  /** Included entries that share their rank with an entry the rule alone would have left out. */
  tiedAtCut: Set<string>;
  /** Rank of the last included entry; null when nobody is included. */
  cutRank: number | null;
  /**
   * The score the cut is drawn at: the pass mark itself, else the last included entry's score;
   * null when nobody is included or a top rule admits every ranked entry (no cut to be near).
   */
  cutScore: number | null;
  /** The ranked entries the rule was applied to (failed gates and unreviewed entries left out). */
  ranked: number;
  /** How many the rule admits before ties at the cut: N, or ceil(p % of `ranked`); null for a pass mark. */
  admitted: number | null;
}

/**
 * Cuts one ranked list (rank order, unranked last) by `top`, `top_percent` or `pass_mark`.
 * Competition ranks make ties explicit: whoever shares the rank of the last entry the rule
 * admits is kept too, and that whole tied group is flagged `tie_at_cut` when it straddles the
 * cut. `top_percent` admits ceil(p% of the ranked entries), so 10 % of 45 admits 5.
 */
export function cutRanking(
  ranked: readonly ShortlistCandidate[],
  rule: Exclude<ShortlistRule, { kind: 'quotas' }>,
): ShortlistCut {
  assertRule(rule);
  const rankedOnly = rankedOf(ranked);
  if (rule.kind === 'pass_mark') {
    // Equal 2-decimal scores are on the same side of a pass mark: no tie can straddle it.
    const included = rankedOnly.filter((row) => (row.score ?? -1) >= rule.score);
    const last = included.at(-1);
    return {
      included: included.map((row) => row.entryKey),
      tiedAtCut: new Set(),
      cutRank: last?.rank ?? null,
      cutScore: rule.score,
      ranked: rankedOnly.length,
      admitted: null,
    };
  }
  const admitted =
    rule.kind === 'top' ? rule.n : Math.ceil((rule.percent / 100) * rankedOnly.length - 1e-9);
  if (admitted <= 0 || rankedOnly.length === 0) return nobody(rankedOnly.length, admitted);
  const last = rankedOnly[Math.min(admitted, rankedOnly.length) - 1];
  const cutRank = last?.rank ?? null;
  const included = rankedOnly.filter((row) => cutRank !== null && (row.rank ?? 0) <= cutRank);
  const tiedAtCut = new Set<string>();
  if (included.length > admitted) {
    for (const row of included) if (row.rank === cutRank) tiedAtCut.add(row.entryKey);
  }
  return {
    included: included.map((row) => row.entryKey),
    tiedAtCut,
    cutRank,
    cutScore: included.length < rankedOnly.length ? (last?.score ?? null) : null,
    ranked: rankedOnly.length,
    admitted,
  };
}

/** The entries a rule can admit: those with a rank and a score. */
const rankedOf = (list: readonly ShortlistCandidate[]) =>
  list.filter((row) => row.rank !== null && row.score !== null);

function nobody(ranked: number, admitted: number): ShortlistCut {
  return { included: [], tiedAtCut: new Set(), cutRank: null, cutScore: null, ranked, admitted };
}

function assertRule(rule: ShortlistRule): void {
  const bad = (zh: string, en: string) => {
    throw new SailError('invalid_shortlist_rule', zh, en, 1);
  };
  if (rule.kind === 'top' && !(Number.isInteger(rule.n) && rule.n >= 1)) {
    bad(`入围名额须为正整数：${rule.n}`, `Top N must be a positive integer: ${rule.n}`);
  }
  if (rule.kind === 'top_percent' && !(rule.percent > 0 && rule.percent <= 100)) {
    bad(
      `入围比例须大于 0 且不超过 100：${rule.percent}`,
      `Top percent must be above 0 and at most 100: ${rule.percent}`,
    );
  }
  if (rule.kind === 'pass_mark' && !(rule.score >= 0 && rule.score <= 100)) {
    bad(
      `分数线须在 0 到 100 之间：${rule.score}`,
      `Pass mark must be between 0 and 100: ${rule.score}`,
    );
  }
  if (rule.kind === 'quotas') {
    for (const [sector, n] of Object.entries(rule.quotas)) {
      if (!(Number.isInteger(n) && n >= 0)) {
        bad(
          `领域 ${sector} 的名额须为非负整数：${n}`,
          `Quota of ${sector} must be a non-negative integer: ${n}`,
        );
      }
    }
  }
}

/** Per-sector quotas: each sector's own ranking cut at its quota (sectors without one: none). */
export function cutBySectorQuotas(
  rankingsBySector: ReadonlyMap<string, readonly ShortlistCandidate[]>,
  quotas: Readonly<Record<string, number>>,
): Map<string, ShortlistCut> {
  assertRule({ kind: 'quotas', quotas });
  const cuts = new Map<string, ShortlistCut>();
  for (const [sector, ranked] of rankingsBySector) {
    const n = quotas[sector] ?? 0;
    cuts.set(
      sector,
      n > 0 ? cutRanking(ranked, { kind: 'top', n }) : nobody(rankedOf(ranked).length, 0),
    );
  }
  return cuts;
}

/**
 * Cuts by any rule. `rankings` holds, for quotas, each sector's own ranking keyed by sector;
 * for the other rules the one ranked list they apply to (under any key). Returns each cut.
 */
export function cutByRule(
  rankings: ReadonlyMap<string, readonly ShortlistCandidate[]>,
  rule: ShortlistRule,
): Map<string, ShortlistCut> {
  if (rule.kind === 'quotas') return cutBySectorQuotas(rankings, rule.quotas);
  return new Map([...rankings].map(([key, ranked]) => [key, cutRanking(ranked, rule)]));
}

/** Every entry that some cut includes. */
export function includedIn(cuts: ReadonlyMap<string, ShortlistCut>): Set<string> {
  return new Set([...cuts.values()].flatMap((cut) => cut.included));
}
