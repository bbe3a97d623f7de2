// Importing a scores CSV (CLI.md: entry_id,reviewer_id,criterion,score[,comment]; gate rows are
// `gate:<key>` with pass/fail). Rows merge into the reviews they name; a review that becomes
// complete is submitted. Bad rows are rejected one by one with their row number.
import { basename } from 'node:path';
import type { RowRejection, RubricVersion } from '../core/domain';
import { SailError } from '../core/errors';
import { isReviewComplete } from '../core/review';
import { assertCanScore, scoresStartRound } from '../core/round-lifecycle';
import { readScore } from '../core/rubric';
import type { ProjectStore } from '../store/project-store';
import type { ReviewContent } from '../store/repos/reviews';
import type { RoundRecord } from '../store/repos/rounds';
import { allRowsRejected, noDataRows } from './import-refusals';
import type { TaskControl } from './import-types';
import { openTable } from './table';
import { ImportSteps } from './task-steps';

export interface ImportScoresResult {
  rows: number;
  reviews: number;
  submitted: number;
  incomplete: number;
  rejected: RowRejection[];
}

const COLUMNS = ['entry_id', 'reviewer_id', 'criterion', 'score'] as const;

/**
 * What the file gives for one review: merged into the review as stored when the write starts,
 * so a review changed meanwhile (another import, the window) keeps every score the file leaves
 * alone.
 */
interface PendingReview {
  entryId: number;
  reviewerId: number;
  rubric: RubricVersion;
  scores: Map<string, number>;
  gates: Map<string, boolean>;
  comments: string[];
}

/**
 * Inside a transaction that writes scores: checks the round as stored now (it may have been
 * locked while a file was read) and moves a round still in setup to scoring, audited as an
 * automatic start, so `round create` then `scores import` works as organisers script it.
 */
export function openRoundForScores(store: ProjectStore, round: RoundRecord, via: string): void {
  const current = store.rounds.byId(round.id) ?? round;
  assertCanScore(current);
  if (!scoresStartRound(current.status)) return;
  store.write(
    {
      action: 'round.start',
      subject: round.uuid,
      payload: { name: round.name, from: 'setup', to: 'scoring', automatic: true, via },
    },
    () => store.rounds.setStatus(round.id, 'scoring'),
  );
}

/**
 * Inside the write: the entry is still scored with the rubric version its rows were checked
 * against (a round in setup can move its pins while the file is read).
 */
function assertScoredWith(store: ProjectStore, round: RoundRecord, review: PendingReview): void {
  if (store.rounds.rubricOf(round.id, review.entryId) === review.rubric.id) return;
  throw new SailError(
    'round_changed',
    `读取文件期间，评审批次“${round.name}”更换了评分细则版本，未写入任何内容。请重新导入该文件。`,
    `Round "${round.name}" changed its rubric versions while the file was read; nothing was written. Import the file again.`,
  );
}

/**
 * Inside the write: a score for a pair not yet assigned creates its assignment (source 'score'),
 * unless a conflict found while the file was read now stands in the way.
 */
function assertAssignable(
  store: ProjectStore,
  round: RoundRecord,
  review: PendingReview,
  now: string,
): void {
  if (store.assignments.get(round.id, review.entryId, review.reviewerId)) return;
  const conflict = store.conflicts.get(review.reviewerId, review.entryId);
  if (conflict && conflict.status !== 'dismissed') {
    throw new SailError(
      'round_changed',
      `读取文件期间，主办方记录了新的回避关系（${conflict.reason_zh}），未写入任何内容。请重新导入该文件。`,
      `A conflict of interest was recorded while the file was read (${conflict.reason_en}); nothing was written. Import the file again.`,
    );
  }
  store.assignments.insert({
    round_id: round.id,
    entry_id: review.entryId,
    reviewer_id: review.reviewerId,
    locked: 0,
    source: 'score',
    override_reason: null,
    created_at: now,
  });
}

export async function importScores(
  store: ProjectStore,
  round: RoundRecord,
  path: string,
  fileName: string | undefined,
  control: TaskControl = {},
): Promise<ImportScoresResult> {
  // Refused at once too, before the file is read.
  assertCanScore(round);
  // The user's name of the file (an upload's own name), in every message and record.
  const shown = fileName ?? basename(path);
  const steps = new ImportSteps(control);
  const table = await steps.open((options) =>
    openTable(path, { encoding: 'auto', fileName, ...options }),
  );
  const index = Object.fromEntries(
    COLUMNS.map((column) => [
      column,
      table.headers.findIndex((h) => h.trim().toLowerCase() === column),
    ]),
  ) as Record<(typeof COLUMNS)[number], number>;
  const commentIndex = table.headers.findIndex((h) => h.trim().toLowerCase() === 'comment');
  const missing = COLUMNS.filter((column) => index[column] < 0);
  if (missing.length > 0) {
    throw new SailError(
      'missing_columns',
      `评分文件缺少列：${missing.join('、')}（应为 entry_id,reviewer_id,criterion,score[,comment]）`,
      `The scores file lacks columns: ${missing.join(', ')} (expected entry_id,reviewer_id,criterion,score[,comment])`,
    );
  }

  const entries = new Map(store.rounds.entries(round.id).map((entry) => [entry.entry_id, entry]));
  const rubrics = new Map<number, RubricVersion>();
  const rubricOf = (id: number): RubricVersion => {
    let rubric = rubrics.get(id);
    if (!rubric) {
      rubric = store.rubrics.require(id);
      rubrics.set(id, rubric);
    }
    return rubric;
  };
  const reviewers = new Map(
    store.reviewers.list().map((reviewer) => [reviewer.external_id, reviewer]),
  );
  // Conflicts that bar the pair (potential or confirmed), unless the organiser assigned it anyway
  // with a recorded reason.
  const overridden = new Set(
    store.assignments
      .forRound(round.id)
      .filter((a) => a.override_reason !== null)
      .map((a) => `${a.entry_id}\u0000${a.reviewer_id}`),
  );
  const barred = new Map(
    store.conflicts
      .barring(round.id)
      .map((c) => [
        `${c.entry_id}\u0000${c.reviewer_id}`,
        store.conflicts.get(c.reviewer_id, c.entry_id),
      ]),
  );
  const pending = new Map<string, PendingReview>();
  /** A review enters the import with its first accepted row: a rejected one leaves no trace. */
  const reviewOf = (
    key: string,
    entryId: number,
    reviewerId: number,
    rubric: RubricVersion,
  ): PendingReview => {
    let review = pending.get(key);
    if (!review) {
      review = { entryId, reviewerId, rubric, scores: new Map(), gates: new Map(), comments: [] };
      pending.set(key, review);
    }
    return review;
  };
  const firstRow = new Map<string, number>();
  const rejected: RowRejection[] = [];
  let rows = 0;

  for await (const { row, values } of steps.rows(table)) {
    if (values.every((value) => value.trim() === '')) continue;
    rows += 1;
    const cell = (i: number) => (values[i] ?? '').trim();
    const reject = (column: string, zh: string, en: string) =>
      rejected.push({ row, column, reason_zh: zh, reason_en: en });
    const entryKey = cell(index.entry_id);
    const reviewerKey = cell(index.reviewer_id);
    const criterion = cell(index.criterion);
    const rawScore = cell(index.score);

    const entry = entries.get(entryKey);
    if (!entry) {
      reject(
        'entry_id',
        `项目 ${entryKey} 不在评审批次“${round.name}”中`,
        `entry ${entryKey} is not in round "${round.name}"`,
      );
      continue;
    }
    const reviewer = reviewers.get(reviewerKey);
    if (!reviewer) {
      reject(
        'reviewer_id',
        `专家 ${reviewerKey} 不在专家名单中`,
        `reviewer ${reviewerKey} is not in the expert list`,
      );
      continue;
    }
    const rubric = rubricOf(entry.rubric_id);
    const key = `${entry.id}\u0000${reviewer.id}`;
    const conflict = overridden.has(key) ? undefined : barred.get(key);
    if (conflict) {
      reject(
        'reviewer_id',
        `专家 ${reviewerKey} 与项目 ${entryKey} 存在回避关系（${conflict.reason_zh}），不能评分`,
        `reviewer ${reviewerKey} has a conflict with entry ${entryKey} (${conflict.reason_en}) and may not score it`,
      );
      continue;
    }
    const slot = `${key}\u0000${criterion}`;
    const previous = firstRow.get(slot);
    if (previous !== undefined) {
      reject(
        'criterion',
        `与第 ${previous} 行重复（同一专家、项目和评分项）`,
        `repeats row ${previous} (same reviewer, entry and criterion)`,
      );
      continue;
    }

    if (criterion.startsWith('gate:')) {
      const gateKey = criterion.slice('gate:'.length);
      if (!rubric.gates.some((gate) => gate.key === gateKey)) {
        reject('criterion', `评分细则没有门槛项 ${gateKey}`, `the rubric has no gate ${gateKey}`);
        continue;
      }
      const answer = rawScore.toLowerCase();
      if (answer !== 'pass' && answer !== 'fail') {
        reject(
          'score',
          `门槛项的答案须为 pass 或 fail，而不是“${rawScore}”`,
          `a gate answer must be pass or fail, not "${rawScore}"`,
        );
        continue;
      }
      reviewOf(key, entry.id, reviewer.id, rubric).gates.set(gateKey, answer === 'pass');
    } else {
      const spec = rubric.criteria.find((c) => c.key === criterion);
      if (!spec) {
        reject(
          'criterion',
          `评分细则没有评分项 ${criterion}`,
          `the rubric has no criterion ${criterion}`,
        );
        continue;
      }
      const score = readScore(rawScore, spec.max);
      if (!('points' in score)) {
        reject(
          'score',
          `${spec.name_zh}：${score.zh}（“${rawScore}”）`,
          `${spec.key}: ${score.en} ("${rawScore}")`,
        );
        continue;
      }
      reviewOf(key, entry.id, reviewer.id, rubric).scores.set(criterion, score.points);
    }
    firstRow.set(slot, row);
    const comment = commentIndex >= 0 ? cell(commentIndex) : '';
    const { comments } = reviewOf(key, entry.id, reviewer.id, rubric);
    if (comment && !comments.includes(comment)) comments.push(comment);
  }
  if (rows === 0) throw noDataRows(shown);
  if (pending.size === 0) throw allRowsRejected(shown, rejected);

  let submitted = 0;
  const now = new Date().toISOString();
  steps.check();
  steps.writing(0, pending.size);
  // What each review became, by `entry row id/reviewer row id`: filled by the change below, read
  // when the event is appended after it (the review's history, scoring.history, reads it back).
  const written: Record<string, unknown> = {};
  store.write(
    {
      action: 'scores.import',
      subject: `${round.uuid}:${shown}`,
      payload: {
        round: round.name,
        rows,
        reviews: pending.size,
        rejected: rejected.length,
        written,
      },
    },
    () => {
      openRoundForScores(store, round, 'scores.import');
      for (const review of pending.values()) {
        assertScoredWith(store, round, review);
        assertAssignable(store, round, review, now);
        const stored = store.reviews.get(round.id, review.entryId, review.reviewerId);
        const content: ReviewContent = {
          scores: new Map([...(stored?.scores ?? []), ...review.scores]),
          gates: new Map([...(stored?.gates ?? []), ...review.gates]),
          comment:
            review.comments.length > 0 ? review.comments.join('\n') : (stored?.comment ?? ''),
        };
        const complete = isReviewComplete(review.rubric, content);
        if (complete) submitted += 1;
        written[`${review.entryId}/${review.reviewerId}`] = {
          status: complete ? 'submitted' : 'draft',
          scores: Object.fromEntries(content.scores),
          gates: Object.fromEntries(content.gates),
          comment: content.comment,
        };
        store.reviews.put(
          {
            round_id: round.id,
            entry_id: review.entryId,
            reviewer_id: review.reviewerId,
            rubric_id: review.rubric.id,
          },
          content,
          complete ? 'submitted' : 'draft',
          now,
        );
      }
    },
  );
  steps.writing(pending.size, pending.size);
  return { rows, reviews: pending.size, submitted, incomplete: pending.size - submitted, rejected };
}
