// The assignment (分配) operations: feasibility, the run (a task), the list, manual changes, locks.
import type { assignmentOperations } from '../contract/assignments';
import {
  changeAssignment,
  listAssignments,
  lockAssignments,
  planAssignments,
  runAssignments,
} from '../services/assignments';
import type { DomainHandlers, HandlerContext } from './context';

export function assignmentHandlers({
  store,
  tasks,
}: HandlerContext): DomainHandlers<typeof assignmentOperations> {
  return {
    'assignments.plan': ({ round, per_entry }) => planAssignments(store(), round, per_entry),
    'assignments.run': ({ task_id, ...input }, context) =>
      tasks.run(task_id, context, ({ signal, progress }) =>
        runAssignments(store(), input, { signal, progress }),
      ),
    'assignments.list': ({ round, reviewer_id }) => listAssignments(store(), round, reviewer_id),
    'assignments.change': (input) => changeAssignment(store(), input),
    'assignments.lock': (input) => lockAssignments(store(), input),
  };
}
