// Runs a long operation (an import, an export) as a named task: while it runs, its progress is
// polled with tasks.progress and it can be stopped with tasks.cancel. These are ordinary
// operations, so the same hook works over IPC in the window and over HTTP in the browser.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { OperationInput, OperationName, OperationOutput, TaskProgress } from '@api/contract';
import type { Result } from '@api/result';
import { call } from './api';

/** The operations that accept a `task_id`. */
export type TaskOperation = {
  [N in OperationName]: 'task_id' extends keyof OperationInput<N> ? N : never;
}[OperationName];

const POLL_MS = 250;

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

export function useTask<N extends TaskOperation>(name: N): Task<N> {
  const [state, setState] = useState<TaskState>(IDLE);
  const current = useRef<Running | null>(null);

  // A page left mid-task stops polling; the task itself runs on (or was cancelled).
  useEffect(
    () => () => {
      current.current = null;
    },
    [],
  );

  const poll = useCallback(async (task: Running) => {
    // A function, not a condition: the task settles (or is replaced) while this awaits.
    const live = () => current.current === task && !task.settled;
    while (live()) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      if (!live()) return;
      // The operation may not have registered its task when the first cancel arrived: resend.
      if (task.cancelRequested && !task.cancelAccepted) void sendCancel(task);
      const result = await call('tasks.progress', { task_id: task.id });
      if (result.ok && result.value && live()) {
        const progress = result.value;
        setState((previous) => ({ ...previous, progress }));
      }
    }
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
      void poll(task);
      const result = await call(name, { ...input, task_id: task.id } as OperationInput<N>);
      task.settled = true;
      if (current.current === task) {
        current.current = null;
        setState(IDLE);
      }
      return result;
    },
    [name, poll],
  );

  const cancel = useCallback(() => {
    const task = current.current;
    if (!task || task.settled || task.cancelRequested) return;
    task.cancelRequested = true;
    setState((previous) => ({ ...previous, cancelling: true }));
    void sendCancel(task);
  }, []);

  return { ...state, run, cancel };
}
