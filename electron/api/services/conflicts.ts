// Conflicts of interest (回避): detection over every reviewer and entry of the project (rules in
// core/conflicts.ts, organisation names matched by core/organisations), the list, and the
// organiser's decisions. Re-detection keeps every decision: confirmed and dismissed pairs stay,
// new pairs come in as potential, potential pairs that no longer match are dropped.
import { performance } from 'node:perf_hooks';
import { detectConflicts, partnerList } from '../../core/conflicts';
import { SailError } from '../../core/errors';
import { readOrganisationGroups } from '../../io/organisation-groups';
import type { ProjectStore } from '../../store/project-store';
import type { ConflictRow } from '../../store/repos/conflicts';
import type { EntryRef } from '../../store/repos/entries';
import type {
  Conflict,
  ConflictDetection,
  ConflictList,
  ConflictStatus,
} from '../contract/conflicts';
import { CONFLICT_STATUSES } from '../contract/conflicts';
import type { Progress } from '../dispatch';
import { requireReviewer } from './reviewers';
import { requireRound } from './rounds';

export function toConflict(row: ConflictRow): Conflict {
  return {
    reviewer_id: row.reviewer_external_id,
    reviewer_name: row.reviewer_name,
    entry_id: row.entry_external_id,
    entry_title: row.entry_title,
    source: row.source,
    status: row.status,
    reason_zh: row.reason_zh,
    reason_en: row.reason_en,
    decision_reason: row.decision_reason,
    decided_at: row.decided_at,
  };
}

function detectionCancelled(): SailError {
  return new SailError(
    'cancelled',
    '回避检测已取消，未写入任何内容。',
    'Conflict detection cancelled; nothing was written.',
  );
}

/** Checks every reviewer against every entry and reconciles the stored pairs in one write. */
export async function detectProjectConflicts(
  store: ProjectStore,
  resourcesDir: string,
  control: {
    signal?: AbortSignal | undefined;
    progress?: ((update: Progress) => void) | undefined;
  },
): Promise<ConflictDetection> {
  const started = performance.now();
  const groups = await readOrganisationGroups(resourcesDir, store.path);
  control.progress?.({ phase: 'match', done: 0, total: 1 });
  return store.atomically(() => {
    const reviewers = store.reviewers.list();
    const entries = store.entries.organisations();
    const found = detectConflicts(
      reviewers.map((reviewer) => ({
        id: reviewer.id,
        organisation: reviewer.organisation,
        avoid: JSON.parse(reviewer.avoid_json) as string[],
      })),
      entries.map((entry) => ({
        id: entry.id,
        applicant: entry.applicant,
        partners: partnerList(entry.partners),
      })),
      groups,
    );
    if (control.signal?.aborted) throw detectionCancelled();
    control.progress?.({ phase: 'write', done: 0, total: 1 });
    const key = (reviewerId: number, entryId: number) => `${reviewerId}:${entryId}`;
    const stored = new Map(store.conflicts.all().map((c) => [key(c.reviewer_id, c.entry_id), c]));
    const foundKeys = new Set(found.map((pair) => key(pair.reviewerId, pair.entryId)));
    const fresh = found.filter((pair) => !stored.has(key(pair.reviewerId, pair.entryId)));
    const refound = found.filter(
      (pair) => stored.get(key(pair.reviewerId, pair.entryId))?.status === 'potential',
    );
    const gone = [...stored.entries()]
      .filter(([pairKey, before]) => before.status === 'potential' && !foundKeys.has(pairKey))
      .map(([, before]) => before);
    const now = new Date().toISOString();
    const summary = {
      reviewers: reviewers.length,
      entries: entries.length,
      found: found.length,
      added: fresh.length,
      dropped: gone.length,
    };
    const row = (pair: (typeof found)[number]) => ({
      reviewer_id: pair.reviewerId,
      entry_id: pair.entryId,
      source: pair.source,
      reason_zh: pair.reason_zh,
      reason_en: pair.reason_en,
    });
    store.write(
      { action: 'conflicts.detect', subject: store.project.uuid, payload: summary },
      () => {
        for (const pair of fresh) {
          store.conflicts.insert({
            ...row(pair),
            status: 'potential',
            decision_reason: null,
            decided_at: null,
            found_at: now,
          });
        }
        for (const pair of refound) store.conflicts.refind(row(pair));
        for (const before of gone) store.conflicts.delete(before.reviewer_id, before.entry_id);
        store.conflicts.setDetectedAt(now);
      },
    );
    control.progress?.({ phase: 'write', done: 1, total: 1 });
    return { ...summary, seconds: (performance.now() - started) / 1000 };
  });
}

/** The one entry with this external id; refused when none or (across programmes) several. */
export function requireEntryRef(store: ProjectStore, entryId: string): EntryRef {
  const [entry, ...others] = store.entries.byExternalId(entryId);
  if (!entry) {
    throw new SailError(
      'entry_not_found',
      `找不到项目 ${entryId}，请检查项目编号。`,
      `Entry ${entryId} not found; check the entry id.`,
    );
  }
  if (others.length > 0) {
    throw new SailError(
      'entry_ambiguous',
      `项目编号 ${entryId} 在绽放杯和领航者中都有，无法确定是哪一个。`,
      `Entry id ${entryId} exists in more than one programme; it cannot say which one.`,
    );
  }
  return entry;
}

export function listConflicts(
  store: ProjectStore,
  filter: {
    round?: string | undefined;
    status?: ConflictStatus | undefined;
    reviewer_id?: string | undefined;
    entry_id?: string | undefined;
  },
): ConflictList {
  const roundId = filter.round === undefined ? undefined : requireRound(store, filter.round).id;
  // Counted over every status, so a filtered view still says how many of each there are.
  const rows = store.conflicts.list({
    roundId,
    reviewerId: filter.reviewer_id,
    entryId: filter.entry_id,
  });
  const counts = Object.fromEntries(CONFLICT_STATUSES.map((status) => [status, 0])) as Record<
    ConflictStatus,
    number
  >;
  for (const row of rows) counts[row.status] += 1;
  return {
    conflicts: rows
      .filter((row) => filter.status === undefined || row.status === filter.status)
      .map(toConflict),
    detected_at: store.conflicts.detectedAt(),
    counts,
  };
}

function storedConflict(store: ProjectStore, reviewerId: string, entryId: string): Conflict {
  const [row] = store.conflicts.list({ reviewerId, entryId });
  if (!row) throw new Error('conflict missing after its write');
  return toConflict(row);
}

/** Confirms, dismisses or sets back to potential one conflict, recorded in the audit trail. */
export function decideConflict(
  store: ProjectStore,
  input: {
    reviewer_id: string;
    entry_id: string;
    status: ConflictStatus;
    reason?: string | undefined;
  },
): Conflict {
  return store.atomically(() => {
    const reviewer = requireReviewer(store, input.reviewer_id);
    const entry = requireEntryRef(store, input.entry_id);
    const before = store.conflicts.get(reviewer.id, entry.id);
    if (!before) {
      throw new SailError(
        'conflict_not_found',
        `专家 ${input.reviewer_id} 与项目 ${input.entry_id} 之间没有记录的回避关系。`,
        `No conflict is recorded between reviewer ${input.reviewer_id} and entry ${input.entry_id}.`,
      );
    }
    const reason = input.reason?.trim() ? input.reason.trim() : null;
    store.write(
      {
        action: 'conflict.decide',
        subject: `${input.reviewer_id}:${input.entry_id}`,
        payload: { from: before.status, to: input.status, reason },
      },
      () =>
        store.conflicts.decide({
          reviewer_id: reviewer.id,
          entry_id: entry.id,
          status: input.status,
          decision_reason: reason,
          decided_at: new Date().toISOString(),
        }),
    );
    return storedConflict(store, input.reviewer_id, input.entry_id);
  });
}

/** The organiser declares a conflict no name shows: a confirmed, declared pair with their reason. */
export function addConflict(
  store: ProjectStore,
  input: { reviewer_id: string; entry_id: string; reason: string },
): Conflict {
  return store.atomically(() => {
    const reviewer = requireReviewer(store, input.reviewer_id);
    const entry = requireEntryRef(store, input.entry_id);
    const before = store.conflicts.get(reviewer.id, entry.id);
    store.write(
      {
        action: 'conflict.add',
        subject: `${input.reviewer_id}:${input.entry_id}`,
        payload: { reason: input.reason, before: before?.status ?? null },
      },
      () =>
        store.conflicts.confirm(
          { reviewer_id: reviewer.id, entry_id: entry.id },
          input.reason,
          { zh: `主办方添加：${input.reason}`, en: `added by the organiser: ${input.reason}` },
          new Date().toISOString(),
        ),
    );
    return storedConflict(store, input.reviewer_id, input.entry_id);
  });
}
