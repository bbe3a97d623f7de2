// 疑似重复: the near-duplicate check over every entry, and the organiser's decision on each pair.
// Bundled (the app, the host, the CLI), the check runs in a worker thread on a read-only
// connection of its own (api/duplicates-worker.ts): the window's calls (the entry list and its
// total first) are answered at once while it runs, and do not slow it. Run from the sources (the
// tests), it reads and compares the entries in parts with a turn of the event loop between them.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type { Programme } from '../../core/domain';
import {
  ApplicantGroups,
  byStrength,
  groupDuplicates,
  type DuplicateMatch,
  type DuplicateVerdict,
} from '../../core/duplicates';
import { SailError } from '../../core/errors';
import type { ProjectStore } from '../../store/project-store';
import { pairKey, type DuplicateDecisionRecord } from '../../store/repos/duplicate-decisions';
import type {
  EntryApplicant,
  EntryKey,
  EntryRepository,
  EntryTexts,
} from '../../store/repos/entries';
import type { DuplicateDecision, DuplicateList, DuplicateView } from '../contract';
import { requireEntry } from './entries';

/** Entries read from the list index per turn, and entries whose texts are compared per turn. */
const APPLICANTS_PER_TURN = 5_000;
const TEXTS_PER_TURN = 1_000;

/** A pair found, its entries as the check read them. */
type Match = DuplicateMatch<EntryTexts>;

/** The check of one state of the entries, shared by every call that asks while it runs. */
interface Check {
  revision: string;
  matches: Promise<Match[]>;
}

const checks = new WeakMap<ProjectStore, Check>();

/** Thrown inside a check whose entries an import changed: the caller starts a fresh one. */
class EntriesChanged extends Error {}

export interface DuplicateQuery {
  programme?: Programme | undefined;
  view: DuplicateView;
  offset: number;
  limit: number;
}

/** A page of the pairs of one view, with the count of each kind. */
export async function duplicateEntries(
  store: ProjectStore,
  query: DuplicateQuery,
): Promise<DuplicateList> {
  const matches = await currentMatches(store);
  const decisions = store.duplicateDecisions.byPairKey();
  const counts = { pending: 0, distinct: 0, same_case: 0 };
  const shown: Array<{ match: Match; record: DuplicateDecisionRecord | undefined }> = [];
  for (const match of matches) {
    // Pairs never cross programmes, so one check serves every filter.
    if (query.programme && match.a.programme !== query.programme) continue;
    const record = decisions.get(pairKey(match.a.id, match.b.id));
    counts[record?.verdict ?? 'pending'] += 1;
    if (query.view === 'all' || (query.view === 'pending') === !record) {
      shown.push({ match, record });
    }
  }
  const page = shown.slice(query.offset, query.offset + query.limit);
  // What is listed is read afresh: the check keeps only what it compared.
  const rows = new Map(
    store.entries
      .rowsByIds(page.flatMap(({ match }) => [match.a.id, match.b.id]))
      .map((row) => [row.id, row]),
  );
  const pairs = page.flatMap(({ match: { a, b, ...similarity }, record }) => {
    const rowA = rows.get(a.id);
    const rowB = rows.get(b.id);
    return rowA && rowB
      ? [{ a: rowA, b: rowB, ...similarity, decision: record ? decisionOf(record) : null }]
      : [];
  });
  return { counts, total: shown.length, pairs };
}

/** The matches of the entries as they are now: cached until an import changes them. */
async function currentMatches(store: ProjectStore): Promise<Match[]> {
  for (;;) {
    const revision = store.entries.revision();
    let check = checks.get(store);
    if (check?.revision !== revision) {
      const started: Check = { revision, matches: findMatches(store, revision) };
      // A failed check is not kept: the next call starts again.
      started.matches.catch(() => {
        if (checks.get(store) === started) checks.delete(store);
      });
      checks.set(store, started);
      check = started;
    }
    try {
      return await check.matches;
    } catch (error) {
      if (!(error instanceof EntriesChanged)) throw error;
    }
  }
}

async function findMatches(store: ProjectStore, revision: string): Promise<Match[]> {
  if (existsSync(WORKER_FILE) && !store.inMemory) {
    // On a connection of its own in a worker thread: the window's calls are answered meanwhile
    // without waiting for a part of it, and it takes no longer for them.
    const matches = await inWorker(store);
    if (!store.isOpen) throw projectClosed();
    if (store.entries.revision() !== revision) throw new EntriesChanged();
    return matches;
  }
  let seen = store.lastWrite();
  /** Gives other calls their turn; stops when the project was closed or its entries changed. */
  const turn = async () => {
    await nextTurn();
    if (!store.isOpen) throw projectClosed();
    // Any write moves lastWrite; only an import changes the entries.
    if (store.lastWrite() === seen) return;
    if (store.entries.revision() !== revision) throw new EntriesChanged();
    seen = store.lastWrite();
  };
  return compareEntries(store.entries, turn);
}

const projectClosed = () =>
  new SailError(
    'project_closed',
    '项目已关闭，疑似重复检查已停止。',
    'The project was closed; the duplicate check stopped.',
  );

/** The bundled worker (dist/electron, beside this code once bundled); absent in the sources. */
const WORKER_FILE = join(__dirname, 'duplicates-worker.cjs');

function inWorker(store: ProjectStore): Promise<Match[]> {
  return new Promise<Match[]>((resolve, reject) => {
    const worker = new Worker(WORKER_FILE, {
      workerData: { path: store.path, nativeBinding: store.nativeBinding },
    });
    worker.once('message', (message: { matches?: Match[]; error?: string }) => {
      void worker.terminate();
      if (message.matches) resolve(message.matches);
      else reject(new Error(message.error ?? 'the duplicate check failed'));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the duplicate check ended (exit ${code})`)));
  });
}

/**
 * The check itself: applicants from the list index, then the texts of about a thousand grouped
 * entries at a time; `turn` between parts (other calls' turn, in the session's thread).
 */
export async function compareEntries(
  entries: Pick<EntryRepository, 'applicantsAfter' | 'duplicateTexts'>,
  turn: () => Promise<void>,
): Promise<Match[]> {
  const groups = new ApplicantGroups<EntryApplicant>();
  for (let after: EntryKey | null = null; ;) {
    const { applicants, next } = entries.applicantsAfter(after, APPLICANTS_PER_TURN);
    for (const entry of applicants) groups.add(entry);
    if (!next) break;
    after = next;
    await turn();
  }

  const matches: Match[] = [];
  let batch: EntryApplicant[][] = [];
  let size = 0;
  const compareBatch = () => {
    const texts = new Map(entries.duplicateTexts(batch.flat()).map((t) => [t.id, t]));
    for (const group of batch) {
      const candidates = group.flatMap((entry) => texts.get(entry.id) ?? []);
      for (const match of groupDuplicates(candidates)) matches.push(match);
    }
    batch = [];
    size = 0;
  };
  for (const group of groups.shared()) {
    batch.push(group);
    size += group.length;
    if (size >= TEXTS_PER_TURN) {
      compareBatch();
      await turn();
    }
  }
  compareBatch();
  return matches.sort(byStrength);
}

function decisionOf({
  entry_a: _a,
  entry_b: _b,
  ...decision
}: DuplicateDecisionRecord): DuplicateDecision {
  return decision;
}

export interface DuplicateDecisionInput {
  a: number;
  b: number;
  verdict: DuplicateVerdict | null;
  note?: string | undefined;
  decided_by?: string | undefined;
}

/**
 * Records the organiser's decision on a pair, or takes it back (verdict null), with its audit
 * event; the same decision again changes nothing.
 */
export function decideDuplicate(
  store: ProjectStore,
  input: DuplicateDecisionInput,
): DuplicateDecision | null {
  const [first, second] = input.a < input.b ? [input.a, input.b] : [input.b, input.a];
  const a = requireEntry(store, first);
  const b = requireEntry(store, second);
  if (a.id === b.id || a.programme !== b.programme) {
    throw new SailError(
      'duplicate_pair_invalid',
      `${a.external_id} 与 ${b.external_id} 不能作为一对疑似重复：一对须是同一赛事的两个不同项目。`,
      `${a.external_id} and ${b.external_id} are not a pair: a pair is two different entries of one programme.`,
    );
  }
  const previous = store.duplicateDecisions.get(a.id, b.id);
  const note = input.note || null;
  const decidedBy = input.decided_by || null;
  if (
    input.verdict === null
      ? !previous
      : previous?.verdict === input.verdict &&
        previous.note === note &&
        previous.decided_by === decidedBy
  ) {
    return previous ? decisionOf(previous) : null;
  }
  const record: DuplicateDecisionRecord | null = input.verdict
    ? {
        entry_a: a.id,
        entry_b: b.id,
        verdict: input.verdict,
        note,
        decided_by: decidedBy,
        decided_at: new Date().toISOString(),
      }
    : null;
  store.write(
    {
      action: record ? 'duplicate.decide' : 'duplicate.reopen',
      subject: `${a.programme}:${a.external_id},${b.external_id}`,
      payload: {
        a: a.external_id,
        b: b.external_id,
        verdict: record?.verdict ?? null,
        note,
        decided_by: decidedBy,
        previous: previous ? decisionOf(previous) : null,
      },
    },
    () => {
      if (record) store.duplicateDecisions.upsert(record);
      else store.duplicateDecisions.remove(a.id, b.id);
    },
  );
  return record ? decisionOf(record) : null;
}
