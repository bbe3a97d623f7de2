// Ranking a round: load its submitted reviews, aggregate by the method, rank per scope.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../core/canonical-json';
import type { AggregationSettings, RubricVersion } from '../../core/domain';
import { SailError } from '../../core/errors';
import { aggregateColumns, rankEntries, type SubmittedReview } from '../../core/scoring';
import type { ProjectStore } from '../../store/project-store';
import type { RankResult, RankRow } from '../contract';
import { dataVersion, roundInputs, sameVersion } from './ranking-inputs';
import { requireRound, roundSettings } from './rounds';

export const OVERALL = 'overall';

export interface RoundRanking extends RankResult {
  /**
   * SHA-256 of the data the ranking was computed from (settings, rubrics, submitted reviews).
   * Computed on demand: only exports need it, and hashing every review on each re-rank is waste.
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

/** The round's submitted reviews as objects, for the data digest's canonical form. */
function loadSubmitted(store: ProjectStore, roundId: number): SubmittedReview[] {
  const reviews = new Map<string, SubmittedReview>();
  const reviewOf = (entryKey: string, reviewerId: string): SubmittedReview => {
    const key = `${entryKey}\u0000${reviewerId}`;
    let review = reviews.get(key);
    if (!review) {
      review = { entryKey, reviewerId, scores: {}, gates: {} };
      reviews.set(key, review);
    }
    return review;
  };
  for (const row of store.reviews.submittedScores(roundId)) {
    reviewOf(row.entry_id, row.reviewer_id).scores[row.criterion_key] = row.points;
  }
  for (const row of store.reviews.submittedGates(roundId)) {
    reviewOf(row.entry_id, row.reviewer_id).gates[row.gate_key] =
      row.passed === 1 ? 'pass' : 'fail';
  }
  return [...reviews.values()];
}

export function rankRound(
  store: ProjectStore,
  roundName: string,
  overrides: Partial<Pick<AggregationSettings, 'method' | 'trim_k'>>,
  scope: string,
): RoundRanking {
  const round = requireRound(store, roundName);
  const settings: AggregationSettings = {
    ...roundSettings(round),
    ...(overrides.method ? { method: overrides.method } : {}),
    ...(overrides.trim_k ? { trim_k: overrides.trim_k } : {}),
  };
  const inputs = roundInputs(store, round);
  const { entries, rubrics } = inputs;
  const aggregation = aggregateColumns(inputs.rankable, inputs.columns, settings);

  const inScope = scope === OVERALL ? entries : entries.filter((entry) => entry.sector === scope);
  if (scope !== OVERALL && inScope.length === 0) {
    const sectors = [...new Set(entries.map((entry) => entry.sector ?? '—'))];
    throw new SailError(
      'scope_empty',
      `评审批次“${round.name}”中没有领域为 ${scope} 的项目。可选：overall、${sectors.join('、')}`,
      `Round "${round.name}" has no entries in sector ${scope}. Choose overall or one of: ${sectors.join(', ')}`,
    );
  }
  const scopeRubrics = [...new Set(inScope.map((entry) => entry.rubric_id))].map(
    (id) => rubrics.get(id) as RubricVersion,
  );
  // Within one sector the rubric's tie_break applies; across sectors that step is skipped.
  const tieBreak =
    scope === OVERALL || scopeRubrics.length !== 1 ? null : (scopeRubrics[0]?.tie_break ?? []);
  const ranked = rankEntries(
    inScope.map((entry) => aggregation.entries.get(entry.entry_id)).filter((a) => a !== undefined),
    { tieBreak },
  );
  const byKey = new Map(inScope.map((entry) => [entry.entry_id, entry]));
  const rows: RankRow[] = ranked.map((item) => {
    const entry = byKey.get(item.entryKey);
    return {
      rank: item.rank,
      entry_id: item.entryKey,
      title: entry?.title ?? '',
      applicant: entry?.applicant ?? '',
      province: entry?.province ?? null,
      sector: item.sector,
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
      if (!sameVersion(inputs.version, dataVersion(store))) throw rankingStale(round.name);
      const input = {
        round: round.uuid,
        settings,
        rubrics: [...rubrics.values()].map((r) => ({
          id: r.id,
          sector: r.sector,
          version: r.version,
        })),
        reviews: loadSubmitted(store, round.id)
          .map((r) => ({
            entry: r.entryKey,
            reviewer: r.reviewerId,
            scores: r.scores,
            gates: r.gates,
          }))
          .sort((a, b) =>
            a.entry + '\u0000' + a.reviewer < b.entry + '\u0000' + b.reviewer ? -1 : 1,
          ),
      };
      digest = createHash('sha256').update(canonicalJson(input)).digest('hex');
    }
    return digest;
  };
  return {
    round: round.name,
    round_uuid: round.uuid,
    round_id: round.id,
    scope,
    settings,
    rubrics: scopeRubrics.map((r) => ({
      sector: r.sector,
      rubric_id: r.id,
      version: r.version,
      name_zh: r.name_zh,
      name_en: r.name_en,
    })),
    tie_break_chain: [
      'score',
      'all_judge_mean',
      ...(tieBreak ?? []).map((key) => `criterion:${key}`),
      'tie',
    ],
    rows,
    dataDigest,
  };
}
