// How much a ranking depends on the method: rank agreement between methods and the entries
// whose place on the shortlist the method decides (SCORING.md "Shortlist": borderline).
import { kendallTauB } from './kendall';

export interface MethodAgreement<M extends string> {
  a: M;
  b: M;
  /** Kendall's τ-b over the entries both methods rank; null when undefined (see kendallTauB). */
  tau: number | null;
  /** How many entries both methods rank. */
  entries: number;
}

/**
 * τ-b between every pair of methods, in the order the methods are given. Ranks are compared as
 * they are (competition ranks: tied entries share one, which τ-b counts as a tie); an entry
 * unranked by either method (failed gate, no reviews) is left out of that pair.
 */
export function methodAgreement<M extends string>(
  ranks: ReadonlyMap<M, ReadonlyMap<string, number | null>>,
): MethodAgreement<M>[] {
  const methods = [...ranks.keys()];
  const out: MethodAgreement<M>[] = [];
  methods.forEach((a, i) => {
    for (const b of methods.slice(i + 1)) {
      const ra = ranks.get(a) ?? new Map<string, number | null>();
      const rb = ranks.get(b) ?? new Map<string, number | null>();
      const x: number[] = [];
      const y: number[] = [];
      for (const [entry, rankA] of ra) {
        const rankB = rb.get(entry);
        if (rankA === null || rankB === null || rankB === undefined) continue;
        x.push(rankA);
        y.push(rankB);
      }
      out.push({ a, b, tau: kendallTauB(x, y), entries: x.length });
    }
  });
  return out;
}

/** Entries on the shortlist under some methods but not under all of them. */
export function borderlineEntries(memberships: Iterable<ReadonlySet<string>>): Set<string> {
  const sets = [...memberships];
  const borderline = new Set<string>();
  for (const set of sets) {
    for (const entry of set) if (sets.some((other) => !other.has(entry))) borderline.add(entry);
  }
  return borderline;
}
