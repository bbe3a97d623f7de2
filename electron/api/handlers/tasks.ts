// The task operations: a long operation's progress, and cancelling it.
import type { taskOperations } from '../contract/tasks';
import type { DomainHandlers, HandlerContext } from './context';

export function taskHandlers({ tasks }: HandlerContext): DomainHandlers<typeof taskOperations> {
  return {
    'tasks.progress': ({ task_id }) => tasks.progress(task_id),
    'tasks.cancel': ({ task_id }) => tasks.cancel(task_id),
  };
}
