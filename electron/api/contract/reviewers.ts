// Reviewers (experts): import, list, add and edit, and a round's panel.
// One domain of the contract (contract.ts combines them): Node-free, like all of it.
import { z } from 'zod';
import { nonEmpty, readPath, roundRef, taskId, op } from './shared';
import type { ImportRejection } from './entries';

export interface Reviewer {
  id: number;
  reviewer_id: string;
  name: string;
  organisation: string | null;
  title: string | null;
  province: string | null;
  /** Sector keys of the reviewer's expertise (擅长领域); labels that name no sector kept as written. */
  sectors: string[];
  /** Declared 回避单位: organisations the reviewer must not review. */
  avoid_organisations: string[];
  phone: string | null;
  email: string | null;
}

export interface ReviewerImportSummary {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: ImportRejection[];
  dry_run: boolean;
  /** The reviewers as they would be (or were) written, first rows first (at most 50). */
  preview: Reviewer[];
}

/** One expert of the project as a round's panel sees them. */
export interface PanelMember extends Reviewer {
  in_panel: boolean;
  /** Assignments of this reviewer in the round. */
  assigned: number;
  submitted: number;
  /** Conflicts (回避) with the round's entries that bar an assignment (potential or confirmed). */
  conflicts: number;
}

export interface RoundPanel {
  round: string;
  /** True while the organiser has not narrowed the panel: every expert of the project takes part. */
  everyone: boolean;
  members: PanelMember[];
}

const optionalText = z
  .string()
  .trim()
  .max(200)
  .transform((text) => (text === '' ? null : text))
  .nullable()
  .optional();

export const reviewerInput = z.object({
  /** The row being edited (Reviewer.id); absent to add a reviewer. */
  id: z.number().int().positive().optional(),
  reviewer_id: nonEmpty.max(64),
  name: nonEmpty.max(100),
  organisation: optionalText,
  title: optionalText,
  province: optionalText,
  sectors: z.array(nonEmpty.max(100)).max(50).default([]),
  avoid_organisations: z.array(nonEmpty.max(200)).max(200).default([]),
  phone: optionalText,
  email: optionalText,
});

/** One expert's work in a round, as the progress board shows it. */
export interface ExpertProgress {
  reviewer_id: string;
  name: string;
  /** Entries in their queue: their assignments, or the whole round before any assignment. */
  assigned: number;
  submitted: number;
  draft: number;
  not_started: number;
  /** Reviews submitted in the last hour. */
  last_hour: number;
  /** Their usual minutes per review (breaks left out); null before two submissions. */
  minutes_per_review: number | null;
  /** At that pace, the minutes their queue still takes; null when unknown. */
  remaining_minutes: number | null;
  last_submitted_at: string | null;
}

/** An entry of an assigned round with fewer experts than most entries have. */
export interface ShortEntry {
  entry_id: string;
  title: string;
  sector: string | null;
  assigned: number;
  submitted: number;
  /** Experts with a confirmed conflict with it (recusals among them). */
  recused: number;
}

export interface PanelProgress {
  round: string;
  /** False before the round has any assignment: every expert's queue is the whole round. */
  assigned: boolean;
  /** The number of experts most entries were assigned (what a short entry lacks), or null. */
  per_entry: number | null;
  experts: ExpertProgress[];
  totals: { assigned: number; submitted: number; draft: number; not_started: number };
  /** The first SHORT_LISTED short entries, fewest experts first, and how many there are. */
  short: ShortEntry[];
  short_total: number;
}

export const reviewerOperations = {
  'reviewers.import': op<ReviewerImportSummary>('task')(
    z.object({
      path: readPath,
      file_name: z.string().optional(),
      dry_run: z.boolean().default(false),
      task_id: taskId.optional(),
    }),
  ),
  'reviewers.list': op<Reviewer[]>('read')(z.object({})),
  /** Adds a reviewer, or edits one (by id); a reviewer id already used by another is refused. */
  'reviewers.save': op<Reviewer>('write')(reviewerInput),
  'panel.get': op<RoundPanel>('read')(roundRef),
  /** The organiser's progress board: each expert's work in the round, and entries short of experts. */
  'panel.progress': op<PanelProgress>('read')(roundRef),
  /** Narrows the round's panel to these reviewer ids (an empty list: every expert again). */
  'panel.set': op<RoundPanel>('write')(
    roundRef.extend({ reviewer_ids: z.array(nonEmpty).max(5000) }),
  ),
} as const;
