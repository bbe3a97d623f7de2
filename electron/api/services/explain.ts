// Why an entry has the result it has: every review behind it, what the method did with the
// totals, and which step of the tie-break chain put it above or below its neighbours.
import { SailError } from '../../core/errors';
import { aggregateColumns } from '../../core/scoring';
import { compareAlongChain, droppedReviewers, type ChainValues } from '../../core/scoring/explain';
import { reviewerMoments } from '../../core/scoring/zscore';
import type { ProjectStore } from '../../store/project-store';
import type {
  EntryExplanation,
  ExplainNeighbour,
  ExplainReview,
  ExplainReviewer,
  RankRow,
} from '../contract';
import { rankRound } from './ranking';
import { reviewsOf, roundData, type RankOverrides } from './round-data';

const chainValues = (row: RankRow): ChainValues => ({
  score: row.score,
  all_judge_mean: row.all_judge_mean,
  criteria: row.criteria,
});

export function explainEntry(
  store: ProjectStore,
  input: RankOverrides & { round: string; scope: string; entry: string },
): EntryExplanation {
  const overrides = { method: input.method, trim_k: input.trim_k };
  const ranking = rankRound(store, input.round, overrides, input.scope);
  const at = ranking.rows.findIndex((row) => row.entry_id === input.entry);
  const row = ranking.rows[at];
  if (!row) {
    throw new SailError(
      'entry_not_in_ranking',
      `项目 ${input.entry} 不在评审批次“${input.round}”的这个排名范围内。`,
      `Entry ${input.entry} is not in this ranking of round "${input.round}".`,
    );
  }
  const data = roundData(store, input.round, overrides);
  const { settings } = ranking;
  const aggregate = aggregateColumns(data.rankable, data.columns, settings).entries.get(
    row.entry_id,
  );
  const rubric = data.rubricOf(row.entry_id);
  const entryRow = data.entries[data.index.get(row.entry_id) ?? -1];
  if (!aggregate || !rubric || !entryRow) throw new Error(`entry ${row.entry_id} vanished`);

  const dropped = droppedReviewers(aggregate);
  const normalised = new Map(
    aggregate.normalisedTotals?.map((t, i) => [aggregate.reviewerIds[i], t]) ?? [],
  );
  const reviews: ExplainReview[] = reviewsOf(data, row.entry_id)
    .map((review) => {
      const reviewer = store.reviewers.byExternalId(review.reviewerId);
      const stored = reviewer && store.reviews.get(data.round.id, entryRow.id, reviewer.id);
      return {
        reviewer_id: review.reviewerId,
        reviewer_name: reviewer?.name ?? review.reviewerId,
        total: review.total,
        scores: review.scores,
        gates: review.gates,
        comment: stored?.comment ?? '',
        submitted_at: stored?.submitted_at ?? null,
        dropped: dropped.has(review.reviewerId),
        normalised: normalised.get(review.reviewerId) ?? null,
      };
    })
    // As the engine orders them: total ascending, then reviewer id.
    .sort((a, b) => a.total - b.total || (a.reviewer_id < b.reviewer_id ? -1 : 1));

  let zscore: EntryExplanation['zscore'] = null;
  if (settings.method === 'zscore') {
    const moments = reviewerMoments(data.columns);
    const reviewers: ExplainReviewer[] = reviews.map(({ reviewer_id }) => {
      const m = moments.reviewers.get(reviewer_id);
      return {
        reviewer_id,
        totals: m?.count ?? 0,
        mean: m?.mean ?? 0,
        sd: m?.sd ?? 0,
        flag: m?.flag ?? null,
      };
    });
    zscore = { mean: moments.round.mean, sd: moments.round.sd, reviewers };
  }

  const neighbour = (other: RankRow | undefined): ExplainNeighbour | null => {
    if (!other || other.rank === null || row.rank === null) return null;
    const compared = compareAlongChain(
      chainValues(row),
      chainValues(other),
      ranking.tie_break_chain,
    );
    return {
      entry_id: other.entry_id,
      title: other.title,
      rank: other.rank,
      decided_by: compared.decidedBy,
      steps: compared.steps,
    };
  };

  return {
    round: ranking.round,
    scope: ranking.scope,
    settings,
    tie_break_chain: ranking.tie_break_chain,
    row,
    entry: entryRow.id,
    criteria: rubric.criteria.map(({ key, name_zh, name_en, max }) => ({
      key,
      name_zh,
      name_en,
      max,
    })),
    gates: rubric.gates.map(({ key, name_zh, name_en }) => ({
      key,
      name_zh,
      name_en,
      fails: reviews.filter((review) => review.gates[key] === 'fail').length,
    })),
    reviews,
    trimmed:
      settings.method === 'trimmed'
        ? { k: settings.trim_k, applied: aggregate.droppedTotals.length > 0 }
        : null,
    zscore,
    above: neighbour(ranking.rows[at - 1]),
    below: neighbour(ranking.rows[at + 1]),
  };
}
