// The exact assignment: a min-cost flow from entries (one unit per empty slot) through reviewers
// to a sink, with convex load costs on the reviewers' arcs (as HotCRP's autoassigner), so that
// loads come out as even as the conflicts allow, and a bonus for an entry's first sector expert.
//
// Objective, in this order: fill every slot that has an eligible reviewer; then the loads
// (existing + new) as even as possible — the sum of squares least, which on these problems also
// makes max − min, the max and the min all best at once; then the most entries with a sector
// expert. The load cost is weighted by more than the number of entries, so no number of experts
// outweighs one step of balance.
//
// Solved by successive shortest paths, one slot at a time, each from its own entry (adding a unit
// of supply and augmenting along a shortest path keeps the flow optimal). The searches run on the
// reviewers only: a path leaves the entry for a reviewer, may hand a slot of another entry from
// one reviewer to the next (that entry swaps them), and ends in the sink. Reviewer potentials keep
// every arc's reduced cost non-negative (Dijkstra); an entry's potential is implicit, it exists
// exactly when no swap through the entry has a negative reduced cost. A path may pass through one
// entry twice (the searching one too: it takes one reviewer and swaps another); each swap is
// costed from the entry's state before the path, exact for the loads and, for expertise, checked
// against exhaustive search in the tests. Most searches stop at their first reviewer, so 100,000
// slots take about as many short searches.
import { SailError } from '../errors';
import { checkFeasibility } from './feasibility';
import type { AssignmentProblem, AssignmentSolution, Pair, SolveControl } from './problem';
import { seededRandom, shuffled } from './random';

/** Work between two turns given to the event loop (and a look at `cancelled`). */
const SLICE_MS = 50;
/** Slots solved between two looks at the clock. */
const SLOTS_PER_CLOCK = 64;

interface EntryState {
  /** Index in the problem's entries. */
  position: number;
  /** Sector index, or -1 for none. */
  sector: number;
  /** Panel indices that may not be added: conflicts and reviewers already on it. */
  barred: number[];
  /** Panel indices this solve gives it. */
  given: number[];
  /** Sector experts among its reviewers (kept and given). */
  experts: number;
  /** Some sector expert may review it (so a swap can give it one). */
  hopeful: boolean;
  slots: number;
}

function cancelled(): SailError {
  return new SailError(
    'cancelled',
    '分配已取消，未写入任何分配。',
    'Assignment cancelled; nothing was assigned.',
  );
}

export async function solveAssignment(
  problem: AssignmentProblem,
  control: SolveControl = {},
): Promise<AssignmentSolution> {
  const random = seededRandom(problem.seed);
  // The seeded order of reviewers breaks ties between equally good reviewers.
  const panel = shuffled(problem.reviewers, random);
  const size = panel.length;
  const index = new Map(panel.map((reviewer, i) => [reviewer.id, i]));
  const sectorIndex = new Map<string, number>();
  for (const entry of problem.entries) {
    if (entry.sector !== null && !sectorIndex.has(entry.sector)) {
      sectorIndex.set(entry.sector, sectorIndex.size);
    }
  }
  // expert[s * size + r]: reviewer r's expertise includes sector s.
  const expert = new Uint8Array(sectorIndex.size * size);
  panel.forEach((reviewer, r) => {
    for (const key of reviewer.sectors) {
      const s = sectorIndex.get(key);
      if (s !== undefined) expert[s * size + r] = 1;
    }
  });
  const expertsOf = [...sectorIndex.values()].map((s) =>
    panel.flatMap((_, r) => (expert[s * size + r] === 1 ? [r] : [])),
  );
  const isExpert = (entry: EntryState, r: number) =>
    entry.sector >= 0 && expert[entry.sector * size + r] === 1;

  const entries: EntryState[] = problem.entries.map((entry, position) => {
    const taken = new Set(entry.assigned);
    const barred = new Set<number>();
    let experts = 0;
    for (const id of [...taken, ...entry.excluded]) {
      const r = index.get(id);
      if (r !== undefined) barred.add(r);
    }
    const state: EntryState = {
      position,
      sector: entry.sector === null ? -1 : (sectorIndex.get(entry.sector) ?? -1),
      barred: [...barred],
      given: [],
      experts: 0,
      hopeful: false,
      slots: Math.max(0, problem.perEntry - taken.size),
    };
    for (const id of taken) {
      const r = index.get(id);
      if (r !== undefined && isExpert(state, r)) experts += 1;
    }
    state.experts = experts;
    for (let r = 0; r < size && state.sector >= 0; r++) {
      if (isExpert(state, r) && !barred.has(r)) state.hopeful = true;
    }
    state.slots = Math.min(state.slots, size - state.barred.length);
    return state;
  });

  // More than any number of experts a path can gain or lose (one per entry, one per swap).
  const loadWeight = entries.length + size + 2;
  const load = panel.map((reviewer) => reviewer.load);
  /** Entries given each reviewer by this solve (the arcs a path may hand on). */
  const holders = panel.map(() => new Set<EntryState>());
  // No entry holds a reviewer yet, so any potentials are valid: these make every reviewer's arc
  // to the sink cost nothing at first, the closest start to the final ones.
  const potential = Float64Array.from(load, (existing) => -loadWeight * existing);
  const sinkCost = (r: number) => loadWeight * (load[r] ?? 0) + (potential[r] ?? 0);

  const may = (entry: EntryState, r: number) =>
    !entry.barred.includes(r) && !entry.given.includes(r);
  /** Cost of the entry's expert bonus when reviewer `from` (-1: none) is replaced by `to`. */
  const swapCost = (entry: EntryState, from: number, to: number) => {
    if (entry.sector < 0) return 0;
    const after =
      entry.experts - (from >= 0 && isExpert(entry, from) ? 1 : 0) + (isExpert(entry, to) ? 1 : 0);
    return (entry.experts > 0 ? 1 : 0) - (after > 0 ? 1 : 0);
  };

  /** Entries holding each reviewer that lack a sector expert and could get one by a swap. */
  const needy = panel.map(() => new Set<EntryState>());
  const candidates: number[] = [];
  const candidate = new Uint8Array(size);
  const label = new Float64Array(size);
  const settled = new Uint8Array(size);
  const cameFrom = new Int32Array(size);
  const cameVia: (EntryState | null)[] = new Array<EntryState | null>(size).fill(null);

  /**
   * The swaps out of settled reviewer r: an entry holding r (the searching one too) takes another
   * reviewer. Only reviewers whose label could still improve, below the sink's, are tried, and
   * each needs one entry that takes it at the least cost, so the entries are rarely all read.
   */
  const expand = (r: number, at: number, toSink: number) => {
    const base = at + (potential[r] ?? 0);
    const least = (needy[r]?.size ?? 0) > 0 ? -1 : 0;
    candidates.length = 0;
    for (let next = 0; next < size; next++) {
      const bound = base + least - (potential[next] ?? 0);
      candidate[next] =
        !settled[next] && bound < (label[next] ?? Infinity) && bound < toSink ? 1 : 0;
      if (candidate[next]) candidates.push(next);
    }
    if (candidates.length === 0) return;
    const relax = (other: EntryState, next: number) => {
      const reach = base + swapCost(other, r, next) - (potential[next] ?? 0);
      if (reach < (label[next] ?? Infinity)) {
        label[next] = reach;
        cameFrom[next] = r;
        cameVia[next] = other;
      }
    };
    // Swaps that give an entry its first expert cost least; any other swap costs 0, or 1 when
    // it takes away the entry's only expert.
    for (const other of needy[r] ?? []) {
      for (const next of expertsOf[other.sector] ?? []) {
        if (candidate[next] && may(other, next)) relax(other, next);
      }
    }
    let open = candidates.filter(
      (next) => base - (potential[next] ?? 0) < (label[next] ?? Infinity),
    );
    // Entries whose only expert is r would lose it to any non-expert: they are tried last, by
    // sector, so that the common case reads few entries.
    const pinned = new Map<number, EntryState[]>();
    for (const other of holders[r] ?? []) {
      if (open.length === 0) break;
      if (other.experts === 1 && isExpert(other, r)) {
        const group = pinned.get(other.sector);
        if (group) group.push(other);
        else pinned.set(other.sector, [other]);
        continue;
      }
      open = open.filter((next) => {
        if (!may(other, next)) return true;
        relax(other, next);
        return false;
      });
    }
    for (const next of open) {
      let taker: EntryState | undefined;
      for (const [sector, group] of pinned) {
        const keeps = expert[sector * size + next] === 1;
        if (taker && !keeps) continue;
        const other = group.find((candidateEntry) => may(candidateEntry, next));
        if (!other) continue;
        taker = other;
        if (keeps) break;
      }
      if (taker) relax(taker, next);
    }
  };

  /** One more reviewer for `entry` along a shortest path; false when none may take it. */
  const augment = (entry: EntryState): boolean => {
    settled.fill(0);
    cameFrom.fill(-1);
    let toSink = Infinity;
    let last = -1;
    for (let r = 0; r < size; r++) {
      cameVia[r] = null;
      label[r] = may(entry, r) ? swapCost(entry, -1, r) - (potential[r] ?? 0) : Infinity;
      // Straight to the sink first: a reviewer is only searched through when that is not enough.
      const direct = (label[r] ?? Infinity) + sinkCost(r);
      if (direct < toSink) {
        toSink = direct;
        last = r;
      }
    }
    for (;;) {
      let r = -1;
      for (let i = 0; i < size; i++) {
        if (!settled[i] && (r < 0 || (label[i] ?? 0) < (label[r] ?? 0))) r = i;
      }
      const at = r < 0 ? Infinity : (label[r] ?? Infinity);
      if (at === Infinity || at >= toSink) break;
      settled[r] = 1;
      const viaSink = at + sinkCost(r);
      if (viaSink < toSink) {
        toSink = viaSink;
        last = r;
      }
      expand(r, at, toSink);
    }
    if (last < 0) return false;
    for (let r = 0; r < size; r++) {
      potential[r] = (potential[r] ?? 0) + Math.min((label[r] ?? Infinity) - toSink, 0);
    }
    // The path as swaps, first to last: the entry takes path[0]; each swap hands a slot on.
    const path: number[] = [];
    const via: EntryState[] = [];
    for (let r = last; r >= 0; r = cameFrom[r] ?? -1) {
      path.unshift(r);
      const other = cameVia[r];
      if (other) via.unshift(other);
    }
    // An entry met twice on the path (the searching one too) makes both swaps, in order.
    give(entry, -1, path[0] as number);
    via.forEach((other, i) => give(other, path[i] as number, path[i + 1] as number));
    load[last] = (load[last] ?? 0) + 1;
    return true;
  };

  const give = (entry: EntryState, from: number, to: number) => {
    if (from >= 0) {
      entry.given.splice(entry.given.indexOf(from), 1);
      holders[from]?.delete(entry);
      if (isExpert(entry, from)) entry.experts -= 1;
    }
    entry.given.push(to);
    holders[to]?.add(entry);
    if (isExpert(entry, to)) entry.experts += 1;
    const lacking = entry.hopeful && entry.experts === 0;
    if (from >= 0) needy[from]?.delete(entry);
    for (const r of entry.given) {
      if (lacking) needy[r]?.add(entry);
      else needy[r]?.delete(entry);
    }
  };

  const total = entries.reduce((sum, entry) => sum + entry.slots, 0);
  let done = 0;
  let sliceStart = Date.now();
  control.onProgress?.(0, total);
  for (const entry of shuffled(entries, random)) {
    for (let slot = 0; slot < entry.slots; slot++) {
      if (!augment(entry)) break;
      done += 1;
      if (done % SLOTS_PER_CLOCK === 0 && Date.now() - sliceStart >= SLICE_MS) {
        control.onProgress?.(done, total);
        await control.yieldTurn?.();
        if (control.cancelled?.()) throw cancelled();
        sliceStart = Date.now();
      }
    }
  }
  if (control.cancelled?.()) throw cancelled();
  control.onProgress?.(total, total);

  const pairs: Pair[] = [];
  let withSector = 0;
  let withExpert = 0;
  for (const entry of entries) {
    const entryId = problem.entries[entry.position]?.id ?? '';
    for (const r of entry.given) pairs.push({ entryId, reviewerId: panel[r]?.id ?? '' });
    if (entry.sector >= 0) {
      withSector += 1;
      if (entry.experts > 0) withExpert += 1;
    }
  }
  return {
    pairs,
    shortfalls: checkFeasibility(problem),
    loads: Object.fromEntries(panel.map((reviewer, r) => [reviewer.id, load[r] ?? 0])),
    sectorExpertShare: withSector === 0 ? 1 : withExpert / withSector,
  };
}
