// Before solving: which entries cannot get K reviewers whatever the solver does, and why. An entry
// can take any reviewer of the panel without a conflict who is not already on it, so it falls
// short exactly when those are fewer than its empty slots.
import type { AssignmentProblem, EntryShortfall, ProblemEntry } from './problem';

/** How a sector of the round stands before solving (the api's plan shows it). */
export interface SectorFeasibility {
  sector: string | null;
  entries: number;
  /** Panel members whose expertise includes the sector. */
  experts: number;
  /** Entries of the sector that can get K eligible reviewers. */
  feasible: number;
}

/** The entry's empty slots and the panel members who may fill them. */
export function openSlots(
  entry: ProblemEntry,
  panel: ReadonlySet<string>,
  perEntry: number,
): { slots: number; eligible: number; conflicts: number } {
  const taken = new Set(entry.assigned);
  const barred = new Set(entry.excluded.filter((id) => panel.has(id) && !taken.has(id)));
  let onPanel = 0;
  for (const id of taken) if (panel.has(id)) onPanel += 1;
  return {
    slots: Math.max(0, perEntry - taken.size),
    eligible: panel.size - onPanel - barred.size,
    conflicts: barred.size,
  };
}

function shortfallReason(
  perEntry: number,
  assigned: number,
  eligible: number,
  conflicts: number,
): { reason_zh: string; reason_en: string } {
  const able = assigned + eligible;
  const reviewersEn = able === 1 ? 'reviewer' : 'reviewers';
  const conflictsEn = conflicts === 1 ? 'conflict' : 'conflicts';
  const kept = assigned > 0 ? `（含已分配的 ${assigned} 位）` : '';
  const keptEn = assigned > 0 ? ` (${assigned} of them already assigned)` : '';
  if (conflicts === 0) {
    return {
      reason_zh: `评审组仅有 ${able} 位可评审专家${kept}，少于每项 ${perEntry} 位`,
      reason_en: `Only ${able} ${reviewersEn} on the panel may review it${keptEn}; ${perEntry} are needed per entry`,
    };
  }
  return {
    reason_zh: `${conflicts} 位专家回避后仅有 ${able} 位可评审专家${kept}，少于每项 ${perEntry} 位`,
    reason_en: `Only ${able} ${reviewersEn} may review it after ${conflicts} ${conflictsEn}${keptEn}; ${perEntry} are needed per entry`,
  };
}

/** Every entry that cannot get K reviewers, in the problem's order, with the reason. */
export function checkFeasibility(problem: AssignmentProblem): EntryShortfall[] {
  const panel = new Set(problem.reviewers.map((reviewer) => reviewer.id));
  const shortfalls: EntryShortfall[] = [];
  for (const entry of problem.entries) {
    const { slots, eligible, conflicts } = openSlots(entry, panel, problem.perEntry);
    if (eligible >= slots) continue;
    shortfalls.push({
      entryId: entry.id,
      sector: entry.sector,
      eligible,
      missing: slots - eligible,
      ...shortfallReason(problem.perEntry, new Set(entry.assigned).size, eligible, conflicts),
    });
  }
  return shortfalls;
}

/** Per sector (null: entries without one): its entries, its experts, and how many can get K. */
export function sectorFeasibility(problem: AssignmentProblem): SectorFeasibility[] {
  const panel = new Set(problem.reviewers.map((reviewer) => reviewer.id));
  const sectors = new Map<string | null, SectorFeasibility>();
  for (const entry of problem.entries) {
    let figure = sectors.get(entry.sector);
    if (!figure) {
      const experts =
        entry.sector === null
          ? 0
          : problem.reviewers.filter((reviewer) => reviewer.sectors.includes(entry.sector ?? ''))
              .length;
      figure = { sector: entry.sector, entries: 0, experts, feasible: 0 };
      sectors.set(entry.sector, figure);
    }
    figure.entries += 1;
    const { slots, eligible } = openSlots(entry, panel, problem.perEntry);
    if (eligible >= slots) figure.feasible += 1;
  }
  return [...sectors.values()];
}
