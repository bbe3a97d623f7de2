// The reviewer operations: importing the expert list (a task), listing, adding and editing one,
// and a round's panel.
import { importReviewers } from '../../io/import-reviewers';
import type { reviewerOperations } from '../contract/reviewers';
import { panelProgress } from '../services/progress';
import { requireRound } from '../services/rounds';
import { roundPanel, saveReviewer, setPanel, toReviewer } from '../services/reviewers';
import type { DomainHandlers, HandlerContext } from './context';

export function reviewerHandlers({
  store,
  tasks,
}: HandlerContext): DomainHandlers<typeof reviewerOperations> {
  return {
    'reviewers.import': ({ path, file_name, dry_run, task_id }, context) =>
      tasks.run(task_id, context, async ({ signal, progress }) => {
        const { dryRun, preview, ...summary } = await importReviewers(store(), path, file_name, {
          signal,
          onProgress: progress,
          dryRun: dry_run,
        });
        return { ...summary, dry_run: dryRun, preview: preview.map(toReviewer) };
      }),
    'reviewers.list': () => store().reviewers.list().map(toReviewer),
    'reviewers.save': (input) => saveReviewer(store(), input),
    'panel.get': ({ round }) => roundPanel(store(), requireRound(store(), round)),
    'panel.progress': ({ round }) => panelProgress(store(), round),
    'panel.set': ({ round, reviewer_ids }) => setPanel(store(), round, reviewer_ids),
  };
}
