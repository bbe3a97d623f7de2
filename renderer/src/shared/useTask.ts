// Runs a long operation (an import, an export) as a named task: while it runs, the session
// pushes its progress as events (events.ts) and tasks.cancel stops it. The same hook works over
// IPC in the window and over HTTP in the browser.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { OperationInput, OperationName, OperationOutput, TaskProgress } from '@api/contract';
import type { Result } from '@api/result';
import { call } from './api';
import { sessionEvents } from './events';
import { trackTask } from './runningTasks';

/** The operations that accept a `task_id`. */
export type TaskOperation = {
  [N in OperationName]: 'task_id' extends keyof OperationInput<N> ? N : never;
}[OperationName];

export interface TaskState {
  running: boolean;
  /** The last progress reported; null before the first report. */
  progress: TaskProgress | null;
  cancelling: boolean;
}

export interface Task<N extends TaskOperation> extends TaskState {
  /** Runs the operation under a fresh task id; resolves to its Result (never throws). */
  run: (input: Omit<OperationInput<N>, 'task_id'>) => Promise<Result<OperationOutput<N>>>;
  /** Asks the running task to stop; its Result then tells whether it did. */
  cancel: () => void;
}

interface Running {
  id: string;
  settled: boolean;
  cancelRequested: boolean;
  cancelAccepted: boolean;
}

const IDLE: TaskState = { running: false, progress: null, cancelling: false };

function newTaskId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

async function sendCancel(task: Running): Promise<void> {
  const result = await call('tasks.cancel', { task_id: task.id });
  if (result.ok && result.value) task.cancelAccepted = true;
}

function requestCancel(task: Running): void {
  if (task.settled || task.cancelRequested) return;
  task.cancelRequested = true;
  void sendCancel(task);
}

export function useTask<N extends TaskOperation>(name: N): Task<N> {
  const [state, setState] = useState<TaskState>(IDLE);
  const current = useRef<Running | null>(null);

  // A page left mid-task stops listening; the task itself runs on (or was cancelled).
  useEffect(
    () => () => {
      current.current = null;
    },
    [],
  );

  const listen = useCallback((task: Running) => {
    const stop = sessionEvents.subscribe((event) => {
      if (event.type !== 'progress' || event.task_id !== task.id) return;
      if (current.current !== task || task.settled) return;
      // A cancel sent before the operation registered its task was refused: send it again now.
      if (task.cancelRequested && !task.cancelAccepted) void sendCancel(task);
      setState((previous) => ({ ...previous, progress: event.progress }));
    });
    return stop;
  }, []);

  const run = useCallback(
    async (input: Omit<OperationInput<N>, 'task_id'>) => {
      const task: Running = {
        id: newTaskId(),
        settled: false,
        cancelRequested: false,
        cancelAccepted: false,
      };
      current.current = task;
      setState({ running: true, progress: null, cancelling: false });
      const stop = listen(task);
      const settled = call(name, { ...input, task_id: task.id } as OperationInput<N>);
      trackTask(task.id, { cancel: () => requestCancel(task), settled });
      const result = await settled;
      stop();
      task.settled = true;
      if (current.current === task) {
        current.current = null;
        setState(IDLE);
      }
      return result;
    },
    [name, listen],
  );

  const cancel = useCallback(() => {
    const task = current.current;
    if (!task || task.settled || task.cancelRequested) return;
    setState((previous) => ({ ...previous, cancelling: true }));
    requestCancel(task);
  }, []);

  return { ...state, run, cancel };
}
