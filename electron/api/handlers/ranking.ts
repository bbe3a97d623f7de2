// The result operations: the ranking, and explain, discussion, robustness, what-if and charts.
import type { rankingOperations } from '../contract/ranking';
import { discussionQueue } from '../services/discussion';
import { explainEntry } from '../services/explain';
import { rankRound } from '../services/ranking';
import { resultCharts } from '../services/result-charts';
import { robustness, whatIf } from '../services/robustness';
import type { DomainHandlers, HandlerContext } from './context';

export function rankingHandlers({
  store,
}: HandlerContext): DomainHandlers<typeof rankingOperations> {
  return {
    'ranking.rank': ({ round, method, trim_k, scope }) => {
      const {
        dataDigest: _digest,
        round_uuid: _uuid,
        round_id: _id,
        ...result
      } = rankRound(store(), round, { method, trim_k }, scope);
      return result;
    },
    'ranking.explain': (input) => explainEntry(store(), input),
    'ranking.discussion': (input) => discussionQueue(store(), input),
    'ranking.robustness': (input) => robustness(store(), input),
    'ranking.whatif': (input) => whatIf(store(), input),
    'ranking.charts': (input) => resultCharts(store(), input),
  };
}
