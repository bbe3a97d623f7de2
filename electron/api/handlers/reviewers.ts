// The reviewer operations: importing the expert list (a task) and listing it.
import { importReviewers } from '../../io/import-reviewers';
import type { Reviewer } from '../contract';
import type { reviewerOperations } from '../contract/reviewers';
import type { DomainHandlers, HandlerContext } from './context';

export function reviewerHandlers({
  store,
  tasks,
}: HandlerContext): DomainHandlers<typeof reviewerOperations> {
  return {
    'reviewers.import': ({ path, file_name, task_id }, context) =>
      tasks.run(task_id, context, ({ signal, progress }) =>
        importReviewers(store(), path, file_name, { signal, onProgress: progress }),
      ),
    'reviewers.list': () =>
      store()
        .reviewers.list()
        .map((reviewer): Reviewer => ({
          id: reviewer.id,
          reviewer_id: reviewer.external_id,
          name: reviewer.name,
          organisation: reviewer.organisation,
          title: reviewer.title,
          province: reviewer.province,
          sectors: JSON.parse(reviewer.sectors_json) as string[],
          avoid_organisations: JSON.parse(reviewer.avoid_json) as string[],
        })),
  };
}
