// The one place that decides how operations run for a session's windows (the app's and the
// host's, in the session worker):
// reads at once; writes one after another; tasks report progress as events; the project is not
// opened, created or closed under a task or a write (the caller is told what runs and can wait
// or cancel it); every change is announced, so windows refresh on events instead of polling;
// and an operation slower than 100 ms is logged with its name and time.
import type { Words } from '../core/vocabulary';
import type { SessionEvent } from './channels';
import { OPERATION_KINDS, type OperationKind, type TaskProgress } from './contract';
import {
  dispatch,
  isOperationName,
  toUserMessage,
  type Handlers,
  type OperationContext,
} from './dispatch';
import {
  describeOperation,
  NOT_HOLDING_THE_PROJECT,
  projectBusy,
  type ProjectSwitch,
} from './in-flight';
import type { Result } from './result';

const SWITCH_OF: Partial<Record<string, ProjectSwitch>> = {
  'project.open': 'open',
  'project.create': 'create',
  'project.createSample': 'create',
  'project.close': 'close',
};

export interface RunningOperation {
  operation: string;
  kind: OperationKind;
  task_id: string | null;
  started_ms: number;
  /** What it is called for people, with its file; null when it does not hold the project. */
  holding: Words | null;
}

export interface DispatcherOptions {
  /** Operations slower than this are logged (ms). */
  slowMs?: number;
  log?: (line: string) => void;
  now?: () => number;
}

const SLOW_MS = 100;
/** A task's progress is announced at most this often (ms); its last step always is. */
const PROGRESS_EVERY_MS = 50;

const taskIdOf = (input: unknown): string | null => {
  const id = (input as { task_id?: unknown } | null)?.task_id;
  return typeof id === 'string' ? id : null;
};

export class Dispatcher {
  private writes: Promise<unknown> = Promise.resolve();
  private readonly running = new Map<number, RunningOperation>();
  private nextCall = 0;
  private readonly listeners = new Set<(event: SessionEvent) => void>();
  /** Each running task's last progress, so its final event carries where it got to. */
  private readonly lastProgress = new Map<string, TaskProgress>();
  /** When each running task's progress was last announced. */
  private readonly announced = new Map<string, number>();
  private readonly slowMs: number;
  private readonly log: (line: string) => void;
  private readonly now: () => number;

  constructor(
    private readonly handlers: Handlers,
    options: DispatcherOptions = {},
  ) {
    this.slowMs = options.slowMs ?? SLOW_MS;
    this.log = options.log ?? ((line) => console.warn(line));
    this.now = options.now ?? (() => performance.now());
  }

  /** Listens to the session's events; returns the function that stops listening. */
  subscribe(listener: (event: SessionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Operations under way that hold the open project (writes waiting their turn too), oldest first. */
  busy(): RunningOperation[] {
    return [...this.running.values()].filter((op) => op.holding !== null);
  }

  async call(name: string, input: unknown, context: OperationContext): Promise<Result<unknown>> {
    if (!isOperationName(name)) return dispatch(this.handlers, name, input, context);
    const kind = OPERATION_KINDS[name];
    if (kind === 'session') {
      const holding = this.busy().flatMap((op) => (op.holding ? [op.holding] : []));
      if (holding.length > 0) {
        return { ok: false, error: toUserMessage(projectBusy(holding, SWITCH_OF[name] ?? 'open')) };
      }
    }
    const id = this.nextCall++;
    const taskId = taskIdOf(input);
    this.running.set(id, {
      operation: name,
      kind,
      task_id: taskId,
      started_ms: this.now(),
      holding: NOT_HOLDING_THE_PROJECT.has(name) ? null : describeOperation(name, input),
    });
    const progress = taskId === null ? context.progress : this.reporter(name, taskId, context);
    const run = () =>
      this.timed(name, () => dispatch(this.handlers, name, input, { ...context, progress }));
    try {
      const result = kind === 'write' ? await this.serialised(run) : await run();
      if (result.ok && kind !== 'read') {
        this.emit({ type: 'changed', operation: name, area: name.split('.')[0] ?? name });
      }
      return result;
    } finally {
      this.running.delete(id);
      if (taskId !== null) this.finished(name, taskId);
    }
  }

  private reporter(
    operation: string,
    taskId: string,
    context: OperationContext,
  ): NonNullable<OperationContext['progress']> {
    return (update) => {
      const previous = this.lastProgress.get(taskId);
      const progress: TaskProgress = {
        phase: update.phase ?? previous?.phase ?? 'start',
        done: update.done,
        total: update.total,
        unit: update.unit ?? null,
        rows: update.rows ?? null,
        finished: false,
      };
      this.lastProgress.set(taskId, progress);
      // An import reports every chunk it reads; a window needs a few steps a second, and each
      // new phase.
      const now = this.now();
      const last = this.announced.get(taskId);
      if (
        last === undefined ||
        now - last >= PROGRESS_EVERY_MS ||
        previous?.phase !== progress.phase
      ) {
        this.announced.set(taskId, now);
        this.emit({ type: 'progress', task_id: taskId, operation, progress });
      }
      context.progress?.(update);
    };
  }

  private finished(operation: string, taskId: string): void {
    const last = this.lastProgress.get(taskId);
    this.lastProgress.delete(taskId);
    this.announced.delete(taskId);
    const progress: TaskProgress = last
      ? { ...last, finished: true }
      : { phase: 'start', done: 0, total: null, unit: null, rows: null, finished: true };
    this.emit({ type: 'progress', task_id: taskId, operation, progress });
  }

  /** Runs after every write queued before it, whether those succeeded or failed. */
  private serialised<T>(run: () => Promise<T>): Promise<T> {
    const turn = this.writes.then(run, run);
    this.writes = turn.catch(() => undefined);
    return turn;
  }

  private async timed<T>(name: string, run: () => Promise<T>): Promise<T> {
    const started = this.now();
    try {
      return await run();
    } finally {
      const elapsed = this.now() - started;
      if (elapsed > this.slowMs) this.log(`[slow] ${name} ${Math.round(elapsed)} ms`);
    }
  }

  private emit(event: SessionEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        // A window that went away must not fail the operation that changed the data.
        this.log(`[event] listener failed: ${String(error)}`);
      }
    }
  }
}
