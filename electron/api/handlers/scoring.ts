// The scoring operations: a reviewer's queue and review form, saving and submitting a review,
// and importing a score file (a task).
import { importScores } from '../../io/import-scores';
import type { scoringOperations } from '../contract/scoring';
import { reviewHistory } from '../services/review-history';
import { requireRound } from '../services/rounds';
import {
  deferReview,
  recuseFromEntry,
  reopenReview,
  reviewForm,
  reviewQueue,
  saveReview,
  submitReview,
} from '../services/scoring';
import type { DomainHandlers, HandlerContext } from './context';

export function scoringHandlers({
  store,
  tasks,
}: HandlerContext): DomainHandlers<typeof scoringOperations> {
  return {
    'scoring.queue': ({ round, reviewer }) => reviewQueue(store(), round, reviewer),
    'scoring.get': ({ round, reviewer, entry }) => reviewForm(store(), round, reviewer, entry),
    'scoring.history': ({ round, reviewer, entry }) =>
      reviewHistory(store(), round, reviewer, entry),
    'scoring.save': (input) => saveReview(store(), input),
    'scoring.submit': ({ round, reviewer, entry }) => submitReview(store(), round, reviewer, entry),
    'scoring.reopen': (input) => reopenReview(store(), input),
    'scoring.recuse': (input) => recuseFromEntry(store(), input),
    'scoring.defer': (input) => deferReview(store(), input),
    'scores.import': ({ round, path, file_name, task_id }, context) =>
      tasks.run(task_id, context, ({ signal, progress }) =>
        importScores(store(), requireRound(store(), round), path, file_name, {
          signal,
          onProgress: progress,
        }),
      ),
  };
}
