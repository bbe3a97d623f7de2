// Importing a scores CSV (CLI.md: entry_id,reviewer_id,criterion,score[,comment]; gate rows are
// `gate:<key>` with pass/fail). Rows merge into the reviews they name; a review that becomes
// complete is submitted. Bad rows are rejected one by one with their row number.
import { basename } from 'node:path';
import type { RowRejection, RubricVersion } from '../core/domain';
import { SailError } from '../core/errors';
import { isReviewComplete } from '../core/review';
import { scoreProblem } from '../core/rubric';
import type { ProjectStore } from '../store/project-store';
import type { ReviewContent } from '../store/repos/reviews';
import type { RoundRecord } from '../store/repos/rounds';
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

interface PendingReview {
  entryId: number;
  reviewerId: number;
  rubric: RubricVersion;
  content: ReviewContent;
  comments: string[];
}

/**
 * A locked round refuses every score change, saying who can reopen it. Experts read this in the
 * window too, so it names no command: the CLI adds its own.
 */
export function assertRoundOpen(round: RoundRecord): void {
  if (round.status === 'locked') {
    throw new SailError(
      'round_locked',
      `评审批次“${round.name}”已锁定，评分不能修改。如需修改，请联系主办方在“评审批次”页面重新开放本批次（须填写原因）。`,
      `Round "${round.name}" is locked; scores cannot change. To change them, ask the organiser to reopen the round on the Rounds page (with a reason).`,
    );
  }
}

/**
 * Inside a transaction that writes scores: checks the round as stored now (it may have been
 * locked while a file was read) and moves a round still in setup to scoring, audited as an
 * automatic start, so `round create` then `scores import` works as organisers script it.
 */
export function openRoundForScores(store: ProjectStore, round: RoundRecord, via: string): void {
  const current = store.rounds.byId(round.id) ?? round;
  assertRoundOpen(current);
  if (current.status !== 'setup') return;
  store.write(
    {
      action: 'round.start',
      subject: round.uuid,
      payload: { name: round.name, from: 'setup', to: 'scoring', automatic: true, via },
    },
    () => store.rounds.setStatus(round.id, 'scoring'),
  );
}

export async function importScores(
  store: ProjectStore,
  round: RoundRecord,
  path: string,
  fileName: string | undefined,
  control: TaskControl = {},
): Promise<ImportScoresResult> {
  assertRoundOpen(round);
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
  const pending = new Map<string, PendingReview>();
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
    let review = pending.get(key);
    if (!review) {
      const existing = store.reviews.get(round.id, entry.id, reviewer.id);
      review = {
        entryId: entry.id,
        reviewerId: reviewer.id,
        rubric,
        content: {
          scores: new Map(existing?.scores),
          gates: new Map(existing?.gates),
          comment: existing?.comment ?? '',
        },
        comments: [],
      };
      pending.set(key, review);
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
      review.content.gates.set(gateKey, answer === 'pass');
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
      const points = Number(rawScore);
      const problem =
        rawScore === ''
          ? { zh: '缺少分数', en: 'score is missing' }
          : scoreProblem(points, spec.max);
      if (problem) {
        reject(
          'score',
          `${spec.name_zh}：${problem.zh}（“${rawScore}”）`,
          `${spec.key}: ${problem.en} ("${rawScore}")`,
        );
        continue;
      }
      review.content.scores.set(criterion, points);
    }
    firstRow.set(slot, row);
    const comment = commentIndex >= 0 ? cell(commentIndex) : '';
    if (comment && !review.comments.includes(comment)) review.comments.push(comment);
  }

  let submitted = 0;
  const now = new Date().toISOString();
  steps.check();
  steps.writing(0, pending.size);
  store.write(
    {
      action: 'scores.import',
      subject: `${round.uuid}:${fileName ?? basename(path)}`,
      payload: { round: round.name, rows, reviews: pending.size, rejected: rejected.length },
    },
    () => {
      if (pending.size > 0) openRoundForScores(store, round, 'scores.import');
      for (const review of pending.values()) {
        if (review.comments.length > 0) review.content.comment = review.comments.join('\n');
        const complete = isReviewComplete(review.rubric, review.content);
        if (complete) submitted += 1;
        store.reviews.put(
          {
            round_id: round.id,
            entry_id: review.entryId,
            reviewer_id: review.reviewerId,
            rubric_id: review.rubric.id,
          },
          review.content,
          complete ? 'submitted' : 'draft',
          now,
        );
      }
    },
  );
  steps.writing(pending.size, pending.size);
  return { rows, reviews: pending.size, submitted, incomplete: pending.size - submitted, rejected };
}
