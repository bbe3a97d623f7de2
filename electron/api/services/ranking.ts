// Ranking a round: aggregate its submitted reviews by the method, rank one scope of it.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../core/canonical-json';
import type { AggregationSettings } from '../../core/domain';
import { SailError } from '../../core/errors';
import { aggregateColumns } from '../../core/scoring';
import type { ProjectStore } from '../../store/project-store';
import type { RankResult, RankRow } from '../contract';
import { dataVersion, sameVersion } from './ranking-inputs';
import { rankScope, roundData, type RoundData } from './round-data';

export { OVERALL } from './round-data';

export interface RoundRanking extends RankResult {
  /**
   * SHA-256 of the data the ranking was computed from and that exports print: settings,
   * rubrics, the round's entries (sector, rubric, printed fields), the panel and every submitted
   * review (scores, gate answers, comment). Computed on demand: only exports need it.
   * Throws `ranking_stale` when the project was written to since the ranking was computed.
   */
  dataDigest: () => string;
  round_uuid: string;
  round_id: number;
}

function rankingStale(roundName: string): SailError {
  return new SailError(
    'ranking_stale',
    `评审批次“${roundName}”的数据在排名之后有了变化，请重新排名后再导出或保存。`,
    `The data of round "${roundName}" changed after it was ranked. Rank it again, then export or save.`,
  );
}

/** The canonical form of everything a ranking and its exports rest on, hashed. */
function digestOf(store: ProjectStore, data: RoundData): string {
  const { round, columns, rankable, entries } = data;
  const comments = new Map(
    store.exports
      .submittedReviews(round.id)
      .map((review) => [`${review.entry_id}\u0000${review.reviewer_id}`, review.comment]),
  );
  const groups = data.groups();
  const reviews: unknown[] = [];
  entries.forEach((entry, e) => {
    const { criteria, gates } = rankable[e]?.rubric ?? { criteria: [], gates: [] };
    const ofEntry: Array<{ reviewer: string; row: unknown }> = [];
    for (let j = groups.start[e] ?? 0; j < (groups.start[e + 1] ?? 0); j++) {
      const i = groups.order[j] ?? 0;
      const reviewer = columns.reviewerIds[columns.reviewer[i] ?? 0] ?? '';
      ofEntry.push({
        reviewer,
        row: {
          entry: entry.entry_id,
          reviewer,
          scores: Object.fromEntries(
            criteria.map((c, p) => [c.key, columns.points[i * columns.stride + p]]),
          ),
          gates: Object.fromEntries(
            gates.map((g, p) => [
              g.key,
              columns.answers[i * columns.gateStride + p] === 1 ? 'pass' : 'fail',
            ]),
          ),
          comment: comments.get(`${entry.entry_id}\u0000${reviewer}`) ?? '',
        },
      });
    }
    ofEntry.sort((a, b) => (a.reviewer < b.reviewer ? -1 : a.reviewer > b.reviewer ? 1 : 0));
    for (const { row } of ofEntry) reviews.push(row);
  });
  const input = {
    round: round.uuid,
    settings: data.settings,
    rubrics: [...new Set(entries.map((entry) => entry.rubric_id))]
      .sort((a, b) => a - b)
      .map((id) => {
        const rubric = store.rubrics.require(id);
        return { id, sector: rubric.sector, version: rubric.version };
      }),
    // The round's entries come in entry id order (RoundRepository.entries).
    entries: entries.map((entry) => ({
      entry: entry.entry_id,
      sector: entry.sector,
      rubric: entry.rubric_id,
      title: entry.title,
      applicant: entry.applicant,
      province: entry.province,
    })),
    panel: store.exports.panel(round.id, null),
    reviews,
  };
  return createHash('sha256').update(canonicalJson(input)).digest('hex');
}

export function rankRound(
  store: ProjectStore,
  roundName: string,
  overrides: Partial<Pick<AggregationSettings, 'method' | 'trim_k'>>,
  scope: string,
): RoundRanking {
  const data = roundData(store, roundName, overrides);
  const { round, settings } = data;
  const aggregation = aggregateColumns(data.rankable, data.columns, settings);
  const ranking = rankScope(data, aggregation, scope);
  // The round's own index: a scope's entries are the round's, and a map of 50,000 more is GC work.
  const rows: RankRow[] = ranking.ranked.map((item) => {
    const entry = data.entries[data.index.get(item.entryKey) ?? -1];
    return {
      rank: item.rank,
      entry_id: item.entryKey,
      title: entry?.title ?? '',
      applicant: entry?.applicant ?? '',
      province: entry?.province ?? null,
      sector: item.sector,
      rubric_id: entry?.rubric_id ?? 0,
      score: item.score,
      all_judge_mean: item.allJudgeMean,
      reviews: item.reviews,
      // Not copied: the aggregation is this ranking's own, and 50,000 copies are GC work.
      criteria: item.criteria,
      flags: [...item.flags],
      gate_failed: item.gateFailed,
      decided_by: item.decidedBy,
    };
  });

  let digest: string | null = null;
  const dataDigest = () => {
    if (digest === null) {
      if (!sameVersion(data.version, dataVersion(store))) throw rankingStale(round.name);
      digest = digestOf(store, data);
    }
    return digest;
  };
  return {
    round: round.name,
    round_uuid: round.uuid,
    round_id: round.id,
    scope,
    settings,
    rubrics: ranking.rubrics.map((r) => ({
      sector: r.sector,
      rubric_id: r.id,
      version: r.version,
      name_zh: r.name_zh,
      name_en: r.name_en,
    })),
    tie_break_chain: [
      'score',
      'all_judge_mean',
      ...(ranking.tieBreak ?? []).map((key) => `criterion:${key}`),
      'tie',
    ],
    reviewer_flags: [...aggregation.reviewerFlags]
      .map(([reviewer_id, flag]) => ({ reviewer_id, flag }))
      .sort((a, b) => (a.reviewer_id < b.reviewer_id ? -1 : 1)),
    rows,
    dataDigest,
  };
}
