// Shortlists: a ranking cut by one rule (top N, top p %, pass mark, per-sector quotas), saved
// with its rule, method and settings, and finalised (locked) once the panel agrees.
import {
  AGGREGATION_METHODS,
  type AggregationMethod,
  type AggregationSettings,
} from '../../core/domain';
import { SailError } from '../../core/errors';
import { borderlineEntries } from '../../core/scoring/robustness';
import {
  cutByRule,
  includedIn,
  type ShortlistCut,
  type ShortlistRule,
} from '../../core/scoring/shortlist';
import type { ProjectStore } from '../../store/project-store';
import type { RoundRecord } from '../../store/repos/rounds';
import type { ShortlistRecord } from '../../store/repos/shortlists';
import type {
  RankRow,
  ShortlistCutInfo,
  ShortlistDetail,
  ShortlistFlag,
  ShortlistPreview,
  ShortlistRow,
  ShortlistRuleInput,
  ShortlistSummary,
} from '../contract';
import { OVERALL, rankRound, type RoundRanking } from './ranking';
import type { RankOverrides } from './round-data';
import { requireRound } from './rounds';

/**
 * The scopes a rule cuts: the scope itself, or for quotas each sector's own ranking (every
 * sector of the round for the overall scope). A quota naming no sector of the round is refused.
 */
export function ruleScopes(
  store: ProjectStore,
  round: RoundRecord,
  scope: string,
  rule: ShortlistRule,
): string[] {
  if (rule.kind !== 'quotas') return [scope];
  const sectors = store.rounds.sectors(round.id);
  const unknown = Object.keys(rule.quotas).filter((sector) => !sectors.includes(sector));
  if (unknown.length > 0) {
    throw new SailError(
      'shortlist_unknown_sector',
      `名额中的领域不在评审批次“${round.name}”中：${unknown.join('、')}。可选：${sectors.join('、')}`,
      `Quotas name sectors not in round "${round.name}": ${unknown.join(', ')}. Sectors: ${sectors.join(', ')}`,
    );
  }
  return scope === OVERALL ? sectors : [scope];
}

/** The rankings a rule cuts under one method, and where each was cut. */
export interface MethodCut {
  rankings: Map<string, RoundRanking>;
  cuts: Map<string, ShortlistCut>;
  included: Set<string>;
}

export function cutRankings(
  rankings: ReadonlyMap<string, { rows: readonly RankRow[] }>,
  rule: ShortlistRule,
): { cuts: Map<string, ShortlistCut>; included: Set<string> } {
  const candidates = new Map(
    [...rankings].map(([scope, ranking]) => [
      scope,
      ranking.rows.map((row) => ({ entryKey: row.entry_id, rank: row.rank, score: row.score })),
    ]),
  );
  const cuts = cutByRule(candidates, rule);
  return { cuts, included: includedIn(cuts) };
}

export function cutUnder(
  store: ProjectStore,
  roundName: string,
  overrides: RankOverrides,
  scope: string,
  rule: ShortlistRule,
): MethodCut {
  const round = requireRound(store, roundName);
  const rankings = new Map(
    ruleScopes(store, round, scope, rule).map((s) => [
      s,
      rankRound(store, roundName, overrides, s),
    ]),
  );
  return { rankings, ...cutRankings(rankings, rule) };
}

/** The same cut under every method (for borderline entries and the robustness view). */
export function cutsByMethod(
  store: ProjectStore,
  roundName: string,
  trimK: number | undefined,
  scope: string,
  rule: ShortlistRule,
): Map<AggregationMethod, MethodCut> {
  return new Map(
    AGGREGATION_METHODS.map((method) => [
      method,
      cutUnder(store, roundName, { method, trim_k: trimK }, scope, rule),
    ]),
  );
}

export function cutInfo(cuts: ReadonlyMap<string, ShortlistCut>): ShortlistCutInfo[] {
  return [...cuts].map(([scope, cut]) => ({
    scope,
    cut_rank: cut.cutRank,
    cut_score: cut.cutScore,
    ranked: cut.ranked,
    admitted: cut.admitted,
  }));
}

export interface ShortlistInput {
  round: string;
  method?: AggregationMethod | undefined;
  trim_k?: number | undefined;
  scope: string;
  rule: ShortlistRuleInput;
}

interface Cut extends ShortlistPreview {
  round_id: number;
  dataDigest: () => string;
}

function cutShortlist(store: ProjectStore, input: ShortlistInput): Cut {
  const round = requireRound(store, input.round);
  const method = input.method ?? round.method;
  const byMethod = cutsByMethod(store, input.round, input.trim_k, input.scope, input.rule);
  const borderline = borderlineEntries([...byMethod.values()].map((cut) => cut.included));
  const chosen = byMethod.get(method) as MethodCut;
  const rows: ShortlistRow[] = [];
  for (const [scope, ranking] of chosen.rankings) {
    const cut = chosen.cuts.get(scope);
    const included = new Set(cut?.included);
    for (const row of ranking.rows) {
      if (!cut || !included.has(row.entry_id)) continue;
      const flags: ShortlistFlag[] = [...row.flags];
      if (cut.tiedAtCut.has(row.entry_id)) flags.push('tie_at_cut');
      if (borderline.has(row.entry_id)) flags.push('borderline');
      rows.push({
        entry_id: row.entry_id,
        title: row.title,
        applicant: row.applicant,
        sector: row.sector,
        rank: row.rank,
        score: row.score,
        flags,
      });
    }
  }
  const first = [...chosen.rankings.values()][0];
  if (!first) throw new Error('a rule cuts at least one ranking');
  return {
    round: round.name,
    round_id: round.id,
    scope: input.scope,
    rule: input.rule,
    settings: first.settings,
    cuts: cutInfo(chosen.cuts),
    rows,
    insufficient_ids: shortOfReviews(chosen.rankings.values()),
    dataDigest: first.dataDigest,
  };
}

/** Entries of the rankings with too few reviews, those with none (unranked) included. */
function shortOfReviews(rankings: Iterable<{ rows: readonly RankRow[] }>): string[] {
  return [...rankings].flatMap((ranking) =>
    ranking.rows
      .filter((row) => row.flags.includes('insufficient_reviews'))
      .map((row) => row.entry_id),
  );
}

export function previewShortlist(store: ProjectStore, input: ShortlistInput): ShortlistPreview {
  const { round_id: _id, dataDigest: _digest, ...preview } = cutShortlist(store, input);
  return preview;
}

/** What settings_json holds besides the rule. */
interface StoredSettings {
  scope: string;
  settings: AggregationSettings;
  cuts: ShortlistCutInfo[];
  data_digest: string;
}

export function createShortlist(
  store: ProjectStore,
  input: ShortlistInput & { name: string },
): ShortlistDetail {
  return store.atomically(() => {
    const name = input.name.trim();
    const cut = cutShortlist(store, input);
    const rowIds = new Map(store.rounds.entries(cut.round_id).map((e) => [e.entry_id, e.id]));
    const stored: StoredSettings = {
      scope: cut.scope,
      settings: cut.settings,
      cuts: cut.cuts,
      data_digest: cut.dataDigest(),
    };
    const id = store.write(
      {
        action: 'shortlist.create',
        subject: `${cut.round}/${name}`,
        payload: { rule: cut.rule, ...stored, entries: cut.rows.map((row) => row.entry_id) },
      },
      () => {
        if (store.shortlists.byName(cut.round_id, name)) throw shortlistExists(cut.round, name);
        return store.shortlists.insert(
          {
            round_id: cut.round_id,
            name,
            rule_json: JSON.stringify(cut.rule),
            settings_json: JSON.stringify(stored),
            rows: cut.rows.map((row) => ({
              entry_row_id: rowIds.get(row.entry_id) as number,
              rank: row.rank,
              score: row.score,
              flags: row.flags,
            })),
          },
          new Date().toISOString(),
        );
      },
    );
    return shortlistDetail(store, id);
  });
}

function shortlistExists(round: string, name: string): SailError {
  return new SailError(
    'shortlist_exists',
    `评审批次“${round}”中已有名为“${name}”的入围名单，请换一个名称。`,
    `Round "${round}" already has a shortlist named "${name}". Choose another name.`,
  );
}

function alreadyFinal(name: string): SailError {
  return new SailError(
    'shortlist_final',
    `入围名单“${name}”已定稿（锁定），不能再定稿、修改或删除。`,
    `Shortlist "${name}" is final (locked): it cannot be finalised again, changed or deleted.`,
  );
}

function requireShortlist(store: ProjectStore, id: number): ShortlistRecord {
  const record = store.shortlists.get(id);
  if (!record) {
    throw new SailError(
      'shortlist_not_found',
      `找不到编号为 ${id} 的入围名单。`,
      `No shortlist with id ${id}.`,
    );
  }
  return record;
}

function roundName(store: ProjectStore, roundId: number): string {
  return store.rounds.list().find((round) => round.id === roundId)?.name ?? String(roundId);
}

function summary(
  store: ProjectStore,
  record: ShortlistRecord,
  entries: number,
  round = roundName(store, record.round_id),
): ShortlistSummary & { stored: StoredSettings } {
  const stored = JSON.parse(record.settings_json) as StoredSettings;
  return {
    id: record.id,
    round,
    name: record.name,
    scope: stored.scope,
    rule: JSON.parse(record.rule_json) as ShortlistRuleInput,
    settings: stored.settings,
    status: record.status,
    override_reason: record.override_reason,
    created_at: record.created_at,
    finalised_at: record.finalised_at,
    entries,
    stored,
  };
}

export function listShortlists(store: ProjectStore, round: string): ShortlistSummary[] {
  const record = requireRound(store, round);
  return store.shortlists.list(record.id).map((row) => {
    const { stored: _stored, ...rest } = summary(store, row, row.entries, record.name);
    return rest;
  });
}

export function shortlistDetail(store: ProjectStore, id: number): ShortlistDetail {
  const record = requireShortlist(store, id);
  const rows: ShortlistRow[] = store.shortlists.rows(id).map((row) => ({
    entry_id: row.entry_id,
    title: row.title,
    applicant: row.applicant,
    sector: row.sector,
    rank: row.rank,
    score: row.score,
    flags: JSON.parse(row.flags_json) as ShortlistFlag[],
  }));
  const { stored, ...rest } = summary(store, record, rows.length);
  const { method, trim_k } = stored.settings;
  const ranking = rankRound(store, rest.round, { method, trim_k }, stored.scope);
  return {
    ...rest,
    cuts: stored.cuts,
    rows,
    insufficient_ids: shortOfReviews([ranking]),
    data_digest: stored.data_digest,
    stale: ranking.dataDigest() !== stored.data_digest,
  };
}

export function finaliseShortlist(
  store: ProjectStore,
  id: number,
  overrideReason: string | undefined,
): ShortlistDetail {
  return store.atomically(() => {
    const detail = shortlistDetail(store, id);
    const subject = `${detail.round}/${detail.name}`;
    if (detail.status === 'final') throw alreadyFinal(detail.name);
    if (detail.stale) {
      throw new SailError(
        'shortlist_stale',
        `入围名单“${detail.name}”保存后评分已有变动，请按当前评分重新生成名单后再定稿。`,
        `Scores changed after shortlist "${detail.name}" was saved. Create it again from the current scores, then finalise.`,
      );
    }
    const insufficient = detail.insufficient_ids;
    if (insufficient.length > 0 && overrideReason === undefined) {
      const listed = insufficient.slice(0, 10).join('、');
      const more = insufficient.length > 10 ? ` …（共 ${insufficient.length} 个）` : '';
      throw new SailError(
        'shortlist_insufficient_reviews',
        `名单所依据的排名中仍有 ${insufficient.length} 个项目评审数不足：${listed}${more}。补齐评审后名单可能改变；请补齐评审，或填写理由后强制定稿。`,
        `${insufficient.length} entries of the ranking the shortlist was cut from still have too few reviews: ${insufficient.slice(0, 10).join(', ')}${insufficient.length > 10 ? ' …' : ''}. Their reviews could change the list: complete them, or give a reason to finalise anyway.`,
      );
    }
    store.write(
      {
        action: 'shortlist.finalise',
        subject,
        payload: {
          id,
          data_digest: detail.data_digest,
          override_reason: overrideReason ?? null,
          insufficient_reviews: insufficient,
        },
      },
      () => {
        if (!store.shortlists.finalise(id, overrideReason ?? null, new Date().toISOString())) {
          throw alreadyFinal(detail.name);
        }
      },
    );
    return shortlistDetail(store, id);
  });
}

export function deleteShortlist(store: ProjectStore, id: number): null {
  return store.atomically(() => {
    const record = requireShortlist(store, id);
    store.write(
      {
        action: 'shortlist.delete',
        subject: `${roundName(store, record.round_id)}/${record.name}`,
        payload: { id },
      },
      () => {
        if (!store.shortlists.deleteDraft(id)) throw alreadyFinal(record.name);
      },
    );
    return null;
  });
}
