// Conflicts of interest (回避) between reviewers and entries: declared and detected, each with
// its reason in both languages and the organiser's decision.
// One domain of the contract (contract.ts combines them): Node-free, like all of it.
import { z } from 'zod';
import { nonEmpty, taskId, op } from './shared';

export const CONFLICT_SOURCES = ['declared', 'detected'] as const;
export type ConflictSource = (typeof CONFLICT_SOURCES)[number];
/** potential: found, not yet looked at; confirmed and dismissed: the organiser decided. */
export const CONFLICT_STATUSES = ['potential', 'confirmed', 'dismissed'] as const;
export type ConflictStatus = (typeof CONFLICT_STATUSES)[number];

/** One (reviewer, entry) pair, as CLI.md's `conflicts --json` prints it, with names for the window. */
export interface Conflict {
  reviewer_id: string;
  reviewer_name: string;
  entry_id: string;
  entry_title: string;
  source: ConflictSource;
  status: ConflictStatus;
  reason_zh: string;
  reason_en: string;
  /** The organiser's reason for the last decision (or for a conflict they added), if any. */
  decision_reason: string | null;
  decided_at: string | null;
}

export interface ConflictList {
  conflicts: Conflict[];
  /** When detection last ran over the whole project, or null if never. */
  detected_at: string | null;
  counts: Record<ConflictStatus, number>;
}

export interface ConflictDetection {
  reviewers: number;
  entries: number;
  /** Pairs found in this run, and how many of them were not known before. */
  found: number;
  added: number;
  /** Potential conflicts from earlier runs that no longer match (dropped; decisions are kept). */
  dropped: number;
  seconds: number;
}

const conflictFilter = z.object({
  /** Only the round's entries and panel. */
  round: nonEmpty.optional(),
  status: z.enum(CONFLICT_STATUSES).optional(),
  reviewer_id: nonEmpty.optional(),
  entry_id: nonEmpty.optional(),
});

export const conflictOperations = {
  /** Checks every reviewer against every entry (organisation names matched on normalised keys). */
  'conflicts.detect': op<ConflictDetection>('task')(z.object({ task_id: taskId.optional() })),
  'conflicts.list': op<ConflictList>('read')(conflictFilter),
  /** Confirms or dismisses a conflict (or sets it back to potential); recorded in the audit trail. */
  'conflicts.decide': op<Conflict>('write')(
    z.object({
      reviewer_id: nonEmpty,
      entry_id: nonEmpty,
      status: z.enum(CONFLICT_STATUSES),
      reason: z.string().trim().max(500).optional(),
    }),
  ),
  /** The organiser declares a conflict no name shows (a confirmed, declared pair). */
  'conflicts.add': op<Conflict>('write')(
    z.object({ reviewer_id: nonEmpty, entry_id: nonEmpty, reason: nonEmpty.max(500) }),
  ),
} as const;
