// Assignment (分配): which reviewers review which entries of a round. Solved exactly (min-cost
// flow), checked for feasibility first, changed by hand with conflicts shown, locked.
// One domain of the contract (contract.ts combines them): Node-free, like all of it.
import { z } from 'zod';
import type { SectorFeasibility } from '../../core/assignment/feasibility';
import { nonEmpty, roundRef, taskId, op } from './shared';

export type { SectorFeasibility };

/** An entry that cannot get its K reviewers, and why (CLI.md's `unassigned`). */
export interface Shortfall {
  entry_id: string;
  sector: string | null;
  /** Reviewers of the panel who may review it (no conflict, not already on it). */
  eligible: number;
  missing: number;
  reason_zh: string;
  reason_en: string;
}

export interface AssignmentPlan {
  round: string;
  per_entry: number;
  panel: number;
  entries: number;
  /** Review slots already filled (kept) and still to fill. */
  kept: number;
  to_fill: number;
  sectors: SectorFeasibility[];
  shortfalls: Shortfall[];
}

export interface AssignmentRun {
  /** The pairs this run added (CLI.md's `assignments`). */
  assignments: { entry_id: string; reviewer_id: string }[];
  /** CLI.md's `unassigned`: each entry left short, with the reason. */
  unassigned: { entry_id: string; reason_zh: string; reason_en: string }[];
  kept: number;
  /** Assignments per panel member after the run. */
  load: { min: number; max: number; spread: number };
  /** Share of the round's entries with a sector expert among their reviewers (0–1). */
  sector_expert_share: number;
  seconds: number;
}

export interface AssignedReviewer {
  reviewer_id: string;
  name: string;
  locked: boolean;
  /** auto: by `assign`; manual: by the organiser; score: created by a scores import. */
  source: 'auto' | 'manual' | 'score';
  /** The reason recorded when a conflict was overridden, else null. */
  override_reason: string | null;
  review: 'none' | 'draft' | 'submitted';
}

export interface EntryAssignment {
  entry_id: string;
  title: string;
  sector: string | null;
  reviewers: AssignedReviewer[];
}

export const assignmentOperations = {
  'assignments.plan': op<AssignmentPlan>('read')(
    roundRef.extend({ per_entry: z.number().int().min(1).max(20) }),
  ),
  /**
   * Fills every entry's missing slots up to K, keeping existing assignments and reviews; with
   * `redo`, unlocked assignments without a review are solved again as well.
   */
  'assignments.run': op<AssignmentRun>('task')(
    roundRef.extend({
      per_entry: z.number().int().min(1).max(20),
      seed: z
        .number()
        .int()
        .min(0)
        .max(2 ** 31 - 1)
        .default(1),
      redo: z.boolean().default(false),
      task_id: taskId.optional(),
    }),
  ),
  'assignments.list': op<EntryAssignment[]>('read')(
    roundRef.extend({ reviewer_id: nonEmpty.optional() }),
  ),
  /**
   * Adds and/or removes one reviewer on an entry (both: a swap). A reviewer with a conflict
   * (potential or confirmed) is refused unless `override_reason` is given, which is recorded.
   */
  'assignments.change': op<EntryAssignment>('write')(
    roundRef.extend({
      entry_id: nonEmpty,
      add: nonEmpty.optional(),
      remove: nonEmpty.optional(),
      override_reason: z.string().trim().min(1).max(500).optional(),
    }),
  ),
  /** Locks (or unlocks) the assignments of these entries, so that a re-run keeps them. */
  'assignments.lock': op<{ changed: number }>('write')(
    roundRef.extend({ entry_ids: z.array(nonEmpty).min(1).max(50000), locked: z.boolean() }),
  ),
} as const;
