// The round operations: preview and creation, settings, rubric pins, regrouping, and the status
// changes (start, lock, reopen).
import type { AggregationSettings } from '../../core/domain';
import type { roundOperations } from '../contract/rounds';
import {
  changeRoundStatus,
  createRound,
  pinRubric,
  previewRound,
  regroupRound,
  requireRound,
  roundDetail,
  shareResults,
  summariseRound,
  updateRound,
} from '../services/rounds';
import type { DomainHandlers, HandlerContext } from './context';

/** The aggregation settings an input gives, without the ones it leaves out. */
function definedSettings(settings: {
  [K in keyof AggregationSettings]?: AggregationSettings[K] | undefined;
}): Partial<AggregationSettings> {
  const { method, trim_k, min_reviews, disagreement_threshold } = settings;
  return {
    ...(method === undefined ? {} : { method }),
    ...(trim_k === undefined ? {} : { trim_k }),
    ...(min_reviews === undefined ? {} : { min_reviews }),
    ...(disagreement_threshold === undefined ? {} : { disagreement_threshold }),
  };
}

export function roundHandlers({ store }: HandlerContext): DomainHandlers<typeof roundOperations> {
  return {
    'rounds.preview': (selection) => previewRound(store(), selection),
    'rounds.create': ({ method, trim_k, min_reviews, disagreement_threshold, ...input }) =>
      createRound(store(), {
        ...input,
        settings: definedSettings({ method, trim_k, min_reviews, disagreement_threshold }),
      }),
    'rounds.list': () => {
      const project = store();
      return project.rounds.list().map((round) => summariseRound(project, round));
    },
    'rounds.get': ({ round }) => roundDetail(store(), requireRound(store(), round)),
    'rounds.update': ({ round, stage, ...settings }) =>
      updateRound(store(), round, { stage, settings: definedSettings(settings) }),
    'rounds.pin': ({ round, sector, rubric_id }) => pinRubric(store(), round, sector, rubric_id),
    'rounds.regroup': ({ round }) => regroupRound(store(), round),
    'rounds.start': ({ round }) => changeRoundStatus(store(), round, 'start'),
    'rounds.lock': ({ round }) => changeRoundStatus(store(), round, 'lock'),
    'rounds.reopen': ({ round, reason }) => changeRoundStatus(store(), round, 'reopen', reason),
    'rounds.shareResults': ({ round, shown }) => shareResults(store(), round, shown),
  };
}
