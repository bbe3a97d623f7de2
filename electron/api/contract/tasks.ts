// Long operations (tasks): their progress and cancelling them.
// One domain of the contract (contract.ts combines them): Node-free, like all of it.
import { z } from 'zod';
import { taskId, op } from './shared';

/** A step of a long operation, as tasks.progress reports it. */
export type TaskPhase =
  | 'start'
  | 'read'
  | 'rank'
  | 'layout'
  | 'print'
  | 'write'
  // Conflict detection matching names, and the assignment solve.
  | 'match'
  | 'solve';

export interface TaskProgress {
  phase: TaskPhase;
  /** Work done of `total`, counted in `unit`; `total` is null while unknown. */
  done: number;
  total: number | null;
  /** Bytes of the file (CSV) or rows (XLSX, JSON); null before reading starts. */
  unit: 'bytes' | 'rows' | null;
  /** Data rows read so far (imports), or null. */
  rows: number | null;
  /** The operation has returned; its own Result tells how. */
  finished: boolean;
}

export const taskOperations = {
  /** The last progress of a task named by `task_id`, or null for a task unknown (or long gone). */
  'tasks.progress': op<TaskProgress | null>('read')(z.object({ task_id: taskId })),
  /** Asks a running task to stop; false when no such task is running. */
  'tasks.cancel': op<boolean>('read')(z.object({ task_id: taskId })),
} as const;
