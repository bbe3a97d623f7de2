// The history of one review, from the audit trail: who wrote it, when, by which way (the review
// form of a window or the expert desk, a score file, a score packet, a recusal) and what changed,
// old → new.
// Each event keeps the whole review as it wrote it, so each change is the difference from the
// event before.
import type { ProjectStore } from '../../store/project-store';
import type { ReviewChange, ReviewHistoryItem } from '../contract';
import { requireRound } from './rounds';
import { requireReviewer } from './scoring';

interface Content {
  status?: 'draft' | 'submitted';
  scores?: Record<string, number>;
  gates?: Record<string, boolean>;
  comment?: string;
}

const SOURCES: Record<string, ReviewHistoryItem['source']> = {
  'review.save': 'form',
  'review.submit': 'form',
  'review.reopen': 'form',
  'review.recuse': 'form',
  'scores.import': 'import',
  'packet.merge': 'packet',
  'packet.resolve': 'packet',
};

/** The review as an event left it: a recusal removes it (its draft is kept as `draft`). */
function contentOf(action: string, payload: Record<string, unknown>): Content {
  if (action === 'review.recuse') return {};
  return payload;
}

function changesBetween(before: Content, after: Content): ReviewChange[] {
  const changes: ReviewChange[] = [];
  const compare = (field: string, old: ReviewChange['old'], now: ReviewChange['new']) => {
    if (old !== now) changes.push({ field, old, new: now });
  };
  compare('status', before.status ?? null, after.status ?? null);
  for (const key of new Set([
    ...Object.keys(before.scores ?? {}),
    ...Object.keys(after.scores ?? {}),
  ])) {
    compare(`score:${key}`, before.scores?.[key] ?? null, after.scores?.[key] ?? null);
  }
  for (const key of new Set([
    ...Object.keys(before.gates ?? {}),
    ...Object.keys(after.gates ?? {}),
  ])) {
    compare(`gate:${key}`, before.gates?.[key] ?? null, after.gates?.[key] ?? null);
  }
  // No comment and an empty one read the same.
  compare('comment', before.comment || null, after.comment || null);
  return changes;
}

/** The review's history, oldest first (entry: the entry's row id, as the review form has it). */
export function reviewHistory(
  store: ProjectStore,
  roundName: string,
  reviewerId: string,
  entryId: number,
): ReviewHistoryItem[] {
  return store.readSnapshot(() => {
    const round = requireRound(store, roundName);
    const reviewer = requireReviewer(store, reviewerId);
    let before: Content = {};
    return store.reviewHistory.of(round.uuid, entryId, reviewer).map((event) => {
      const payload = JSON.parse(event.payload_json) as Record<string, unknown>;
      const after = contentOf(event.action, payload);
      const item: ReviewHistoryItem = {
        seq: event.seq,
        at: event.at,
        actor: event.actor,
        action: event.action,
        source: SOURCES[event.action] ?? 'other',
        reason: typeof payload.reason === 'string' ? payload.reason : null,
        changes: changesBetween(before, after),
      };
      before = after;
      return item;
    });
  });
}
