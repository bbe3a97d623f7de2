// TEMPORARY (branch i12-panel only): a stand-in with the fixed interface of problem.ts so that
// the api layer compiles and its tests run. The real solver (min-cost flow) replaces this file
// at merge; this one fills each entry greedily, least-loaded eligible reviewer first.
import { SailError } from '../errors';
import type {
  AssignmentProblem,
  AssignmentSolution,
  EntryShortfall,
  Pair,
  ProblemEntry,
  SolveControl,
} from './problem';

export type * from './problem';

function eligible(problem: AssignmentProblem, entry: ProblemEntry): string[] {
  const barred = new Set([...entry.assigned, ...entry.excluded]);
  return problem.reviewers.map((r) => r.id).filter((id) => !barred.has(id));
}

function shortfallOf(entry: ProblemEntry, count: number, missing: number): EntryShortfall {
  return {
    entryId: entry.id,
    sector: entry.sector,
    eligible: count,
    missing,
    reason_zh: `可评审的专家只有 ${count} 位（不含回避和已分配的），还缺 ${missing} 位`,
    reason_en: `only ${count} eligible reviewers (without conflicts or those already on it); ${missing} short`,
  };
}

export function checkFeasibility(problem: AssignmentProblem): EntryShortfall[] {
  const shortfalls: EntryShortfall[] = [];
  for (const entry of problem.entries) {
    const need = Math.max(0, problem.perEntry - entry.assigned.length);
    const count = eligible(problem, entry).length;
    if (count < need) shortfalls.push(shortfallOf(entry, count, need - count));
  }
  return shortfalls;
}

export async function solveAssignment(
  problem: AssignmentProblem,
  control: SolveControl = {},
): Promise<AssignmentSolution> {
  const loads: Record<string, number> = {};
  for (const reviewer of problem.reviewers) loads[reviewer.id] = reviewer.load;
  const sectors = new Map(problem.reviewers.map((r) => [r.id, new Set(r.sectors)]));
  const pairs: Pair[] = [];
  const shortfalls: EntryShortfall[] = [];
  let withExpert = 0;
  let withSector = 0;
  for (const [index, entry] of problem.entries.entries()) {
    if (control.cancelled?.()) {
      throw new SailError(
        'cancelled',
        '分配已取消，未写入任何内容。',
        'Assignment cancelled; nothing was written.',
      );
    }
    if (index % 500 === 0) {
      control.onProgress?.(index, problem.entries.length);
      await control.yieldTurn?.();
    }
    const need = Math.max(0, problem.perEntry - entry.assigned.length);
    const expert = (id: string) =>
      entry.sector !== null && (sectors.get(id)?.has(entry.sector) ?? false);
    const chosen = eligible(problem, entry)
      .sort(
        (a, b) =>
          (loads[a] ?? 0) - (loads[b] ?? 0) ||
          Number(expert(b)) - Number(expert(a)) ||
          a.localeCompare(b),
      )
      .slice(0, need);
    for (const reviewerId of chosen) {
      pairs.push({ entryId: entry.id, reviewerId });
      loads[reviewerId] = (loads[reviewerId] ?? 0) + 1;
    }
    if (chosen.length < need)
      shortfalls.push(shortfallOf(entry, chosen.length, need - chosen.length));
    if (entry.sector !== null) {
      withSector += 1;
      if ([...entry.assigned, ...chosen].some(expert)) withExpert += 1;
    }
  }
  control.onProgress?.(problem.entries.length, problem.entries.length);
  return {
    pairs,
    shortfalls,
    loads,
    sectorExpertShare: withSector === 0 ? 1 : withExpert / withSector,
  };
}
