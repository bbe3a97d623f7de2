// The scoring desk: an expert's queue, the review form, autosave and submit.
import type { RubricVersion } from '../../core/domain';
import { SailError } from '../../core/errors';
import { isReviewComplete, reviewTotal } from '../../core/review';
import { assertCanScore } from '../../core/round-lifecycle';
import { scoreProblem } from '../../core/rubric';
import { openRoundForScores } from '../../io/import-scores';
import type { ProjectStore } from '../../store/project-store';
import type { ReviewContent } from '../../store/repos/reviews';
import type { ReviewerRecord } from '../../store/repos/reviewers';
import type { RoundRecord } from '../../store/repos/rounds';
import type { EntryDetail, QueueItem, ReviewForm, ReviewState } from '../contract';
import { entryDetail } from './entries';
import { requireRound } from './rounds';

export function requireReviewer(store: ProjectStore, reviewerId: string): ReviewerRecord {
  const reviewer = store.reviewers.byExternalId(reviewerId);
  if (!reviewer) {
    throw new SailError(
      'reviewer_not_found',
      `专家名单中没有编号为 ${reviewerId} 的专家。`,
      `No reviewer with id ${reviewerId} in the expert list.`,
    );
  }
  return reviewer;
}

interface ReviewContext {
  round: RoundRecord;
  reviewer: ReviewerRecord;
  entryId: number;
  rubric: RubricVersion;
}

function context(
  store: ProjectStore,
  roundName: string,
  reviewerId: string,
  entryId: number,
): ReviewContext {
  const round = requireRound(store, roundName);
  const reviewer = requireReviewer(store, reviewerId);
  const rubricId = store.rounds.rubricOf(round.id, entryId);
  if (rubricId === undefined) {
    throw new SailError(
      'entry_not_in_round',
      `该项目不在评审批次“${round.name}”中。`,
      `The entry is not part of round "${round.name}".`,
    );
  }
  // First: an expert who recused is told so, not that the entry is not theirs.
  if (barredByConflict(store, round.id, entryId, reviewer.id)) {
    throw new SailError(
      'conflict_of_interest',
      `专家 ${reviewer.external_id}（${reviewer.name}）与该项目存在已确认的回避关系，不能评审。`,
      `Reviewer ${reviewer.external_id} (${reviewer.name}) has a confirmed conflict of interest with this entry and cannot review it.`,
    );
  }
  // Once the round is assigned, a reviewer scores what they were given (or already reviewed).
  if (
    store.assignments.hasAny(round.id) &&
    !store.assignments.get(round.id, entryId, reviewer.id) &&
    !store.reviews.get(round.id, entryId, reviewer.id)
  ) {
    throw new SailError(
      'not_assigned',
      `该项目未分配给专家 ${reviewer.external_id}（${reviewer.name}）评审。`,
      `The entry is not assigned to reviewer ${reviewer.external_id} (${reviewer.name}).`,
    );
  }
  return { round, reviewer, entryId, rubric: store.rubrics.require(rubricId) };
}

/** A confirmed conflict (a recusal among them) bars the pair, unless the organiser overrode it. */
function barredByConflict(
  store: ProjectStore,
  roundId: number,
  entryId: number,
  reviewerId: number,
): boolean {
  return (
    store.conflicts.get(reviewerId, entryId)?.status === 'confirmed' &&
    !store.assignments.get(roundId, entryId, reviewerId)?.override_reason
  );
}

function state(ctx: ReviewContext, store: ProjectStore): ReviewState {
  const review = store.reviews.get(ctx.round.id, ctx.entryId, ctx.reviewer.id);
  const content: ReviewContent = review ?? { scores: new Map(), gates: new Map(), comment: '' };
  return {
    round: ctx.round.name,
    entry_id: ctx.entryId,
    reviewer_id: ctx.reviewer.external_id,
    status: review?.status ?? 'new',
    scores: Object.fromEntries(
      ctx.rubric.criteria.map((c) => [c.key, content.scores.get(c.key) ?? null]),
    ),
    gates: Object.fromEntries(
      ctx.rubric.gates.map((g) => {
        const passed = content.gates.get(g.key);
        return [g.key, passed === undefined ? null : passed ? 'pass' : 'fail'];
      }),
    ),
    comment: content.comment,
    total: reviewTotal(ctx.rubric, content),
    complete: isReviewComplete(ctx.rubric, content),
    version: review?.version ?? 0,
    updated_at: review?.updated_at ?? null,
  };
}

export function reviewQueue(
  store: ProjectStore,
  roundName: string,
  reviewerId: string,
): QueueItem[] {
  const round = requireRound(store, roundName);
  const reviewer = requireReviewer(store, reviewerId);
  const statuses = store.reviews.statusByEntry(round.id, reviewer.id);
  // An assigned round: the reviewer's own entries (and any they already reviewed), not all.
  const assigned = store.assignments.hasAny(round.id)
    ? store.assignments.entriesOf(round.id, reviewer.id)
    : null;
  const recused = store.conflicts.confirmedOf(reviewer.id);
  const deferred = store.deferrals.of(round.id, reviewer.id);
  const mine = store.rounds
    .entries(round.id)
    .filter((entry) => !assigned || assigned.has(entry.id) || statuses.has(entry.id))
    .filter(
      (entry) =>
        !recused.has(entry.id) || !barredByConflict(store, round.id, entry.id, reviewer.id),
    );
  const items = mine.map((entry): QueueItem => {
    const review = statuses.get(entry.id);
    const { rubric_id: _rubric, ...row } = entry;
    return {
      entry: row,
      status: review?.status ?? 'new',
      total: review ? review.total : null,
      deferred: deferred.has(entry.id),
    };
  });
  // Deferred entries last, in the order they were put off; the others keep the round's order.
  const putOff = (item: QueueItem) => deferred.get(item.entry.id) ?? '';
  return [
    ...items.filter((item) => !item.deferred),
    ...items.filter((item) => item.deferred).sort((a, b) => putOff(a).localeCompare(putOff(b))),
  ];
}

export function reviewForm(
  store: ProjectStore,
  roundName: string,
  reviewerId: string,
  entryId: number,
): ReviewForm {
  const ctx = context(store, roundName, reviewerId, entryId);
  const entry: EntryDetail = entryDetail(store, entryId);
  return { entry, rubric: ctx.rubric, review: state(ctx, store) };
}

export interface SaveReviewRequest {
  round: string;
  reviewer: string;
  entry: number;
  scores: Record<string, number | null>;
  gates: Record<string, 'pass' | 'fail' | null>;
  comment: string;
  base_version?: number;
}

/**
 * Autosave: stores whatever is filled in, as a draft. A submitted review is not changed (the
 * expert reopens it first, with a reason), and a save based on an older version than the one
 * stored is refused rather than overwriting what another window or process saved. Checked and
 * written in one transaction: the review as stored when it is written.
 */
export function saveReview(store: ProjectStore, request: SaveReviewRequest): ReviewState {
  return store.atomically(() => {
    const ctx = context(store, request.round, request.reviewer, request.entry);
    assertCanScore(ctx.round);
    const content: ReviewContent = {
      scores: new Map(),
      gates: new Map(),
      comment: request.comment,
    };
    const problems: string[][] = [];
    for (const [key, points] of Object.entries(request.scores)) {
      const criterion = ctx.rubric.criteria.find((c) => c.key === key);
      if (!criterion) {
        problems.push([`没有评分项 ${key}`, `no criterion ${key}`]);
        continue;
      }
      if (points === null) continue;
      const problem = scoreProblem(points, criterion.max);
      if (problem) {
        problems.push([
          `${criterion.name_zh}：${problem.zh}`,
          `${criterion.name_en}: ${problem.en}`,
        ]);
      } else content.scores.set(key, points);
    }
    for (const [key, answer] of Object.entries(request.gates)) {
      if (!ctx.rubric.gates.some((g) => g.key === key)) {
        problems.push([`没有门槛项 ${key}`, `no gate ${key}`]);
        continue;
      }
      if (answer !== null) content.gates.set(key, answer === 'pass');
    }
    if (problems.length > 0) {
      throw new SailError(
        'invalid_scores',
        `评分未保存：${problems.map((p) => p[0]).join('；')}`,
        `Scores not saved: ${problems.map((p) => p[1]).join('; ')}`,
      );
    }
    const previous = store.reviews.get(ctx.round.id, ctx.entryId, ctx.reviewer.id);
    const stored = previous?.version ?? 0;
    if (request.base_version !== undefined && request.base_version !== stored) {
      throw new SailError(
        'review_changed',
        `这份评分已在其他窗口或程序中修改（第 ${stored} 版，你看到的是第 ${request.base_version} 版），本次修改未保存。已显示最新内容，请核对后再修改。`,
        `This review was changed in another window or program (version ${stored}; you were looking at version ${request.base_version}). Your change was not saved; the newest version is shown: check it, then change it again.`,
      );
    }
    if (previous?.status === 'submitted') {
      throw new SailError(
        'review_submitted',
        '这份评分已提交，不能直接修改。如需修改，请先“重新打开”并填写原因。',
        'This review has been submitted and cannot be changed as it is. To change it, reopen it first and give the reason.',
      );
    }
    writeReview(store, ctx, content, 'draft', 'review.save');
    return state(ctx, store);
  });
}

/** Submits the review as stored when it is written, read in the same transaction. */
export function submitReview(
  store: ProjectStore,
  roundName: string,
  reviewerId: string,
  entryId: number,
): ReviewState {
  return store.atomically(() => {
    const ctx = context(store, roundName, reviewerId, entryId);
    assertCanScore(ctx.round);
    const review = store.reviews.get(ctx.round.id, ctx.entryId, ctx.reviewer.id);
    const content: ReviewContent = review ?? { scores: new Map(), gates: new Map(), comment: '' };
    if (!isReviewComplete(ctx.rubric, content)) {
      const missing = [
        ...ctx.rubric.criteria.filter((c) => !content.scores.has(c.key)),
        ...ctx.rubric.gates.filter((g) => !content.gates.has(g.key)),
      ];
      throw new SailError(
        'review_incomplete',
        `还不能提交：以下项目尚未评分——${missing.map((m) => m.name_zh).join('、')}`,
        `Cannot submit yet; not scored: ${missing.map((m) => m.name_en).join(', ')}`,
      );
    }
    writeReview(store, ctx, content, 'submitted', 'review.submit');
    return state(ctx, store);
  });
}

/** Makes a submitted review a draft again, recording why (the audit event keeps the reason). */
export function reopenReview(
  store: ProjectStore,
  request: { round: string; reviewer: string; entry: number; reason: string },
): ReviewState {
  return store.atomically(() => {
    const ctx = context(store, request.round, request.reviewer, request.entry);
    assertCanScore(ctx.round);
    const review = store.reviews.get(ctx.round.id, ctx.entryId, ctx.reviewer.id);
    if (review?.status !== 'submitted') {
      throw new SailError(
        'review_not_submitted',
        '这份评分尚未提交，可以直接修改，无需重新打开。',
        'This review has not been submitted: it can be changed as it is, without reopening.',
      );
    }
    writeReview(store, ctx, review, 'draft', 'review.reopen', { reason: request.reason });
    return state(ctx, store);
  });
}

function writeReview(
  store: ProjectStore,
  ctx: ReviewContext,
  content: ReviewContent,
  status: 'draft' | 'submitted',
  action: string,
  why: { reason: string } | Record<string, never> = {},
): void {
  store.write(
    {
      action,
      actor: ctx.reviewer.external_id,
      subject: `${ctx.round.uuid}/${ctx.entryId}/${ctx.reviewer.external_id}`,
      payload: {
        ...why,
        status,
        scores: Object.fromEntries(content.scores),
        gates: Object.fromEntries(content.gates),
        comment: content.comment,
      },
    },
    () => {
      openRoundForScores(store, ctx.round, action);
      store.reviews.put(
        {
          round_id: ctx.round.id,
          entry_id: ctx.entryId,
          reviewer_id: ctx.reviewer.id,
          rubric_id: ctx.rubric.id,
        },
        content,
        status,
        new Date().toISOString(),
      );
    },
  );
}

export interface QueueChangeRequest {
  round: string;
  reviewer: string;
  entry: number;
}

/**
 * The expert declares a conflict of interest with the entry: recorded as a confirmed, declared
 * conflict with their reason, their assignment and any draft removed (the slot is the
 * organiser's to fill again), in one write that keeps what was removed in its audit event.
 */
export function recuseFromEntry(
  store: ProjectStore,
  request: QueueChangeRequest & { reason: string },
): null {
  return store.atomically(() => {
    const ctx = context(store, request.round, request.reviewer, request.entry);
    assertCanScore(ctx.round);
    const pair = { round: ctx.round, entryId: ctx.entryId, reviewer: ctx.reviewer };
    if (store.reviews.get(ctx.round.id, ctx.entryId, ctx.reviewer.id)?.status === 'submitted') {
      throw new SailError(
        'review_submitted',
        '这份评分已提交。如需回避，请先“重新打开”并填写原因，再声明回避。',
        'This review has been submitted. To recuse, reopen it first (with the reason), then declare the conflict.',
      );
    }
    store.write(
      {
        action: 'review.recuse',
        actor: ctx.reviewer.external_id,
        subject: `${ctx.round.uuid}/${ctx.entryId}/${ctx.reviewer.external_id}`,
        payload: { reason: request.reason, ...recusalBefore(store, pair) },
      },
      () => recordRecusal(store, pair, request.reason, new Date().toISOString()),
    );
    return null;
  });
}

export interface RecusalPair {
  round: RoundRecord;
  entryId: number;
  reviewer: ReviewerRecord;
}

/** What a recusal of the pair changes, as its audit event keeps it (read before the write). */
export function recusalBefore(store: ProjectStore, pair: RecusalPair) {
  const { round, entryId, reviewer } = pair;
  const review = store.reviews.get(round.id, entryId, reviewer.id);
  const assignment = store.assignments.get(round.id, entryId, reviewer.id);
  return {
    conflict_before: store.conflicts.get(reviewer.id, entryId)?.status ?? null,
    assignment: assignment ? { source: assignment.source, locked: assignment.locked === 1 } : null,
    draft: review
      ? {
          scores: Object.fromEntries(review.scores),
          gates: Object.fromEntries(review.gates),
          comment: review.comment,
        }
      : null,
  };
}

/** True when a recusal of the pair would change nothing: it is recorded and fully applied. */
export function recusalApplied(store: ProjectStore, pair: RecusalPair): boolean {
  const { round, entryId, reviewer } = pair;
  return (
    store.conflicts.get(reviewer.id, entryId)?.status === 'confirmed' &&
    !store.assignments.get(round.id, entryId, reviewer.id) &&
    !store.reviews.get(round.id, entryId, reviewer.id)
  );
}

/**
 * A recusal's effects, inside the caller's write: the conflict confirmed as declared by the
 * expert with their reason; their assignment, review and deferral of the entry removed.
 */
export function recordRecusal(
  store: ProjectStore,
  pair: RecusalPair,
  reason: string,
  at: string,
): void {
  const { round, entryId, reviewer } = pair;
  store.conflicts.confirm(
    { reviewer_id: reviewer.id, entry_id: entryId },
    reason,
    { zh: `专家本人声明回避：${reason}`, en: `declared by the reviewer: ${reason}` },
    at,
  );
  if (store.assignments.get(round.id, entryId, reviewer.id)) {
    store.assignments.delete(round.id, entryId, reviewer.id);
  }
  const review = store.reviews.get(round.id, entryId, reviewer.id);
  if (review) store.reviews.delete(review.id);
  store.deferrals.restore(round.id, entryId, reviewer.id);
}

/** Puts an entry off to the end of the expert's queue, or back in its place. */
export function deferReview(
  store: ProjectStore,
  request: QueueChangeRequest & { deferred: boolean },
): null {
  return store.atomically(() => {
    const ctx = context(store, request.round, request.reviewer, request.entry);
    assertCanScore(ctx.round);
    const key = { round_id: ctx.round.id, entry_id: ctx.entryId, reviewer_id: ctx.reviewer.id };
    store.write(
      {
        action: 'review.defer',
        actor: ctx.reviewer.external_id,
        subject: `${ctx.round.uuid}/${ctx.entryId}/${ctx.reviewer.external_id}`,
        payload: { deferred: request.deferred },
      },
      () => {
        if (request.deferred) store.deferrals.defer(key, new Date().toISOString());
        else store.deferrals.restore(ctx.round.id, ctx.entryId, ctx.reviewer.id);
      },
    );
    return null;
  });
}
