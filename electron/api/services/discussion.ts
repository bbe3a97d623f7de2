// The discussion queue the chair walks through: entries whose reviewers disagree on totals or on
// a gate, whose score sits near the shortlist cut, or that are short of reviews, with where the
// reviews differ.
import type { ShortlistRule } from '../../core/scoring/shortlist';
import {
  criterionSpreads,
  discussionReasons,
  gateVotes,
  splitVote,
} from '../../core/scoring/discussion';
import type { ProjectStore } from '../../store/project-store';
import type { DiscussionItem, DiscussionQueue } from '../contract';
import { reviewsOf, roundData, type RankOverrides } from './round-data';
import { cutInfo, cutUnder } from './shortlists';

export function discussionQueue(
  store: ProjectStore,
  input: RankOverrides & { round: string; scope: string; rule: ShortlistRule; margin: number },
): DiscussionQueue {
  const overrides = { method: input.method, trim_k: input.trim_k };
  const { rankings, cuts } = cutUnder(store, input.round, overrides, input.scope, input.rule);
  const data = roundData(store, input.round, overrides);
  const items: DiscussionItem[] = [];
  for (const [scope, ranking] of rankings) {
    const cutScore = cuts.get(scope)?.cutScore ?? null;
    for (const row of ranking.rows) {
      const rubric = data.rubricOf(row.entry_id);
      // Reviews are read for every entry only where a gate can split them.
      const gated = (rubric?.gates.length ?? 0) > 0;
      let reviews = gated ? reviewsOf(data, row.entry_id) : null;
      const votes = gateVotes(rubric?.gates ?? [], reviews ?? []);
      const reasons = discussionReasons(row, cutScore, input.margin, votes.some(splitVote));
      if (reasons.length === 0) continue;
      reviews ??= reviewsOf(data, row.entry_id);
      const names = new Map(rubric?.criteria.map((c) => [c.key, c]));
      const gateNames = new Map(rubric?.gates.map((g) => [g.key, g]));
      items.push({
        row,
        reasons,
        cut_score: cutScore,
        totals: reviews.map((review) => review.total).sort((a, b) => a - b),
        spreads: criterionSpreads(rubric?.criteria ?? [], reviews).map((spread) => ({
          ...spread,
          name_zh: names.get(spread.key)?.name_zh ?? spread.key,
          name_en: names.get(spread.key)?.name_en ?? spread.key,
        })),
        gates: votes.map((vote) => ({
          ...vote,
          name_zh: gateNames.get(vote.key)?.name_zh ?? vote.key,
          name_en: gateNames.get(vote.key)?.name_en ?? vote.key,
          split: splitVote(vote),
        })),
      });
    }
  }
  return { margin: input.margin, cuts: cutInfo(cuts), items };
}
