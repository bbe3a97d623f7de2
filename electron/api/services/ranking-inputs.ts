// What ranking a round reads from the project, loaded in columns and kept while it is valid.
//
// A round of 50,000 entries holds 2.1 million scores: loading them is most of a ranking's time,
// so the loaded inputs stay cached per open project. Switching method re-ranks from the cache;
// after scores change (a review saved or submitted, a score file imported) only the entries
// whose reviews changed are read again; any other write, or a write by another process, loads
// the round again from scratch.
import type { RubricVersion } from '../../core/domain';
import {
  ReviewColumnsBuilder,
  replaceEntries,
  rubricSlots,
  unknownEntry,
  type RankableEntry,
  type ReviewColumns,
} from '../../core/scoring';
import type { DataVersion } from '../../store/change-log';
import type { ProjectStore } from '../../store/project-store';
import type { RankedEntryRow, RoundRecord } from '../../store/repos/rounds';

export interface RoundInputs {
  roundId: number;
  /** The data these inputs were read at. */
  version: DataVersion;
  /** The round's entries by entry id; the columns index them in this order. */
  entries: RankedEntryRow[];
  /** Rubric versions by rubric row id. */
  rubrics: Map<number, RubricVersion>;
  rankable: RankableEntry[];
  columns: ReviewColumns;
  /** Entry index by entry row id (-1: not in the round). */
  entryIndex: Int32Array;
  /** Reviewer index (into columns.reviewerIds) by reviewer row id. */
  reviewerIndex: Map<number, number>;
}

/**
 * Writes after which the cached inputs stay valid once the changed entries' reviews are read
 * again: score writes (every one also logs its review, see store/change-log.ts) and writes
 * that touch no input of a ranking (a round's status is read on every ranking). Anything else
 * reloads.
 */
const PATCHABLE_ACTIONS: ReadonlySet<string> = new Set([
  'review.save',
  'review.submit',
  'scores.import',
  'round.start',
  'export.ranking',
  'shortlist.create',
  'shortlist.finalise',
  'shortlist.delete',
]);

const cache = new WeakMap<ProjectStore, RoundInputs>();

export function sameVersion(a: DataVersion, b: DataVersion): boolean {
  return a.audit === b.audit && a.external === b.external && a.reviews === b.reviews;
}

/** The data version of the open project now (compare with RoundInputs.version). */
export function dataVersion(store: ProjectStore): DataVersion {
  return store.changes.version();
}

/** The round's inputs as the project holds them now: cached, patched, or loaded. */
export function roundInputs(store: ProjectStore, round: RoundRecord): RoundInputs {
  // One read transaction: the version and the rows read are of the same snapshot.
  return store.readSnapshot(() => {
    const log = store.changes;
    const version = log.version();
    const cached = cache.get(store);
    let inputs: RoundInputs;
    if (cached?.roundId === round.id && sameVersion(cached.version, version)) {
      return cached;
    } else if (
      cached?.roundId === round.id &&
      cached.version.external === version.external &&
      log.actionsSince(cached.version).every((action) => PATCHABLE_ACTIONS.has(action))
    ) {
      inputs = patch(store, cached, log.changedEntries(round.id, cached.version, version), version);
    } else {
      inputs = load(store, round, version);
    }
    cache.set(store, inputs);
    log.forget(version);
    return inputs;
  });
}

function load(store: ProjectStore, round: RoundRecord, version: DataVersion): RoundInputs {
  const entries = store.rounds.rankedEntries(round.id);
  const rubrics = new Map<number, RubricVersion>();
  const rankable = entries.map((entry) => {
    let rubric = rubrics.get(entry.rubric_id);
    if (!rubric) {
      rubric = store.rubrics.require(entry.rubric_id);
      rubrics.set(entry.rubric_id, rubric);
    }
    return { entryKey: entry.entry_id, sector: entry.sector, rubric };
  });
  const entryIndex = new Int32Array(
    entries.reduce((max, entry) => Math.max(max, entry.id), 0) + 1,
  ).fill(-1);
  entries.forEach((entry, e) => (entryIndex[entry.id] = e));
  const reviewers = store.reviewers.list();
  const reviewerIndex = new Map(reviewers.map((reviewer, r) => [reviewer.id, r]));
  const inputs = {
    roundId: round.id,
    version,
    entries,
    rubrics,
    rankable,
    entryIndex,
    reviewerIndex,
  };
  const reviewerIds = reviewers.map((reviewer) => reviewer.external_id);
  return { ...inputs, columns: readColumns(store, inputs, reviewerIds, null) };
}

function patch(
  store: ProjectStore,
  cached: RoundInputs,
  changed: number[],
  version: DataVersion,
): RoundInputs {
  if (changed.length === 0) return { ...cached, version };
  const fresh = readColumns(store, cached, cached.columns.reviewerIds, changed);
  const affected = new Set(changed.map((id) => cached.entryIndex[id] ?? -1));
  affected.delete(-1); // a review of an entry outside the round is caught by readColumns
  return { ...cached, version, columns: replaceEntries(cached.columns, affected, fresh) };
}

/** The submitted reviews of the round (of `only` these entry row ids, if given) in columns. */
function readColumns(
  store: ProjectStore,
  inputs: Omit<RoundInputs, 'columns' | 'version'>,
  reviewerIds: readonly string[],
  only: number[] | null,
): ReviewColumns {
  const { roundId, rankable, entryIndex, reviewerIndex } = inputs;
  const builder = new ReviewColumnsBuilder(
    rankable,
    rubricSlots(rankable),
    reviewerIds,
    store.reviews.countSubmittedOf(roundId, only),
    // Reviews are numbered by their row ids.
    store.reviews.maxId() + 1,
  );
  // Rows come grouped by review: resolve the entry and reviewer only when they change.
  let lastEntry = Number.NaN;
  let lastReviewer = Number.NaN;
  let e = -1;
  let r = -1;
  const resolve = (entryId: number, reviewerId: number) => {
    if (entryId === lastEntry && reviewerId === lastReviewer) return;
    e = entryIndex[entryId] ?? -1;
    const reviewer = reviewerIndex.get(reviewerId);
    if (reviewer === undefined) throw new Error(`reviewer row ${reviewerId} missing`);
    r = reviewer;
    if (e < 0) {
      throw unknownEntry(
        store.entries.get(entryId)?.external_id ?? `#${entryId}`,
        reviewerIds[r] ?? '',
      );
    }
    lastEntry = entryId;
    lastReviewer = reviewerId;
  };
  store.reviews.visitSubmitted(
    roundId,
    only,
    (review, entryId, reviewerId, key, points) => {
      resolve(entryId, reviewerId);
      builder.score(review, e, r, key, points);
    },
    (review, entryId, reviewerId, key, passed) => {
      resolve(entryId, reviewerId);
      builder.gate(review, e, r, key, passed === 1);
    },
  );
  return builder.finish();
}
