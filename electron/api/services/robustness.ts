// How much the result depends on the method and on the weights: ranks under every method side
// by side with Kendall's τ-b, borderline entries, and a what-if with other criterion weights.
// Nothing here writes: what-if rescales copies of the scores in memory.
import { AGGREGATION_METHODS, type AggregationMethod } from '../../core/domain';
import { SailError } from '../../core/errors';
import { aggregateColumns, type RankedEntry, type ReviewColumns } from '../../core/scoring';
import { borderlineEntries, methodAgreement } from '../../core/scoring/robustness';
import { cutByRule, includedIn, type ShortlistRule } from '../../core/scoring/shortlist';
import { movement, rescaleColumns, weightFactors } from '../../core/scoring/whatif';
import type { ProjectStore } from '../../store/project-store';
import type { Robustness, RobustnessRow, WhatIf, WhatIfPlacement } from '../contract';
import { rankRound } from './ranking';
import {
  entriesInScope,
  rankScope,
  roundData,
  type RankOverrides,
  type RoundData,
} from './round-data';
import { requireRound } from './rounds';
import { cutsByMethod, ruleScopes } from './shortlists';

interface RobustnessInput extends RankOverrides {
  round: string;
  scope: string;
  rule: ShortlistRule;
}

const perMethod = <T>(value: (method: AggregationMethod) => T) =>
  Object.fromEntries(AGGREGATION_METHODS.map((m) => [m, value(m)])) as Record<AggregationMethod, T>;

export function robustness(store: ProjectStore, input: RobustnessInput): Robustness {
  const round = requireRound(store, input.round);
  const current = input.method ?? round.method;
  const byMethod = cutsByMethod(store, input.round, input.trim_k, input.scope, input.rule);
  // Quotas cut sector rankings; ranks are compared in the scope's own ranking.
  const scopeRows = new Map(
    AGGREGATION_METHODS.map((method) => {
      const ranking =
        byMethod.get(method)?.rankings.get(input.scope) ??
        rankRound(store, input.round, { method, trim_k: input.trim_k }, input.scope);
      return [method, new Map(ranking.rows.map((row) => [row.entry_id, row]))];
    }),
  );
  const ranks = new Map(
    [...scopeRows].map(([method, rows]) => [
      method,
      new Map([...rows.values()].map((row) => [row.entry_id, row.rank])),
    ]),
  );
  const borderline = borderlineEntries([...byMethod.values()].map((cut) => cut.included));
  const rows: RobustnessRow[] = [...(scopeRows.get(current)?.values() ?? [])].map((row) => ({
    entry_id: row.entry_id,
    title: row.title,
    sector: row.sector,
    ranks: perMethod((m) => scopeRows.get(m)?.get(row.entry_id)?.rank ?? null),
    scores: perMethod((m) => scopeRows.get(m)?.get(row.entry_id)?.score ?? null),
    shortlisted: perMethod((m) => byMethod.get(m)?.included.has(row.entry_id) ?? false),
    borderline: borderline.has(row.entry_id),
  }));
  return {
    scope: input.scope,
    method: current,
    trim_k: input.trim_k ?? round.trim_k,
    rows,
    agreement: methodAgreement(ranks),
  };
}

/** The rubric of every entry in scope; what-if needs exactly one to reweight. */
function scopeRubric(data: RoundData, scope: string) {
  const inScope = entriesInScope(data, scope);
  const rubricIds = new Set(inScope.map((entry) => entry.rubric_id));
  const rubric = inScope[0] && data.rubricOf(inScope[0].entry_id);
  if (rubricIds.size !== 1 || !rubric) {
    throw new SailError(
      'whatif_one_rubric',
      '此范围内的项目使用不止一套评分细则：请先选择一个领域，再调整评分项权重。',
      'Entries in this scope use more than one rubric: choose one sector before changing criterion weights.',
    );
  }
  return rubric;
}

export function whatIf(
  store: ProjectStore,
  input: RobustnessInput & { weights: Record<string, number> },
): WhatIf {
  const data = roundData(store, input.round, { method: input.method, trim_k: input.trim_k });
  const rubric = scopeRubric(data, input.scope);
  const factors = weightFactors(rubric.criteria, input.weights);
  const scopes = ruleScopes(store, data.round, input.scope, input.rule);
  const reweighted = new Set<number>();
  data.entries.forEach((entry, e) => {
    if (entry.rubric_id === rubric.id) reweighted.add(e);
  });

  const place = (columns: ReviewColumns) => {
    const aggregation = aggregateColumns(data.rankable, columns, data.settings);
    const cuts = cutByRule(
      new Map(scopes.map((s) => [s, rankScope(data, aggregation, s).ranked])),
      input.rule,
    );
    return { ranked: rankScope(data, aggregation, input.scope).ranked, included: includedIn(cuts) };
  };
  const before = place(data.columns);
  const after = place(rescaleColumns(data.columns, rubric, reweighted, factors));
  const placement = (
    side: { included: Set<string> },
    entry: RankedEntry | undefined,
  ): WhatIfPlacement => ({
    rank: entry?.rank ?? null,
    score: entry?.score ?? null,
    shortlisted: entry !== undefined && side.included.has(entry.entryKey),
  });
  const beforeOf = new Map(before.ranked.map((entry) => [entry.entryKey, entry]));
  const titles = new Map(data.entries.map((entry) => [entry.entry_id, entry.title]));
  const rows = after.ranked.map((entry) => {
    const was = placement(before, beforeOf.get(entry.entryKey));
    const now = placement(after, entry);
    return {
      entry_id: entry.entryKey,
      title: titles.get(entry.entryKey) ?? '',
      sector: entry.sector,
      before: was,
      after: now,
      movement: movement(was, now),
    };
  });
  return {
    criteria: rubric.criteria.map(({ key, name_zh, name_en, max }) => ({
      key,
      name_zh,
      name_en,
      max,
      new_max: input.weights[key] ?? max,
    })),
    rows,
    moved_in: rows.filter((row) => row.movement === 'in').map((row) => row.entry_id),
    moved_out: rows.filter((row) => row.movement === 'out').map((row) => row.entry_id),
  };
}
