// A round's scoring inputs for the results views that re-aggregate them (explain, discussion,
// what-if, charts): the ranking's own cached inputs (ranking-inputs.ts), so a click on an entry
// of a 50,000-entry round reads nothing again, and the same scope rules as rankRound.
import type { AggregationSettings, RubricVersion } from '../../core/domain';
import { SailError } from '../../core/errors';
import {
  groupByEntry,
  rankEntries,
  reviewsOfEntry,
  type ColumnReview,
  type EntryGroups,
  type RankableEntry,
  type RankedEntry,
  type ReviewColumns,
  type RoundAggregation,
} from '../../core/scoring';
import type { ProjectStore } from '../../store/project-store';
import type { RankedEntryRow, RoundRecord } from '../../store/repos/rounds';
import type { DataVersion } from '../../store/change-log';
import { roundInputs } from './ranking-inputs';
import { groupOf, requireRound, roundSettings } from './rounds';

export type RankOverrides = Partial<Pick<AggregationSettings, 'method' | 'trim_k'>>;

/** The scope of the ranking across every sector of a round. */
export const OVERALL = 'overall';

export interface RoundData {
  round: RoundRecord;
  /** The data these inputs were read at. */
  version: DataVersion;
  settings: AggregationSettings;
  /** The round's entries; `rankable` and the columns' entry indices follow this order. */
  entries: RankedEntryRow[];
  rankable: RankableEntry[];
  columns: ReviewColumns;
  /** Entry index by entry id. */
  index: ReadonlyMap<string, number>;
  /** The rubric version each entry is scored with. */
  rubricOf: (entryKey: string) => RubricVersion | undefined;
  /** The reviews grouped by entry, made on first use. */
  groups: () => EntryGroups;
}

/** The round's settings with the method and trim count chosen on screen. */
export function effectiveSettings(
  round: RoundRecord,
  overrides: RankOverrides,
): AggregationSettings {
  return {
    ...roundSettings(round),
    ...(overrides.method ? { method: overrides.method } : {}),
    ...(overrides.trim_k ? { trim_k: overrides.trim_k } : {}),
  };
}

export function roundData(
  store: ProjectStore,
  roundName: string,
  overrides: RankOverrides,
): RoundData {
  const round = requireRound(store, roundName);
  const inputs = roundInputs(store, round);
  const index = inputs.columns.slots.index;
  let groups: EntryGroups | null = null;
  return {
    round,
    version: inputs.version,
    settings: effectiveSettings(round, overrides),
    entries: inputs.entries,
    rankable: inputs.rankable,
    columns: inputs.columns,
    index,
    rubricOf: (entryKey) => {
      const e = index.get(entryKey);
      return e === undefined ? undefined : inputs.rubrics.get(inputs.entries[e]?.rubric_id ?? -1);
    },
    groups: () => (groups ??= groupByEntry(inputs.columns, inputs.entries.length)),
  };
}

/** The submitted reviews of one entry, with their totals; none for an unknown entry. */
export function reviewsOf(data: RoundData, entryKey: string): ColumnReview[] {
  const e = data.index.get(entryKey);
  return e === undefined ? [] : reviewsOfEntry(data.columns, data.rankable, data.groups(), e);
}

/** A scope of a round ranked: its entries, their rubrics and the tie-break it used. */
export interface ScopeRanking {
  entries: RankedEntryRow[];
  /** The rubric versions of the scope's entries, in order of first use. */
  rubrics: RubricVersion[];
  /** The rubric's tie_break keys; null across sectors or rubrics (SCORING.md skips the step). */
  tieBreak: readonly string[] | null;
  ranked: RankedEntry[];
}

/** The entries of a scope: the whole round, or one sector of it. */
export function entriesInScope(data: RoundData, scope: string): RankedEntryRow[] {
  if (scope === OVERALL) return data.entries;
  const inScope = data.entries.filter((entry) => groupOf(entry) === scope);
  if (inScope.length === 0) {
    const sectors = [...new Set(data.entries.map(groupOf))];
    throw new SailError(
      'scope_empty',
      `评审批次“${data.round.name}”中没有领域为 ${scope} 的项目。可选：overall、${sectors.join('、')}`,
      `Round "${data.round.name}" has no entries in sector ${scope}. Choose overall or one of: ${sectors.join(', ')}`,
    );
  }
  return inScope;
}

/** Ranks a scope of an aggregation: the rubric's tie-break within one sector of one rubric. */
export function rankScope(
  data: RoundData,
  aggregation: RoundAggregation,
  scope: string,
): ScopeRanking {
  const entries = entriesInScope(data, scope);
  const rubrics = new Map<number, RubricVersion>();
  for (const entry of entries) {
    if (rubrics.has(entry.rubric_id)) continue;
    const rubric = data.rubricOf(entry.entry_id);
    if (rubric) rubrics.set(entry.rubric_id, rubric);
  }
  const [only] = rubrics.values();
  // Ranking across sectors skips the rubric's criteria (SCORING.md); the overall ranking of a
  // round of one sector crosses none, so it is that sector's ranking on every path.
  const acrossSectors = scope === OVERALL && new Set(entries.map(groupOf)).size > 1;
  const tieBreak = acrossSectors || rubrics.size !== 1 ? null : (only?.tie_break ?? []);
  const ranked = rankEntries(
    entries.map((entry) => aggregation.entries.get(entry.entry_id)).filter((a) => a !== undefined),
    { tieBreak },
  );
  return { entries, rubrics: [...rubrics.values()], tieBreak, ranked };
}

/** Values grouped by key, in first-seen order. */
export function groupBy<T>(pairs: Iterable<[string, T]>): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const [key, value] of pairs) {
    const list = groups.get(key);
    if (list) list.push(value);
    else groups.set(key, [value]);
  }
  return groups;
}
