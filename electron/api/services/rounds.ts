// Rounds (评审批次): choosing their entries, pinning rubric versions, settings, and the state
// machine setup → scoring → locked (→ reopened to scoring with a recorded reason), whose rules
// are core/round-lifecycle's, checked in the transaction of each change.
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_AGGREGATION,
  rubricLabel,
  type AggregationSettings,
  type EntryRow,
  type Programme,
  type RubricVersion,
} from '../../core/domain';
import { matchEntryIds } from '../../core/entry-id-list';
import { SailError } from '../../core/errors';
import {
  assertSetupChange,
  roundTransition,
  type RoundTransition,
} from '../../core/round-lifecycle';
import {
  chooseRubric,
  groupKey,
  sectorKeys,
  sectorLabel,
  type RubricChoice,
} from '../../core/rubric-choice';
import { GENERIC_RUBRIC_KEY } from '../../core/sectors';
import { PROGRAMME_NAMES } from '../../core/vocabulary';
import type { DataVersion } from '../../store/change-log';
import type { ProjectStore } from '../../store/project-store';
import type { RoundRecord } from '../../store/repos/rounds';
import { dataVersion, sameVersion } from './ranking-inputs';
import type {
  Facet,
  RoundCreated,
  RoundDetail,
  RoundEvent,
  RoundPreview,
  RoundSectorChange,
  RoundSummary,
} from '../contract';

export function requireRound(store: ProjectStore, name: string): RoundRecord {
  const round = store.rounds.byName(name);
  if (!round) {
    const known = store.rounds.list().map((r) => r.name);
    throw new SailError(
      'round_not_found',
      `找不到评审批次“${name}”。${known.length ? `现有批次：${known.join('、')}` : '项目中还没有评审批次。'}`,
      `Round "${name}" not found. ${known.length ? `Rounds: ${known.join(', ')}` : 'The project has no rounds yet.'}`,
    );
  }
  return round;
}

export function roundSettings(round: RoundRecord): AggregationSettings {
  return {
    method: round.method,
    trim_k: round.trim_k,
    min_reviews: round.min_reviews,
    disagreement_threshold: round.disagreement_threshold,
  };
}

/**
 * Each round's review counts, counted once per state of the data: a window opening a project asks
 * for the overview and the round list together, and a national round counts 1.7 million reviews.
 */
const countedReviews = new WeakMap<
  ProjectStore,
  { version: DataVersion; rounds: Map<number, { submitted: number; draft: number }> }
>();

function reviewCounts(store: ProjectStore, roundId: number): { submitted: number; draft: number } {
  const version = dataVersion(store);
  let counted = countedReviews.get(store);
  if (!counted || !sameVersion(counted.version, version)) {
    counted = { version, rounds: new Map() };
    countedReviews.set(store, counted);
  }
  let counts = counted.rounds.get(roundId);
  if (!counts) {
    counts = store.rounds.reviewCounts(roundId);
    counted.rounds.set(roundId, counts);
  }
  return counts;
}

export function summariseRound(store: ProjectStore, round: RoundRecord): RoundSummary {
  const reviews = reviewCounts(store, round.id);
  return {
    id: round.id,
    uuid: round.uuid,
    name: round.name,
    programme: round.programme,
    stage: round.stage,
    status: round.status,
    settings: roundSettings(round),
    entries: store.rounds.entryCount(round.id),
    reviews_submitted: reviews.submitted,
    reviews_draft: reviews.draft,
    results_for_experts: round.results_for_experts === 1,
    created_at: round.created_at,
  };
}

/** The sector group of an entry: the key its rubric is pinned under in a round. */
export const groupOf = (entry: Pick<EntryRow, 'sector'>): string =>
  entry.sector ?? GENERIC_RUBRIC_KEY;

/** A rubric version as round events record it. */
const versionRef = ({ id, sector, version }: Pick<RubricVersion, 'id' | 'sector' | 'version'>) => ({
  rubric_id: id,
  sector,
  version,
});

/**
 * Entries whose sector now is not the group they were frozen in when they joined the round: their
 * sector changed in a re-import after the round was created.
 */
function sectorChanges(store: ProjectStore, round: RoundRecord): RoundSectorChange[] {
  const rubrics = new Map<number, RubricVersion>();
  return store.rounds.sectorChanges(round.id).map((change) => {
    const rubric = rubrics.get(change.rubric_id) ?? store.rubrics.require(change.rubric_id);
    rubrics.set(rubric.id, rubric);
    const { id, sector, version, name_zh, name_en } = rubric;
    return {
      entry_id: change.entry_id,
      title: change.title,
      sector: change.sector,
      ranked_in: change.ranked_in,
      rubric: { id, sector, version, name_zh, name_en },
      sector_pinned: change.sector_pinned === 1,
    };
  });
}

export function roundDetail(store: ProjectStore, round: RoundRecord): RoundDetail {
  const sizes = store.rounds.sectorSizes(round.id);
  return {
    ...summariseRound(store, round),
    sectors: store.rounds.sectors(round.id),
    tracks: store.rounds.tracks(round.id),
    pins: store.rounds.pins(round.id).map((pin) => {
      const rubric = store.rubrics.require(pin.rubric_id);
      const newest = store.rubrics.latest(rubric.sector);
      return {
        sector: pin.sector,
        rubric,
        entries: sizes.get(pin.sector) ?? 0,
        reviews: store.rounds.reviewsInSector(round.id, pin.sector),
        newer:
          newest && newest.version > rubric.version
            ? { id: newest.id, version: newest.version }
            : null,
      };
    }),
    sector_changes: sectorChanges(store, round),
    history: store.rounds.history(round.uuid).map((event): RoundEvent => ({
      seq: event.seq,
      at: event.at,
      actor: event.actor,
      action: event.action,
      payload: JSON.parse(event.payload_json) as Record<string, unknown>,
    })),
  };
}

// ---------- choosing the entries ----------

export interface RoundSelection {
  programme: Programme;
  sectors?: string[] | undefined;
  tracks?: string[] | undefined;
  provinces?: string[] | undefined;
  search?: string | undefined;
  entry_ids?: string[] | undefined;
}

function facets(values: Array<string | null>): Facet[] {
  const counts = new Map<string, number>();
  for (const value of values) if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value, 'zh'));
}

interface Selected {
  all: EntryRow[];
  members: EntryRow[];
  /** Listed ids that are no entry of the programme. */
  missing: string[];
  /** Listed ids of the programme's entries that the filters leave out. */
  filteredOut: string[];
}

/**
 * Every filter given must match. A list of ids narrows the candidates to those entries first: an
 * organiser giving a list and a sector means "the listed entries of that sector".
 */
function selectEntries(store: ProjectStore, selection: RoundSelection): Selected {
  const all = store.rounds.candidates(selection.programme);
  let candidates = all;
  let missing: string[] = [];
  if (selection.entry_ids) {
    const matched = matchEntryIds(selection.entry_ids, all);
    const [unclear] = matched.ambiguous;
    if (unclear) {
      throw new SailError(
        'entry_id_ambiguous',
        `编号“${unclear.id}”不区分大小写时对应多个项目（${unclear.entry_ids.join('、')}），请按项目中的写法填写。`,
        `The id "${unclear.id}" names several entries when case is ignored (${unclear.entry_ids.join(', ')}); write it as the project stores it.`,
      );
    }
    candidates = matched.found;
    missing = matched.missing;
  }
  const sectors = selection.sectors?.length ? new Set(sectorKeys(selection.sectors)) : null;
  const tracks = selection.tracks?.length ? new Set(selection.tracks) : null;
  const provinces = selection.provinces?.length ? new Set(selection.provinces) : null;
  const search = selection.search?.trim().toLowerCase() ?? '';
  const members = candidates.filter(
    (entry) =>
      (!sectors || (entry.sector !== null && sectors.has(entry.sector))) &&
      (!tracks || (entry.track !== null && tracks.has(entry.track))) &&
      (!provinces || (entry.province !== null && provinces.has(entry.province))) &&
      (!search ||
        [entry.entry_id, entry.title, entry.applicant].some((text) =>
          text.toLowerCase().includes(search),
        )),
  );
  const kept = new Set(members);
  const filteredOut = selection.entry_ids
    ? candidates.filter((entry) => !kept.has(entry)).map((entry) => entry.entry_id)
    : [];
  return { all, members, missing, filteredOut };
}

/**
 * The version a sector group pins by default: the newest of the 绽放杯 generic rubric for a
 * 绽放杯 round (falling back to the sector's own), the newest of the sector's rubric for 领航者
 * (falling back to the generic one).
 */
function defaultRubric(
  store: ProjectStore,
  programme: Programme,
  group: string,
): RubricVersion | undefined {
  const order = programme === 'bloom' ? [GENERIC_RUBRIC_KEY, group] : [group, GENERIC_RUBRIC_KEY];
  for (const sector of order) {
    const rubric = store.rubrics.latest(sector);
    if (rubric) return rubric;
  }
  return undefined;
}

function groupSizes(members: EntryRow[]): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const entry of members) sizes.set(groupOf(entry), (sizes.get(groupOf(entry)) ?? 0) + 1);
  return new Map([...sizes].sort(([a], [b]) => a.localeCompare(b)));
}

export function previewRound(store: ProjectStore, selection: RoundSelection): RoundPreview {
  const { all, members, missing, filteredOut } = selectEntries(store, selection);
  return {
    entries: members.length,
    missing_ids: missing,
    filtered_out_ids: filteredOut,
    groups: [...groupSizes(members)].map(([sector, entries]) => ({
      sector,
      entries,
      default_rubric_id: defaultRubric(store, selection.programme, sector)?.id ?? null,
    })),
    options: {
      sectors: facets(all.map((entry) => entry.sector)),
      tracks: facets(all.map((entry) => entry.track)),
      provinces: facets(all.map((entry) => entry.province)),
    },
  };
}

/** A version a sector may pin: one of that sector's own rubric or of the generic one. */
function pinnable(store: ProjectStore, sector: string, rubricId: number): RubricVersion {
  const rubric = store.rubrics.get(rubricId);
  if (!rubric || (rubric.sector !== sector && rubric.sector !== GENERIC_RUBRIC_KEY)) {
    const label = sectorLabel(sector);
    const chosen = rubric ? rubricLabel(rubric) : { zh: `编号 ${rubricId}`, en: `id ${rubricId}` };
    throw new SailError(
      'rubric_not_pinnable',
      `领域“${label.zh}”只能使用本领域或通用评分细则的某一版本，不能使用“${chosen.zh}”。`,
      `Sector ${label.en} can use a version of its own rubric or of the generic one, not "${chosen.en}".`,
    );
  }
  return rubric;
}

/** Refuses a pin for a sector group the round (or the selection) has no entries in. */
function noSuchGroup(sector: string, where: { zh: string; en: string }): SailError {
  const label = sectorLabel(sector);
  return new SailError(
    'pin_unknown_sector',
    `${where.zh}没有领域为“${label.zh}”的项目，不能为它指定评分细则。`,
    `${where.en} has no entries in sector ${label.en}; it cannot pin a rubric for it.`,
  );
}

export interface CreateRoundRequest extends RoundSelection {
  name: string;
  stage: string;
  /** Rubric version id per sector group (the window's choice). */
  pins?: Record<string, number> | undefined;
  /** Rubric per sector by version (the CLI's choice); the key 'all' stands for every sector. */
  rubrics?: Record<string, RubricChoice> | undefined;
  settings: Partial<AggregationSettings>;
}

/**
 * The version each sector group pins: the id the window chose, else the version named for the
 * sector, else the one named for 'all', else the programme's default.
 */
function pinsOf(
  store: ProjectStore,
  request: CreateRoundRequest,
  groups: Map<string, number>,
): Map<string, RubricVersion> {
  const selection = { zh: '所选项目中', en: 'The selection' };
  for (const sector of Object.keys(request.pins ?? {})) {
    if (!groups.has(sector)) throw noSuchGroup(sector, selection);
  }
  const named = new Map<string, RubricChoice>();
  for (const [label, choice] of Object.entries(request.rubrics ?? {})) {
    const group = label === 'all' ? label : groupKey(label);
    if (group !== 'all' && !groups.has(group)) throw noSuchGroup(group, selection);
    named.set(group, choice);
  }
  const versions = named.size > 0 ? store.rubrics.list() : [];
  const pins = new Map<string, RubricVersion>();
  const missingRubric: string[] = [];
  for (const sector of groups.keys()) {
    const id = request.pins?.[sector];
    const choice = named.get(sector) ?? named.get('all');
    const rubric =
      id !== undefined
        ? pinnable(store, sector, id)
        : choice !== undefined
          ? chooseRubric(versions, sector, choice)
          : defaultRubric(store, request.programme, sector);
    if (rubric) pins.set(sector, rubric);
    else missingRubric.push(sector);
  }
  if (missingRubric.length > 0) throw noRubric(missingRubric);
  return pins;
}

/** Refuses sector groups that neither a rubric of their own nor the generic one can pin. */
function noRubric(sectors: string[]): SailError {
  const labels = sectors.map(sectorLabel);
  return new SailError(
    'rubric_missing',
    `以下领域没有评分细则，也没有通用细则：${labels.map((l) => l.zh).join('、')}。请先导入评分细则。`,
    `No rubric (and no generic rubric) for sectors: ${labels.map((l) => l.en).join(', ')}. Import a rubric first.`,
  );
}

/** Creates a round in setup over the selected entries, pinning one version per sector. */
export function createRound(store: ProjectStore, request: CreateRoundRequest): RoundCreated {
  return store.atomically(() => {
    if (store.rounds.byName(request.name)) {
      throw new SailError(
        'round_exists',
        `评审批次“${request.name}”已存在，请换一个名称。`,
        `A round named "${request.name}" already exists; choose another name.`,
      );
    }
    const { members, missing, filteredOut } = selectEntries(store, request);
    if (members.length === 0) {
      const programme = PROGRAMME_NAMES[request.programme];
      const listOnly = missing.length > 0 && filteredOut.length === 0;
      throw new SailError(
        'round_empty',
        listOnly
          ? `清单中的编号都不是${programme.zh}的申报项目：${missing.slice(0, 20).join('、')}`
          : `没有符合条件的${programme.zh}申报项目。请先导入项目，或放宽筛选条件。`,
        listOnly
          ? `None of the listed ids is a ${programme.en} entry: ${missing.slice(0, 20).join(', ')}`
          : `No ${programme.en} entries match. Import entries first, or widen the filters.`,
      );
    }
    const pins = pinsOf(store, request, groupSizes(members));
    const settings: AggregationSettings = { ...DEFAULT_AGGREGATION, ...request.settings };
    const uuid = randomUUID();
    const pinList = [...pins].map(([sector, rubric]) => ({ sector, rubric_id: rubric.id }));
    store.write(
      {
        action: 'round.create',
        subject: uuid,
        payload: {
          name: request.name,
          programme: request.programme,
          stage: request.stage,
          selection: {
            ...(request.entry_ids
              ? {
                  entry_ids: request.entry_ids.length,
                  missing: missing.length,
                  filtered_out: filteredOut.length,
                }
              : {}),
            sectors: request.sectors ?? null,
            tracks: request.tracks ?? null,
            provinces: request.provinces ?? null,
            search: request.search ?? null,
          },
          settings,
          pins: [...pins].map(([sector, rubric]) => ({
            sector,
            rubric_id: rubric.id,
            version: rubric.version,
          })),
          entries: members.length,
        },
      },
      () =>
        store.rounds.create(
          {
            uuid,
            name: request.name,
            programme: request.programme,
            stage: request.stage,
            settings,
            pins: pinList,
            entries: members.map((entry) => ({
              entry_id: entry.id,
              sector: groupOf(entry),
              rubric_id: (pins.get(groupOf(entry)) as RubricVersion).id,
            })),
          },
          new Date().toISOString(),
        ),
    );
    return {
      ...roundDetail(store, requireRound(store, request.name)),
      missing_ids: missing,
      filtered_out_ids: filteredOut,
    };
  });
}

// ---------- setup: settings and pins ----------

export interface UpdateRoundRequest {
  /** A round keeps a stage: it can change, not go. */
  stage?: string | undefined;
  settings: Partial<AggregationSettings>;
}

export function updateRound(
  store: ProjectStore,
  name: string,
  request: UpdateRoundRequest,
): RoundDetail {
  return store.atomically(() => {
    const round = requireRound(store, name);
    assertSetupChange(round, 'settings');
    const stage = request.stage === undefined ? round.stage : request.stage;
    const settings: AggregationSettings = { ...roundSettings(round), ...request.settings };
    store.write(
      {
        action: 'round.update',
        subject: round.uuid,
        payload: {
          before: { stage: round.stage, settings: roundSettings(round) },
          after: { stage, settings },
        },
      },
      () => store.rounds.updateSetup(round.id, stage, settings),
    );
    return roundDetail(store, requireRound(store, name));
  });
}

/** Whether experts may see the panel's results once the round is locked. */
export function shareResults(store: ProjectStore, name: string, shown: boolean): RoundDetail {
  return store.atomically(() => {
    const round = requireRound(store, name);
    if ((round.results_for_experts === 1) !== shown) {
      store.write(
        {
          action: 'round.share_results',
          subject: round.uuid,
          payload: { name: round.name, shown },
        },
        () => store.rounds.setResultsForExperts(round.id, shown),
      );
    }
    return roundDetail(store, requireRound(store, name));
  });
}

/** Moves a sector group's pin to another version; every entry of that group is scored with it. */
export function pinRubric(
  store: ProjectStore,
  name: string,
  sector: string,
  rubricId: number,
): RoundDetail {
  return store.atomically(() => {
    const round = requireRound(store, name);
    assertSetupChange(round, 'pins');
    // The CLI may name the sector in Chinese (工厂) as the entry files do.
    const group = groupKey(sector);
    const pin = store.rounds.pins(round.id).find((p) => p.sector === group);
    if (!pin)
      throw noSuchGroup(group, { zh: `评审批次“${round.name}”中`, en: `Round "${round.name}"` });
    const reviews = store.rounds.reviewsInSector(round.id, group);
    if (reviews > 0) {
      const label = sectorLabel(group);
      throw new SailError(
        'pin_has_reviews',
        `评审批次“${round.name}”中领域“${label.zh}”已有 ${reviews} 份评审，不能再更换评分细则版本。`,
        `Round "${round.name}" already has ${reviews} reviews in sector ${label.en}; its rubric version can no longer change.`,
      );
    }
    const rubric = pinnable(store, group, rubricId);
    const before = store.rubrics.require(pin.rubric_id);
    if (rubric.id === before.id) return roundDetail(store, round);
    store.write(
      {
        action: 'round.pin',
        subject: round.uuid,
        payload: { sector: group, before: versionRef(before), after: versionRef(rubric) },
      },
      () => store.rounds.movePin(round.id, group, rubric.id),
    );
    return roundDetail(store, requireRound(store, name));
  });
}

/**
 * Moves the entries whose sector changed after the round was created into the group of their
 * sector now, scored with its pin; a group the round pins nothing for gets the version the
 * programme uses by default. Only in setup: once scoring starts, entries stay in the group and
 * with the rubric they are scored with. (A review starts the round, so setup has none to mix.)
 */
export function regroupRound(store: ProjectStore, name: string): RoundDetail {
  return store.atomically(() => {
    const round = requireRound(store, name);
    assertSetupChange(round, 'groups');
    const changes = sectorChanges(store, round);
    if (changes.length === 0) return roundDetail(store, round);
    const pins = new Map(
      store.rounds.pins(round.id).map((pin) => [pin.sector, store.rubrics.require(pin.rubric_id)]),
    );
    const added = new Map<string, RubricVersion>();
    const missingRubric: string[] = [];
    for (const sector of new Set(changes.map((change) => change.sector))) {
      if (pins.has(sector)) continue;
      const rubric = defaultRubric(store, round.programme, sector);
      if (rubric) added.set(sector, rubric);
      else missingRubric.push(sector);
    }
    if (missingRubric.length > 0) throw noRubric(missingRubric);
    // A group every entry leaves loses its pin: a round pins the groups of its entries.
    const sizes = store.rounds.sectorSizes(round.id);
    for (const change of changes) {
      sizes.set(change.ranked_in, (sizes.get(change.ranked_in) ?? 0) - 1);
      sizes.set(change.sector, (sizes.get(change.sector) ?? 0) + 1);
    }
    const removed = [...pins].filter(([sector]) => (sizes.get(sector) ?? 0) === 0);
    const target = new Map([...pins, ...added]);
    store.write(
      {
        action: 'round.regroup',
        subject: round.uuid,
        payload: {
          entries: changes.map((change) => ({
            entry_id: change.entry_id,
            from: change.ranked_in,
            to: change.sector,
            before: versionRef(change.rubric),
            after: versionRef(target.get(change.sector) as RubricVersion),
          })),
          pins_added: [...added].map(([sector, rubric]) => ({
            sector,
            rubric: versionRef(rubric),
          })),
          pins_removed: removed.map(([sector, rubric]) => ({ sector, rubric: versionRef(rubric) })),
        },
      },
      () =>
        store.rounds.regroup(
          round.id,
          [...added].map(([sector, rubric]) => ({ sector, rubric_id: rubric.id })),
        ),
    );
    return roundDetail(store, requireRound(store, name));
  });
}

// ---------- the state machine (core/round-lifecycle) ----------

export function changeRoundStatus(
  store: ProjectStore,
  name: string,
  transition: RoundTransition,
  reason?: string,
): RoundDetail {
  return store.atomically(() => {
    const round = requireRound(store, name);
    const step = roundTransition(round, transition, reason);
    const reviews = store.rounds.reviewCounts(round.id);
    store.write(
      {
        action: `round.${transition}`,
        subject: round.uuid,
        payload: {
          name: round.name,
          from: step.from,
          to: step.to,
          ...(step.reason ? { reason: step.reason } : {}),
          reviews_submitted: reviews.submitted,
          reviews_draft: reviews.draft,
        },
      },
      () => store.rounds.setStatus(round.id, step.to),
    );
    return roundDetail(store, requireRound(store, name));
  });
}
