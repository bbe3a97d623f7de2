// Assignment (分配) of a round: the problem built from the round (its panel, entries, conflicts
// and the assignments and reviews it keeps), checked for feasibility, solved by
// core/assignment, written in one transaction; manual changes and locks.
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { checkFeasibility, sectorFeasibility, solveAssignment } from '../../core/assignment';
import type { AssignmentProblem } from '../../core/assignment/problem';
import { SailError } from '../../core/errors';
import { assertAssignmentsChange } from '../../core/round-lifecycle';
import type { ProjectStore } from '../../store/project-store';
import type { AssignmentRecord } from '../../store/repos/assignments';
import type { RoundEntryRow, RoundRecord } from '../../store/repos/rounds';
import type { AssignmentPlan, AssignmentRun, EntryAssignment } from '../contract/assignments';
import type { Progress } from '../dispatch';
import { panelIds, requireReviewer } from './reviewers';
import { requireRound } from './rounds';

/** A round as the solver sees it, and what a run replaces. */
interface RoundProblem {
  problem: AssignmentProblem;
  /** Unlocked assignments without a review that a redo solves again. */
  released: AssignmentRecord[];
  kept: number;
  /** Reviewer row ids by external id, entry row ids by external id. */
  reviewerIds: Map<string, number>;
  entryIds: Map<string, number>;
}

const pairKey = (entryId: number, reviewerId: number) => `${entryId}:${reviewerId}`;

function roundProblem(
  store: ProjectStore,
  round: RoundRecord,
  perEntry: number,
  seed: number,
  redo: boolean,
): RoundProblem {
  const panel = panelIds(store, round);
  const reviewers = store.reviewers.list();
  const externalOf = new Map(reviewers.map((r) => [r.id, r.external_id]));
  const entries = store.rounds.entries(round.id);
  const reviewed = new Set(
    store.assignments.reviewed(round.id).map((r) => pairKey(r.entry_id, r.reviewer_id)),
  );
  // Kept: every assignment and every review (a review without an assignment row too); a redo
  // releases the unlocked assignments nobody has started reviewing.
  const assigned = new Map<number, Set<number>>();
  const keep = (entryId: number, reviewerId: number) => {
    let set = assigned.get(entryId);
    if (!set) assigned.set(entryId, (set = new Set()));
    set.add(reviewerId);
  };
  const released: AssignmentRecord[] = [];
  for (const assignment of store.assignments.forRound(round.id)) {
    const key = pairKey(assignment.entry_id, assignment.reviewer_id);
    if (redo && assignment.locked === 0 && !reviewed.has(key)) released.push(assignment);
    else keep(assignment.entry_id, assignment.reviewer_id);
  }
  for (const key of reviewed) {
    const [entryId, reviewerId] = key.split(':').map(Number) as [number, number];
    keep(entryId, reviewerId);
  }
  const excluded = new Map<number, number[]>();
  for (const { entry_id, reviewer_id } of store.conflicts.barring(round.id)) {
    excluded.set(entry_id, [...(excluded.get(entry_id) ?? []), reviewer_id]);
  }
  const load = new Map<number, number>();
  for (const set of assigned.values()) {
    for (const id of set) load.set(id, (load.get(id) ?? 0) + 1);
  }
  const external = (id: number) => externalOf.get(id) ?? String(id);
  let kept = 0;
  for (const set of assigned.values()) kept += Math.min(set.size, perEntry);
  return {
    problem: {
      perEntry,
      seed,
      reviewers: reviewers
        .filter((r) => panel.has(r.id))
        .map((r) => ({
          id: r.external_id,
          sectors: JSON.parse(r.sectors_json) as string[],
          load: load.get(r.id) ?? 0,
        })),
      entries: entries.map((entry) => ({
        id: entry.entry_id,
        sector: entry.sector,
        assigned: [...(assigned.get(entry.id) ?? [])].map(external),
        excluded: (excluded.get(entry.id) ?? []).map(external),
      })),
    },
    released,
    kept,
    reviewerIds: new Map(reviewers.map((r) => [r.external_id, r.id])),
    entryIds: new Map(entries.map((entry) => [entry.entry_id, entry.id])),
  };
}

/** Before solving: per sector, how many entries can get K eligible reviewers; who cannot, why. */
export function planAssignments(
  store: ProjectStore,
  roundName: string,
  perEntry: number,
): AssignmentPlan {
  return store.readSnapshot(() => {
    const round = requireRound(store, roundName);
    const { problem, kept } = roundProblem(store, round, perEntry, 1, false);
    const shortfalls = checkFeasibility(problem);
    const needed = problem.entries.reduce(
      (sum, entry) => sum + Math.max(0, perEntry - entry.assigned.length),
      0,
    );
    return {
      round: round.name,
      per_entry: perEntry,
      panel: problem.reviewers.length,
      entries: problem.entries.length,
      kept,
      to_fill: needed,
      sectors: sectorFeasibility(problem),
      shortfalls: shortfalls.map(({ entryId, ...rest }) => ({ entry_id: entryId, ...rest })),
    };
  });
}

/**
 * Fills the round's missing slots (a redo also re-solves unlocked assignments without a review).
 * The solve yields turns so a cancel arrives; the new pairs are written in one transaction after
 * it, so a cancelled run writes nothing.
 */
export async function runAssignments(
  store: ProjectStore,
  input: { round: string; per_entry: number; seed: number; redo: boolean },
  control: {
    signal?: AbortSignal | undefined;
    progress?: ((update: Progress) => void) | undefined;
  },
): Promise<AssignmentRun> {
  const started = performance.now();
  const round = requireRound(store, input.round);
  assertAssignmentsChange(round);
  const built = store.readSnapshot(() =>
    roundProblem(store, round, input.per_entry, input.seed, input.redo),
  );
  const solution = await solveAssignment(built.problem, {
    onProgress: (done, total) => control.progress?.({ phase: 'solve', done, total }),
    cancelled: () => control.signal?.aborted ?? false,
    yieldTurn: () => nextTurn(),
  });
  if (control.signal?.aborted) {
    throw new SailError(
      'cancelled',
      '分配已取消，未写入任何内容。',
      'Assignment cancelled; nothing was written.',
    );
  }
  control.progress?.({ phase: 'write', done: 0, total: solution.pairs.length });
  const written = store.atomically(() => {
    // The round as stored now: another window may have locked it while the solver ran.
    assertAssignmentsChange(store.rounds.byId(round.id) ?? round);
    const now = new Date().toISOString();
    const released = new Set(built.released.map((a) => pairKey(a.entry_id, a.reviewer_id)));
    // A pair another process assigned while the solver ran is already there: not added twice.
    const pairs = solution.pairs.flatMap(({ entryId, reviewerId }) => {
      const entry = built.entryIds.get(entryId);
      const reviewer = built.reviewerIds.get(reviewerId);
      if (entry === undefined || reviewer === undefined) return [];
      const taken =
        !released.has(pairKey(entry, reviewer)) &&
        store.assignments.get(round.id, entry, reviewer) !== undefined;
      return taken ? [] : [{ entry, reviewer }];
    });
    store.write(
      {
        action: 'assignment.run',
        subject: round.uuid,
        payload: {
          round: round.name,
          per_entry: input.per_entry,
          seed: input.seed,
          redo: input.redo,
          added: pairs.length,
          released: built.released.length,
          unassigned: solution.shortfalls.map((s) => s.entryId),
        },
      },
      () => {
        for (const a of built.released)
          store.assignments.delete(round.id, a.entry_id, a.reviewer_id);
        for (const { entry, reviewer } of pairs) {
          store.assignments.insert({
            round_id: round.id,
            entry_id: entry,
            reviewer_id: reviewer,
            locked: 0,
            source: 'auto',
            override_reason: null,
            created_at: now,
          });
        }
      },
    );
    return pairs.length;
  });
  control.progress?.({ phase: 'write', done: written, total: written });
  const loads = built.problem.reviewers.map((r) => solution.loads[r.id] ?? r.load);
  const min = loads.length > 0 ? Math.min(...loads) : 0;
  const max = loads.length > 0 ? Math.max(...loads) : 0;
  return {
    assignments: solution.pairs.map(({ entryId, reviewerId }) => ({
      entry_id: entryId,
      reviewer_id: reviewerId,
    })),
    unassigned: solution.shortfalls.map(({ entryId, reason_zh, reason_en }) => ({
      entry_id: entryId,
      reason_zh,
      reason_en,
    })),
    kept: built.kept,
    load: { min, max, spread: max - min },
    sector_expert_share: solution.sectorExpertShare,
    seconds: (performance.now() - started) / 1000,
  };
}

function entryAssignments(
  store: ProjectStore,
  round: RoundRecord,
  entries: RoundEntryRow[],
  reviewerId?: number,
): EntryAssignment[] {
  const rows = store.assignments.rows(round.id);
  const byEntry = new Map<number, typeof rows>();
  for (const row of rows) byEntry.set(row.entry_id, [...(byEntry.get(row.entry_id) ?? []), row]);
  return entries
    .filter(
      (entry) =>
        reviewerId === undefined ||
        (byEntry.get(entry.id) ?? []).some((row) => row.reviewer_id === reviewerId),
    )
    .map((entry) => ({
      entry_id: entry.entry_id,
      title: entry.title,
      sector: entry.sector,
      reviewers: (byEntry.get(entry.id) ?? []).map((row) => ({
        reviewer_id: row.reviewer_external_id,
        name: row.reviewer_name,
        locked: row.locked === 1,
        source: row.source,
        override_reason: row.override_reason,
        review: row.review_status ?? 'none',
      })),
    }));
}

export function listAssignments(
  store: ProjectStore,
  roundName: string,
  reviewerExternalId?: string,
): EntryAssignment[] {
  return store.readSnapshot(() => {
    const round = requireRound(store, roundName);
    const reviewer =
      reviewerExternalId === undefined ? undefined : requireReviewer(store, reviewerExternalId).id;
    return entryAssignments(store, round, store.rounds.entries(round.id), reviewer);
  });
}

function requireRoundEntry(
  store: ProjectStore,
  round: RoundRecord,
  entryIds: readonly string[],
): RoundEntryRow[] {
  const entries = new Map(store.rounds.entries(round.id).map((e) => [e.entry_id, e]));
  const missing = entryIds.filter((id) => !entries.has(id));
  if (missing.length > 0) {
    throw new SailError(
      'entry_not_in_round',
      `项目 ${missing.slice(0, 10).join('、')} 不在评审批次“${round.name}”中。`,
      `Entries ${missing.slice(0, 10).join(', ')} are not in round "${round.name}".`,
    );
  }
  return entryIds.map((id) => entries.get(id) as RoundEntryRow);
}

/**
 * Adds and/or removes one reviewer on an entry. A reviewer with a standing conflict is refused
 * unless the organiser gives a reason, which the assignment and the audit trail record; a
 * reviewer who has submitted a review of the entry cannot be removed.
 */
export function changeAssignment(
  store: ProjectStore,
  input: {
    round: string;
    entry_id: string;
    add?: string | undefined;
    remove?: string | undefined;
    override_reason?: string | undefined;
  },
): EntryAssignment {
  return store.atomically(() => {
    const round = requireRound(store, input.round);
    assertAssignmentsChange(round);
    const [entry] = requireRoundEntry(store, round, [input.entry_id]) as [RoundEntryRow];
    if (input.add === undefined && input.remove === undefined) {
      throw new SailError(
        'nothing_to_change',
        '请指定要添加或移除的专家。',
        'Name a reviewer to add or to remove.',
      );
    }
    const removed = input.remove === undefined ? undefined : requireReviewer(store, input.remove);
    if (removed) {
      if (!store.assignments.get(round.id, entry.id, removed.id)) {
        throw new SailError(
          'not_assigned',
          `专家 ${removed.external_id} 没有分配到项目 ${entry.entry_id}。`,
          `Reviewer ${removed.external_id} is not assigned to entry ${entry.entry_id}.`,
        );
      }
      if (store.reviews.get(round.id, entry.id, removed.id)?.status === 'submitted') {
        throw new SailError(
          'review_submitted',
          `专家 ${removed.external_id} 已提交项目 ${entry.entry_id} 的评审，不能移除。`,
          `Reviewer ${removed.external_id} has submitted a review of entry ${entry.entry_id}; they cannot be removed.`,
        );
      }
    }
    const added = input.add === undefined ? undefined : requireReviewer(store, input.add);
    let conflict: { reason_zh: string; reason_en: string } | undefined;
    if (added) {
      if (!panelIds(store, round).has(added.id)) {
        throw new SailError(
          'not_in_panel',
          `专家 ${added.external_id} 不在评审批次“${round.name}”的专家组中，请先把他加入专家组。`,
          `Reviewer ${added.external_id} is not on the panel of round "${round.name}"; add them to the panel first.`,
        );
      }
      if (store.assignments.get(round.id, entry.id, added.id)) {
        throw new SailError(
          'already_assigned',
          `专家 ${added.external_id} 已分配到项目 ${entry.entry_id}。`,
          `Reviewer ${added.external_id} is already assigned to entry ${entry.entry_id}.`,
        );
      }
      const stored = store.conflicts.get(added.id, entry.id);
      if (stored && stored.status !== 'dismissed') {
        conflict = stored;
        if (input.override_reason === undefined) {
          throw new SailError(
            'conflict_of_interest',
            `专家 ${added.external_id} 与项目 ${entry.entry_id} 存在回避关系（${stored.reason_zh}）。如确需分配，请填写原因。`,
            `Reviewer ${added.external_id} has a conflict with entry ${entry.entry_id} (${stored.reason_en}). To assign them anyway, give a reason.`,
          );
        }
      }
    }
    const overrideReason = conflict ? (input.override_reason ?? null) : null;
    store.write(
      {
        action: 'assignment.change',
        subject: `${round.uuid}:${entry.entry_id}`,
        payload: {
          round: round.name,
          entry_id: entry.entry_id,
          add: added?.external_id ?? null,
          remove: removed?.external_id ?? null,
          override_reason: overrideReason,
          conflict: conflict ? conflict.reason_en : null,
        },
      },
      () => {
        if (removed) store.assignments.delete(round.id, entry.id, removed.id);
        if (added) {
          store.assignments.insert({
            round_id: round.id,
            entry_id: entry.id,
            reviewer_id: added.id,
            locked: 0,
            source: 'manual',
            override_reason: overrideReason,
            created_at: new Date().toISOString(),
          });
        }
      },
    );
    return entryAssignments(store, round, [entry])[0] as EntryAssignment;
  });
}

/** Locks or unlocks the assignments of these entries; a re-run keeps locked ones. */
export function lockAssignments(
  store: ProjectStore,
  input: { round: string; entry_ids: string[]; locked: boolean },
): { changed: number } {
  return store.atomically(() => {
    const round = requireRound(store, input.round);
    assertAssignmentsChange(round);
    const entries = requireRoundEntry(store, round, [...new Set(input.entry_ids)]);
    let changed = 0;
    store.write(
      {
        action: 'assignment.lock',
        subject: round.uuid,
        payload: {
          round: round.name,
          locked: input.locked,
          entries: entries.map((e) => e.entry_id),
        },
      },
      () => {
        for (const entry of entries) {
          changed += store.assignments.setLocked(round.id, entry.id, input.locked);
        }
      },
    );
    return { changed };
  });
}
