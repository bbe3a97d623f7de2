// Long operations (imports, exports) that a caller names with a `task_id`. The caller follows
// them with tasks.progress and stops them with tasks.cancel: plain operations, so the window
// (IPC) and the test host (HTTP) need no channel of their own. While a task reads its file it
// awaits I/O, which is when the event loop serves these calls.
import { SailError } from '../core/errors';
import type { TaskProgress } from './contract';
import type { OperationContext, Progress } from './dispatch';

/** How long the last progress of a finished task stays readable, for a poll that comes late. */
const KEEP_FINISHED_MS = 60_000;

interface Task {
  controller: AbortController;
  progress: TaskProgress;
  finishedAt: number | null;
}

export class TaskRegistry {
  private readonly tasks = new Map<string, Task>();

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Runs `work` as the task `id`, with a signal that fires on tasks.cancel or on the caller's
   * own signal, recording its progress and passing it on to the caller's. Without an id it is
   * a plain call.
   */
  async run<T>(
    id: string | undefined,
    context: OperationContext,
    work: (context: OperationContext) => Promise<T> | T,
  ): Promise<T> {
    if (id === undefined) return work(context);
    this.prune();
    if (this.tasks.get(id)?.finishedAt === null) {
      throw new SailError(
        'task_running',
        `任务 ${id} 正在进行中，请使用新的任务编号。`,
        `Task ${id} is already running; use a new task id.`,
      );
    }
    const controller = new AbortController();
    const task: Task = {
      controller,
      progress: { phase: 'start', done: 0, total: null, unit: null, rows: null, finished: false },
      finishedAt: null,
    };
    this.tasks.set(id, task);
    const signal = context.signal
      ? AbortSignal.any([context.signal, controller.signal])
      : controller.signal;
    const progress = (update: Progress) => {
      task.progress = {
        phase: update.phase ?? task.progress.phase,
        done: update.done,
        total: update.total,
        unit: update.unit ?? null,
        rows: update.rows ?? null,
        finished: false,
      };
      context.progress?.(update);
    };
    try {
      return await work({ caller: context.caller, signal, progress });
    } finally {
      task.finishedAt = this.now();
      task.progress = { ...task.progress, finished: true };
    }
  }

  progress(id: string): TaskProgress | null {
    this.prune();
    return this.tasks.get(id)?.progress ?? null;
  }

  /**
   * Fires the task's signal. True while the task runs: it then stops at its next check, unless it
   * is already past its point of no return (an export whose file is in place), and reports how
   * it ended in its own Result. False for an unknown or finished task.
   */
  cancel(id: string): boolean {
    const task = this.tasks.get(id);
    if (task?.finishedAt !== null) return false;
    task.controller.abort();
    return true;
  }

  private prune(): void {
    const cutoff = this.now() - KEEP_FINISHED_MS;
    for (const [id, task] of this.tasks) {
      if (task.finishedAt !== null && task.finishedAt < cutoff) this.tasks.delete(id);
    }
  }
}
