// Scoring: a reviewer's queue and review form, saving and submitting reviews, score imports.
// One domain of the contract (contract.ts combines them): Node-free, like all of it.
import { z } from 'zod';
import type { EntryRow, ReviewStatus, RubricVersion } from '../../core/domain';
import { nonEmpty, readPath, roundRef, taskId, op } from './shared';
import type { EntryDetail, ImportRejection } from './entries';

const scoreValue = z.number().min(0).max(100).nullable();
const gateAnswer = z.enum(['pass', 'fail']).nullable();

export interface QueueItem {
  entry: EntryRow;
  status: ReviewStatus | 'new';
  total: number | null;
  /** Put off by the expert: listed after the others, in the order they were put off. */
  deferred: boolean;
}

export interface ReviewState {
  round: string;
  entry_id: number;
  reviewer_id: string;
  status: ReviewStatus | 'new';
  scores: Record<string, number | null>;
  gates: Record<string, 'pass' | 'fail' | null>;
  comment: string;
  total: number;
  complete: boolean;
  version: number;
  updated_at: string | null;
}

export interface ReviewForm {
  entry: EntryDetail;
  rubric: RubricVersion;
  review: ReviewState;
}

export interface ScoresImportSummary {
  rows: number;
  reviews: number;
  submitted: number;
  incomplete: number;
  rejected: ImportRejection[];
}

/** One field of a review an event changed: `status`, `score:<criterion>`, `gate:<key>`, `comment`. */
export interface ReviewChange {
  field: string;
  old: string | number | boolean | null;
  new: string | number | boolean | null;
}

/** One audit event that wrote a review. */
export interface ReviewHistoryItem {
  seq: number;
  at: string;
  /** Who wrote it: the expert (review form, desk) or the organiser (a score file). */
  actor: string;
  action: string;
  /**
   * form: a window's or the desk's review form; import: a score file; packet: the expert's score
   * packet (merged, or taken when a clash was settled); other: another way.
   */
  source: 'form' | 'import' | 'packet' | 'other';
  /** The reason given (reopening, recusal), or null. */
  reason: string | null;
  changes: ReviewChange[];
}

export const scoringOperations = {
  'scoring.queue': op<QueueItem[]>('read')(roundRef.extend({ reviewer: nonEmpty })),
  'scoring.get': op<ReviewForm>('read')(
    roundRef.extend({ reviewer: nonEmpty, entry: z.number().int().positive() }),
  ),
  /** The review's history from the audit trail, oldest first: who, when, how, old → new. */
  'scoring.history': op<ReviewHistoryItem[]>('read')(
    roundRef.extend({ reviewer: nonEmpty, entry: z.number().int().positive() }),
  ),
  'scoring.save': op<ReviewState>('write')(
    roundRef.extend({
      reviewer: nonEmpty,
      entry: z.number().int().positive(),
      scores: z.record(z.string(), scoreValue),
      gates: z.record(z.string(), gateAnswer).default({}),
      comment: z.string().max(20_000).default(''),
      /**
       * The review's version the form was showing (ReviewState.version, 0 before the first
       * save). Given, the save is refused (review_changed) when the stored review has moved on
       * since: another window or process saved it. The window always sends it.
       */
      base_version: z.number().int().min(0).optional(),
    }),
  ),
  'scoring.submit': op<ReviewState>('write')(
    roundRef.extend({ reviewer: nonEmpty, entry: z.number().int().positive() }),
  ),
  /** Makes a submitted review editable again (a draft); the reason is kept in the audit trail. */
  'scoring.reopen': op<ReviewState>('write')(
    roundRef.extend({
      reviewer: nonEmpty,
      entry: z.number().int().positive(),
      reason: z.string().trim().min(1).max(500),
    }),
  ),
  /**
   * The expert declares a conflict of interest (回避) with the entry, with the reason: the
   * conflict is recorded as confirmed, their assignment and any draft are removed (the slot goes
   * back to the organiser) and the entry leaves their queue. A submitted review is reopened first.
   */
  'scoring.recuse': op<null>('write')(
    roundRef.extend({
      reviewer: nonEmpty,
      entry: z.number().int().positive(),
      reason: z.string().trim().min(1).max(500),
    }),
  ),
  /** Puts the entry off to the end of the expert's queue (deferred), or back in its place. */
  'scoring.defer': op<null>('write')(
    roundRef.extend({
      reviewer: nonEmpty,
      entry: z.number().int().positive(),
      deferred: z.boolean(),
    }),
  ),
  'scores.import': op<ScoresImportSummary>('task')(
    roundRef.extend({
      path: readPath,
      file_name: z.string().optional(),
      task_id: taskId.optional(),
    }),
  ),
} as const;
