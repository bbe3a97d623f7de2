// The exact assignment solver: every answer is checked against the rules (no conflict, K each,
// no reviewer twice, existing pairs kept) and, on instances small enough to try every
// assignment, against the best balance and expertise that exhaustive search finds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkFeasibility, sectorFeasibility } from '../../../electron/core/assignment/feasibility';
import type {
  AssignmentProblem,
  AssignmentSolution,
} from '../../../electron/core/assignment/problem';
import { solveAssignment } from '../../../electron/core/assignment/solve';
import { SailError } from '../../../electron/core/errors';

const SECTORS = ['factory', 'mine', 'power'];

/** A random round: reviewers with sectors and loads, entries with conflicts and kept reviewers. */
function problemArbitrary(
  sizes: { entries: number; reviewers: number; perEntry: number },
  options: { conflicts?: boolean; kept?: boolean; loads?: boolean } = {},
): fc.Arbitrary<AssignmentProblem> {
  const { conflicts = true, kept = true, loads = true } = options;
  return fc
    .record({
      perEntry: fc.integer({ min: 1, max: sizes.perEntry }),
      seed: fc.nat(),
      reviewers: fc.integer({ min: 1, max: sizes.reviewers }).chain((count) =>
        fc.tuple(
          ...Array.from({ length: count }, (_, i) =>
            fc.record({
              id: fc.constant<string>(`R${i}`),
              sectors: fc.subarray(SECTORS),
              load: loads ? fc.integer({ min: 0, max: 3 }) : fc.constant(0),
            }),
          ),
        ),
      ),
      entryCount: fc.integer({ min: 1, max: sizes.entries }),
    })
    .chain(({ perEntry, seed, reviewers, entryCount }) => {
      const ids = reviewers.map((reviewer) => reviewer.id);
      const subset = (on: boolean): fc.Arbitrary<string[]> =>
        on ? fc.subarray(ids) : fc.constant([]);
      return (
        fc
          .tuple(
            ...Array.from({ length: entryCount }, (_, i) =>
              fc.record({
                id: fc.constant<string>(`E${i}`),
                sector: fc.option(fc.constantFrom(...SECTORS), { nil: null }),
                assigned: subset(kept).map((picked) => picked.slice(0, perEntry)),
                excluded: subset(conflicts),
              }),
            ),
          )
          // A kept reviewer may be barred too: the organiser can override a conflict by hand.
          .map((entries) => ({ perEntry, seed, reviewers, entries }))
      );
    });
}

/** The reviewers each entry ends with, existing and new. */
function reviewersOf(problem: AssignmentProblem, solution: AssignmentSolution) {
  const all = new Map(problem.entries.map((entry) => [entry.id, [...entry.assigned]]));
  for (const pair of solution.pairs) all.get(pair.entryId)?.push(pair.reviewerId);
  return all;
}

/** How many reviewers the entry may get at most: kept ones plus the panel without conflicts. */
function reachable(problem: AssignmentProblem, entryId: string): number {
  const entry = problem.entries.find((candidate) => candidate.id === entryId)!;
  const free = problem.reviewers.filter(
    (reviewer) => !entry.excluded.includes(reviewer.id) && !entry.assigned.includes(reviewer.id),
  ).length;
  return Math.min(problem.perEntry, entry.assigned.length + free);
}

function expertCount(problem: AssignmentProblem, final: Map<string, string[]>): number {
  const sectors = new Map(problem.reviewers.map((reviewer) => [reviewer.id, reviewer.sectors]));
  return problem.entries.filter(
    (entry) =>
      entry.sector !== null &&
      (final.get(entry.id) ?? []).some((id) => sectors.get(id)?.includes(entry.sector!)),
  ).length;
}

function finalLoads(problem: AssignmentProblem, pairs: { reviewerId: string }[]): number[] {
  const loads = new Map(problem.reviewers.map((reviewer) => [reviewer.id, reviewer.load]));
  for (const pair of pairs) loads.set(pair.reviewerId, (loads.get(pair.reviewerId) ?? 0) + 1);
  return [...loads.values()];
}

const spread = (loads: number[]) => Math.max(...loads) - Math.min(...loads);
const squares = (loads: number[]) => loads.reduce((sum, load) => sum + load * load, 0);

function subsets<T>(items: T[], size: number): T[][] {
  if (size === 0) return [[]];
  if (items.length < size) return [];
  const [first, ...rest] = items as [T, ...T[]];
  return [...subsets(rest, size - 1).map((picked) => [first, ...picked]), ...subsets(rest, size)];
}

/**
 * Every complete assignment (each entry given as many new reviewers as it can take): the least
 * load spread, the least sum of squared loads, and the most entries with an expert among the
 * assignments of least sum of squares.
 */
function exhaustive(problem: AssignmentProblem) {
  const choices = problem.entries.map((entry) => {
    const free = problem.reviewers
      .map((reviewer) => reviewer.id)
      .filter((id) => !entry.excluded.includes(id) && !entry.assigned.includes(id));
    const slots = Math.max(0, problem.perEntry - entry.assigned.length);
    return subsets(free, Math.min(slots, free.length)).map((picked) =>
      picked.map((reviewerId) => ({ entryId: entry.id, reviewerId })),
    );
  });
  const best = { spread: Infinity, squares: Infinity, experts: -1 };
  const walk = (i: number, pairs: { entryId: string; reviewerId: string }[]) => {
    if (i === choices.length) {
      const loads = finalLoads(problem, pairs);
      best.spread = Math.min(best.spread, spread(loads));
      const final = reviewersOf(problem, { pairs } as AssignmentSolution);
      const experts = expertCount(problem, final);
      if (squares(loads) < best.squares) {
        best.squares = squares(loads);
        best.experts = experts;
      } else if (squares(loads) === best.squares) {
        best.experts = Math.max(best.experts, experts);
      }
      return;
    }
    for (const picked of choices[i]!) walk(i + 1, [...pairs, ...picked]);
  };
  walk(0, []);
  return best;
}

/**
 * True when the assignment can be improved: a negative cycle in the residual network of the flow
 * it is (entries → reviewers → sink; a unit on a reviewer at load L costs `weight`·L; an entry's
 * first sector expert earns 1 through its expert port, which one held expert uses), found by
 * Bellman–Ford. The objective is the solver's: least sum of squared loads, then most experts.
 */
function improvable(problem: AssignmentProblem, solution: AssignmentSolution): boolean {
  const weight = problem.entries.length + problem.reviewers.length + 2;
  const ids = problem.reviewers.map((reviewer) => reviewer.id);
  const sectors = new Map(problem.reviewers.map((reviewer) => [reviewer.id, reviewer.sectors]));
  const loads = new Map(problem.reviewers.map((reviewer) => [reviewer.id, reviewer.load]));
  const added = new Map<string, string[]>();
  for (const { entryId, reviewerId } of solution.pairs) {
    added.set(entryId, [...(added.get(entryId) ?? []), reviewerId]);
    loads.set(reviewerId, (loads.get(reviewerId) ?? 0) + 1);
  }
  const arcs: [string, string, number][] = [];
  for (const id of ids) {
    const load = loads.get(id) ?? 0;
    arcs.push([id, 'sink', weight * load]);
    if (solution.pairs.some((pair) => pair.reviewerId === id)) {
      arcs.push(['sink', id, -weight * (load - 1)]);
    }
  }
  for (const entry of problem.entries) {
    const held = added.get(entry.id) ?? [];
    const free = ids.filter(
      (id) => !held.includes(id) && !entry.excluded.includes(id) && !entry.assigned.includes(id),
    );
    const expert = (id: string) =>
      entry.sector !== null && !!sectors.get(id)?.includes(entry.sector);
    const main = `${entry.id}:main`;
    const port = `${entry.id}:expert`;
    for (const id of free) arcs.push([main, id, 0]);
    if (entry.sector === null || entry.assigned.some(expert)) {
      for (const id of held) arcs.push([id, main, 0]);
      continue;
    }
    const experts = held.filter(expert);
    const [routed, ...others] = experts;
    for (const id of held) arcs.push([id, id === routed ? port : main, 0]);
    for (const id of free.filter(expert)) arcs.push([port, id, 0]);
    if (routed === undefined) arcs.push([main, port, -1]);
    else {
      arcs.push([main, port, 0]);
      arcs.push([port, main, others.length > 0 ? 0 : 1]);
    }
  }
  const distance = new Map<string, number>();
  const nodes = new Set(arcs.flatMap(([from, to]) => [from, to]));
  for (const node of nodes) distance.set(node, 0);
  for (let round = 0; round <= nodes.size; round++) {
    let changed = false;
    for (const [from, to, cost] of arcs) {
      const through = distance.get(from)! + cost;
      if (through < distance.get(to)!) {
        distance.set(to, through);
        changed = true;
      }
    }
    if (!changed) return false;
  }
  return true;
}

function expectValid(problem: AssignmentProblem, solution: AssignmentSolution) {
  const final = reviewersOf(problem, solution);
  for (const entry of problem.entries) {
    const reviewers = final.get(entry.id)!;
    expect(new Set(reviewers).size, `${entry.id} has a reviewer twice`).toBe(reviewers.length);
    const added = solution.pairs.filter((pair) => pair.entryId === entry.id);
    for (const pair of added) expect(entry.excluded).not.toContain(pair.reviewerId);
    expect(reviewers.length).toBe(Math.max(entry.assigned.length, reachable(problem, entry.id)));
  }
  const panel = new Set(problem.reviewers.map((reviewer) => reviewer.id));
  for (const pair of solution.pairs) expect(panel.has(pair.reviewerId)).toBe(true);
  const loads = finalLoads(problem, solution.pairs);
  expect(Object.values(solution.loads).sort()).toEqual([...loads].sort());
  const short = problem.entries
    .filter((entry) => reachable(problem, entry.id) < problem.perEntry)
    .map((entry) => entry.id);
  expect(solution.shortfalls.map((shortfall) => shortfall.entryId)).toEqual(short);
  const withSector = problem.entries.filter((entry) => entry.sector !== null).length;
  expect(solution.sectorExpertShare).toBeCloseTo(
    withSector === 0 ? 1 : expertCount(problem, final) / withSector,
  );
}

describe('solveAssignment', () => {
  it('gives every entry K reviewers without a conflict, a repeat or a kept pair again', async () => {
    await fc.assert(
      fc.asyncProperty(
        problemArbitrary({ entries: 40, reviewers: 12, perEntry: 5 }),
        async (problem) => expectValid(problem, await solveAssignment(problem)),
      ),
      { numRuns: 150 },
    );
  });

  it('keeps loads within one when nothing constrains the entries and loads start equal', async () => {
    await fc.assert(
      fc.asyncProperty(
        problemArbitrary(
          { entries: 60, reviewers: 15, perEntry: 5 },
          { conflicts: false, kept: false, loads: false },
        ),
        async (problem) => {
          const solution = await solveAssignment(problem);
          expect(spread(finalLoads(problem, solution.pairs))).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('finds the least spread, then the most sector experts, that exhaustive search finds', async () => {
    await fc.assert(
      fc.asyncProperty(
        problemArbitrary({ entries: 4, reviewers: 5, perEntry: 3 }),
        async (problem) => {
          const solution = await solveAssignment(problem);
          const best = exhaustive(problem);
          const loads = finalLoads(problem, solution.pairs);
          expect(spread(loads)).toBe(best.spread);
          expect(squares(loads)).toBe(best.squares);
          expect(expertCount(problem, reviewersOf(problem, solution))).toBe(best.experts);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds the same optima on wider rounds, where swaps hand slots along longer paths', async () => {
    await fc.assert(
      fc.asyncProperty(
        problemArbitrary({ entries: 6, reviewers: 4, perEntry: 2 }),
        async (problem) => {
          const solution = await solveAssignment(problem);
          const best = exhaustive(problem);
          const loads = finalLoads(problem, solution.pairs);
          expect(spread(loads)).toBe(best.spread);
          expect(squares(loads)).toBe(best.squares);
          expect(expertCount(problem, reviewersOf(problem, solution))).toBe(best.experts);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('leaves no improving cycle on rounds too large to try every assignment', async () => {
    await fc.assert(
      fc.asyncProperty(
        problemArbitrary({ entries: 30, reviewers: 10, perEntry: 4 }),
        async (problem) => {
          expect(improvable(problem, await solveAssignment(problem))).toBe(false);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('puts balance before expertise: a lone expert does not take a whole sector', async () => {
    const problem: AssignmentProblem = {
      perEntry: 1,
      seed: 3,
      reviewers: [
        { id: 'expert', sectors: ['mine'], load: 0 },
        { id: 'R1', sectors: [], load: 0 },
        { id: 'R2', sectors: [], load: 0 },
        { id: 'R3', sectors: [], load: 0 },
      ],
      entries: ['A', 'B', 'C', 'D'].map((id) => ({
        id,
        sector: 'mine',
        assigned: [],
        excluded: [],
      })),
    };
    const solution = await solveAssignment(problem);
    expect(Object.values(solution.loads)).toEqual([1, 1, 1, 1]);
    expect(solution.sectorExpertShare).toBe(0.25);
  });

  it('hands an entry on to the expert that keeps its expertise, whatever the seed', async () => {
    // By hand: X is the only expert of a, so A and A2 take X; B2 may not have X, so B2 and B take
    // Y; S and T may not have Y and X is full, so they take Z. Loads 2, 2, 2 and every entry with
    // a sector has an expert. Reaching it needs swaps out of X, which holds entries of two sectors.
    const problem: AssignmentProblem = {
      perEntry: 1,
      seed: 0,
      reviewers: [
        { id: 'X', sectors: ['a', 'b'], load: 0 },
        { id: 'Y', sectors: ['b'], load: 0 },
        { id: 'Z', sectors: [], load: 0 },
      ],
      entries: [
        { id: 'A', sector: 'a', assigned: [], excluded: [] },
        { id: 'A2', sector: 'a', assigned: [], excluded: ['Y'] },
        { id: 'B', sector: 'b', assigned: [], excluded: [] },
        { id: 'S', sector: null, assigned: [], excluded: ['Y'] },
        { id: 'B2', sector: 'b', assigned: [], excluded: ['X'] },
        { id: 'T', sector: null, assigned: [], excluded: ['Y'] },
      ],
    };
    for (let seed = 0; seed < 400; seed++) {
      const solution = await solveAssignment({ ...problem, seed });
      expect(solution.loads).toEqual({ X: 2, Y: 2, Z: 2 });
      expect(solution.sectorExpertShare, `seed ${seed}`).toBe(1);
    }
  });

  it('answers the same for a seed, and equally well for another', async () => {
    await fc.assert(
      fc.asyncProperty(
        problemArbitrary({ entries: 30, reviewers: 10, perEntry: 4 }),
        fc.nat(),
        async (problem, otherSeed) => {
          const first = await solveAssignment(problem);
          expect(await solveAssignment(problem)).toEqual(first);
          const other = await solveAssignment({ ...problem, seed: otherSeed });
          expect(squares(finalLoads(problem, other.pairs))).toBe(
            squares(finalLoads(problem, first.pairs)),
          );
          expect(other.sectorExpertShare).toBe(first.sectorExpertShare);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('is as good for every seed where the searching entry must also swap a reviewer', async () => {
    // Found by the property above: one seed left an entry without its expert until a path could
    // pass through the searching entry again.
    const problem: AssignmentProblem = {
      perEntry: 3,
      seed: 0,
      reviewers: [
        { id: 'R0', sectors: ['factory', 'mine'], load: 3 },
        { id: 'R1', sectors: ['mine'], load: 3 },
        { id: 'R2', sectors: ['power'], load: 2 },
        { id: 'R3', sectors: [], load: 2 },
        { id: 'R4', sectors: ['mine'], load: 3 },
        { id: 'R5', sectors: [], load: 0 },
        { id: 'R6', sectors: ['power'], load: 2 },
        { id: 'R7', sectors: ['factory', 'mine', 'power'], load: 3 },
        { id: 'R8', sectors: [], load: 3 },
        { id: 'R9', sectors: [], load: 0 },
      ],
      entries: [
        { id: 'E0', sector: null, assigned: [], excluded: [] },
        { id: 'E1', sector: null, assigned: ['R7', 'R8', 'R9'], excluded: [] },
        { id: 'E2', sector: null, assigned: ['R7', 'R8', 'R9'], excluded: [] },
        { id: 'E3', sector: 'mine', assigned: [], excluded: [] },
        { id: 'E4', sector: null, assigned: [], excluded: [] },
        { id: 'E5', sector: null, assigned: ['R6'], excluded: [] },
        { id: 'E6', sector: null, assigned: [], excluded: [] },
        { id: 'E7', sector: null, assigned: [], excluded: [] },
        { id: 'E8', sector: null, assigned: ['R6', 'R7', 'R8'], excluded: [] },
        { id: 'E9', sector: null, assigned: [], excluded: [] },
        { id: 'E10', sector: null, assigned: [], excluded: [] },
        { id: 'E11', sector: null, assigned: [], excluded: [] },
        { id: 'E12', sector: null, assigned: [], excluded: [] },
        { id: 'E13', sector: null, assigned: ['R3', 'R7'], excluded: [] },
        { id: 'E14', sector: null, assigned: ['R7', 'R8', 'R9'], excluded: [] },
        { id: 'E15', sector: null, assigned: ['R5', 'R6', 'R9'], excluded: [] },
        {
          id: 'E16',
          sector: null,
          assigned: [],
          excluded: ['R0', 'R1', 'R2', 'R3', 'R4', 'R6', 'R8', 'R9'],
        },
        { id: 'E17', sector: null, assigned: ['R4', 'R5', 'R7'], excluded: [] },
        { id: 'E18', sector: null, assigned: ['R5', 'R7', 'R8'], excluded: [] },
        { id: 'E19', sector: 'factory', assigned: [], excluded: [] },
        { id: 'E20', sector: null, assigned: ['R2', 'R6', 'R8'], excluded: [] },
        { id: 'E21', sector: null, assigned: ['R6', 'R8', 'R9'], excluded: [] },
        { id: 'E22', sector: null, assigned: ['R7', 'R8', 'R9'], excluded: [] },
        {
          id: 'E23',
          sector: null,
          assigned: ['R5', 'R8'],
          excluded: ['R0', 'R1', 'R2', 'R3', 'R4', 'R6', 'R9'],
        },
        { id: 'E24', sector: null, assigned: ['R1', 'R4', 'R8'], excluded: [] },
        { id: 'E25', sector: 'factory', assigned: ['R2'], excluded: [] },
        {
          id: 'E26',
          sector: null,
          assigned: [],
          excluded: ['R0', 'R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R8', 'R9'],
        },
        { id: 'E27', sector: null, assigned: ['R7', 'R8', 'R9'], excluded: [] },
      ],
    };
    const answers = await Promise.all(
      [918334941, 737777275].map((seed) => solveAssignment({ ...problem, seed })),
    );
    const [first, second] = answers.map((solution) => ({
      squares: squares(finalLoads(problem, solution.pairs)),
      share: solution.sectorExpertShare,
    }));
    expect(second).toEqual(first);
  });

  it('gives different, equally good answers for different seeds', async () => {
    const problem: AssignmentProblem = {
      perEntry: 2,
      seed: 0,
      reviewers: Array.from({ length: 6 }, (_, i) => ({ id: `R${i}`, sectors: [], load: 0 })),
      entries: Array.from({ length: 9 }, (_, i) => ({
        id: `E${i}`,
        sector: null,
        assigned: [],
        excluded: [],
      })),
    };
    const answers = new Set<string>();
    for (let seed = 1; seed <= 10; seed++) {
      const solution = await solveAssignment({ ...problem, seed });
      expect(Object.values(solution.loads).sort()).toEqual([3, 3, 3, 3, 3, 3]);
      answers.add(JSON.stringify(solution.pairs));
    }
    expect(answers.size).toBeGreaterThan(1);
  });

  it('reports progress and stops with nothing returned when cancelled', async () => {
    const reviewers = Array.from({ length: 50 }, (_, i) => ({
      id: `R${i}`,
      sectors: [SECTORS[i % SECTORS.length]!],
      load: 0,
    }));
    const problem: AssignmentProblem = {
      perEntry: 5,
      seed: 1,
      reviewers,
      entries: Array.from({ length: 20_000 }, (_, i) => ({
        id: `E${i}`,
        sector: SECTORS[i % SECTORS.length]!,
        assigned: [],
        excluded: [`R${i % 50}`, `R${(i * 7) % 50}`],
      })),
    };
    const progress: [number, number][] = [];
    let turns = 0;
    const solving = solveAssignment(problem, {
      onProgress: (done, total) => progress.push([done, total]),
      yieldTurn: () => {
        turns += 1;
        return new Promise((resolve) => setImmediate(resolve));
      },
      cancelled: () => progress.some(([done]) => done > 0),
    });
    await expect(solving).rejects.toSatisfy(
      (error) => error instanceof SailError && error.code === 'cancelled',
    );
    expect(turns).toBeGreaterThan(0);
    const [done, total] = progress.at(-1)!;
    expect(total).toBe(100_000);
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(total);
  });

  it('reports progress up to every slot when not cancelled', async () => {
    const progress: [number, number][] = [];
    const problem: AssignmentProblem = {
      perEntry: 3,
      seed: 1,
      reviewers: Array.from({ length: 5 }, (_, i) => ({ id: `R${i}`, sectors: [], load: 0 })),
      entries: [
        { id: 'A', sector: null, assigned: ['R0'], excluded: [] },
        { id: 'B', sector: null, assigned: [], excluded: ['R1', 'R2', 'R3'] },
      ],
    };
    await solveAssignment(problem, { onProgress: (done, total) => progress.push([done, total]) });
    // A needs 2 more; B can only get R0 and R4.
    expect(progress.at(-1)).toEqual([4, 4]);
    expect(progress.every(([done], i) => i === 0 || done >= progress[i - 1]![0])).toBe(true);
  });
});

describe('checkFeasibility', () => {
  const panel = Array.from({ length: 5 }, (_, i) => ({ id: `R${i}`, sectors: ['mine'], load: 0 }));
  const problem: AssignmentProblem = {
    perEntry: 5,
    seed: 1,
    reviewers: panel,
    entries: [
      { id: 'barred', sector: 'mine', assigned: [], excluded: ['R0', 'R1'] },
      { id: 'kept', sector: null, assigned: ['R0'], excluded: ['R1', 'R9'] },
      { id: 'fine', sector: 'mine', assigned: [], excluded: [] },
    ],
  };

  it('names every entry short of K before solving, with how many may review it and why', () => {
    expect(checkFeasibility(problem)).toEqual([
      {
        entryId: 'barred',
        sector: 'mine',
        eligible: 3,
        missing: 2,
        reason_zh: '2 位专家回避后仅有 3 位可评审专家，少于每项 5 位',
        reason_en: 'Only 3 reviewers may review it after 2 conflicts; 5 are needed per entry',
      },
      {
        entryId: 'kept',
        sector: null,
        eligible: 3,
        missing: 1,
        reason_zh: '1 位专家回避后仅有 4 位可评审专家（含已分配的 1 位），少于每项 5 位',
        reason_en:
          'Only 4 reviewers may review it after 1 conflict (1 of them already assigned); 5 are needed per entry',
      },
    ]);
  });

  it('says so when the panel itself is too small', () => {
    const [shortfall] = checkFeasibility({
      ...problem,
      perEntry: 6,
      entries: [problem.entries[2]!],
    });
    expect(shortfall).toMatchObject({ eligible: 5, missing: 1 });
    expect(shortfall?.reason_zh).toBe('评审组仅有 5 位可评审专家，少于每项 6 位');
    expect(shortfall?.reason_en).toBe(
      'Only 5 reviewers on the panel may review it; 6 are needed per entry',
    );
  });

  it('leaves the short entries every reviewer who may review them, and names them again', async () => {
    const solution = await solveAssignment(problem);
    const given = (id: string) =>
      solution.pairs.filter((pair) => pair.entryId === id).map((pair) => pair.reviewerId);
    expect(given('barred').sort()).toEqual(['R2', 'R3', 'R4']);
    expect(given('kept').sort()).toEqual(['R2', 'R3', 'R4']);
    expect(given('fine')).toHaveLength(5);
    expect(solution.shortfalls).toEqual(checkFeasibility(problem));
  });

  it('sums up each sector: entries, experts and how many can get K', () => {
    expect(sectorFeasibility(problem)).toEqual([
      { sector: 'mine', entries: 2, experts: 5, feasible: 1 },
      { sector: null, entries: 1, experts: 0, feasible: 0 },
    ]);
  });
});
