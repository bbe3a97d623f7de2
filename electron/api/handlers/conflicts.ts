// The conflict (回避) operations: detection (a task), the list, the organiser's decisions.
import type { conflictOperations } from '../contract/conflicts';
import {
  addConflict,
  decideConflict,
  detectProjectConflicts,
  listConflicts,
} from '../services/conflicts';
import type { DomainHandlers, HandlerContext } from './context';

export function conflictHandlers({
  store,
  tasks,
  resourcesDir,
}: HandlerContext): DomainHandlers<typeof conflictOperations> {
  return {
    'conflicts.detect': ({ task_id }, context) =>
      tasks.run(task_id, context, ({ signal, progress }) =>
        detectProjectConflicts(store(), resourcesDir, { signal, progress }),
      ),
    'conflicts.list': (filter) => listConflicts(store(), filter),
    'conflicts.decide': (input) => decideConflict(store(), input),
    'conflicts.add': (input) => addConflict(store(), input),
  };
}
