// The tasks this window has started and that still run (imports, exports): a project switch
// refused while they run (project_busy) asks the user to cancel them or wait for
// them, then tries again, instead of closing the project under them.

interface RunningTask {
  cancel: () => void;
  /** Settles when the task's operation has returned, however it ended. */
  settled: Promise<unknown>;
}

const running = new Map<string, RunningTask>();

/** Records a task from its start until `settled`. */
export function trackTask(id: string, task: RunningTask): void {
  running.set(id, task);
  void task.settled.finally(() => running.delete(id));
}

export const hasRunningTasks = (): boolean => running.size > 0;

/** Waits for every running task to end, cancelling them first when asked. */
export async function endRunningTasks(how: 'cancel' | 'wait'): Promise<void> {
  const tasks = [...running.values()];
  if (how === 'cancel') tasks.forEach((task) => task.cancel());
  await Promise.allSettled(tasks.map((task) => task.settled));
}

/** The refusals of a project switch because something still runs on the open project. */
export const BUSY_CODE = 'project_busy';
