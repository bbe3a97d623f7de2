// Rounds (评审批次): choosing their entries, pinning rubric versions, settings, and the state
// machine setup → scoring → locked (→ reopened to scoring with a recorded reason).
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_AGGREGATION,
  type AggregationSettings,
  type EntryRow,
  type Programme,
  type RoundStatus,
  type RubricVersion,
} from '../../core/domain';
import { SailError } from '../../core/errors';
import { GENERIC_RUBRIC_KEY, isSectorKey, sectorFromLabel, SECTOR_NAMES } from '../../core/sectors';
import type { ProjectStore } from '../../store/project-store';
import type { RoundRecord } from '../../store/repos/rounds';
import type {
  Facet,
  RoundCreated,
  RoundDetail,
  RoundEvent,
  RoundPreview,
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

export function summariseRound(store: ProjectStore, round: RoundRecord): RoundSummary {
  const reviews = store.rounds.reviewCounts(round.id);
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
    created_at: round.created_at,
  };
}

/** The sector group of an entry: the key its rubric is pinned under in a round. */
const groupOf = (entry: Pick<EntryRow, 'sector'>): string => entry.sector ?? GENERIC_RUBRIC_KEY;

export function roundDetail(store: ProjectStore, round: RoundRecord): RoundDetail {
  const sizes = store.rounds.sectorSizes(round.id);
  return {
    ...summariseRound(store, round),
    sectors: store.rounds.sectors(round.id),
    tracks: store.rounds.tracks(round.id),
    pins: store.rounds.pins(round.id).map((pin) => ({
      sector: pin.sector,
      rubric: store.rubrics.require(pin.rubric_id),
      entries: sizes.get(pin.sector) ?? 0,
      reviews: store.rounds.reviewsInSector(round.id, pin.sector),
    })),
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

function sectorKeys(labels: string[]): string[] {
  return labels.map((label) => {
    const key = isSectorKey(label) ? label : sectorFromLabel(label);
    if (!key) {
      throw new SailError(
        'unknown_sector',
        `未知的领域“${label}”。可用领域：${Object.entries(SECTOR_NAMES)
          .map(([k, n]) => `${k}（${n.zh}）`)
          .join('、')}`,
        `Unknown sector "${label}". Sectors: ${Object.keys(SECTOR_NAMES).join(', ')}`,
      );
    }
    return key;
  });
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
  missing: string[];
}

/** A list of ids selects exactly those entries; otherwise every filter given must match. */
function selectEntries(store: ProjectStore, selection: RoundSelection): Selected {
  const all = store.rounds.candidates(selection.programme);
  if (selection.entry_ids) {
    const byId = new Map(all.map((entry) => [entry.entry_id, entry]));
    const ids = [...new Set(selection.entry_ids.map((id) => id.trim()))];
    return {
      all,
      members: ids.flatMap((id) => byId.get(id) ?? []),
      missing: ids.filter((id) => !byId.has(id)),
    };
  }
  const sectors = selection.sectors?.length ? new Set(sectorKeys(selection.sectors)) : null;
  const tracks = selection.tracks?.length ? new Set(selection.tracks) : null;
  const provinces = selection.provinces?.length ? new Set(selection.provinces) : null;
  const search = selection.search?.trim().toLowerCase() ?? '';
  const members = all.filter(
    (entry) =>
      (!sectors || (entry.sector !== null && sectors.has(entry.sector))) &&
      (!tracks || (entry.track !== null && tracks.has(entry.track))) &&
      (!provinces || (entry.province !== null && provinces.has(entry.province))) &&
      (!search ||
        [entry.entry_id, entry.title, entry.applicant].some((text) =>
          text.toLowerCase().includes(search),
        )),
  );
  return { all, members, missing: [] };
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
  const { all, members, missing } = selectEntries(store, selection);
  return {
    entries: members.length,
    missing_ids: missing,
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
    throw new SailError(
      'rubric_not_pinnable',
      `领域 ${sector} 只能使用本领域或通用评分细则的某一版本（编号 ${rubricId} 不符合）。`,
      `Sector ${sector} can pin a version of its own rubric or of the generic one (not rubric ${rubricId}).`,
    );
  }
  return rubric;
}

export interface CreateRoundRequest extends RoundSelection {
  name: string;
  stage?: string | undefined;
  pins?: Record<string, number> | undefined;
  settings: Partial<AggregationSettings>;
}

/** Creates a round in setup over the selected entries, pinning one version per sector. */
export function createRound(store: ProjectStore, request: CreateRoundRequest): RoundCreated {
  if (store.rounds.byName(request.name)) {
    throw new SailError(
      'round_exists',
      `评审批次“${request.name}”已存在，请换一个名称。`,
      `A round named "${request.name}" already exists; choose another name.`,
    );
  }
  const { members, missing } = selectEntries(store, request);
  if (members.length === 0) {
    const list = missing.length > 0;
    throw new SailError(
      'round_empty',
      list
        ? `名单中的编号都不是${request.programme}的申报项目：${missing.slice(0, 20).join('、')}`
        : `没有符合条件的申报项目（${request.programme}）。请先导入项目，或放宽筛选条件。`,
      list
        ? `None of the listed ids is a ${request.programme} entry: ${missing.slice(0, 20).join(', ')}`
        : `No ${request.programme} entries match. Import entries first, or widen the filters.`,
    );
  }
  const groups = groupSizes(members);
  for (const sector of Object.keys(request.pins ?? {})) {
    if (!groups.has(sector)) {
      throw new SailError(
        'pin_unknown_sector',
        `所选项目中没有领域 ${sector}，不能为它指定评分细则。`,
        `No selected entry is in sector ${sector}; it cannot pin a rubric.`,
      );
    }
  }
  const pins = new Map<string, RubricVersion>();
  const missingRubric: string[] = [];
  for (const sector of groups.keys()) {
    const chosen = request.pins?.[sector];
    const rubric =
      chosen === undefined
        ? defaultRubric(store, request.programme, sector)
        : pinnable(store, sector, chosen);
    if (rubric) pins.set(sector, rubric);
    else missingRubric.push(sector);
  }
  if (missingRubric.length > 0) {
    throw new SailError(
      'rubric_missing',
      `以下领域没有评分细则，也没有通用细则：${missingRubric.join('、')}。请先导入评分细则。`,
      `No rubric (and no generic rubric) for sectors: ${missingRubric.join(', ')}. Import a rubric first.`,
    );
  }
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
        stage: request.stage ?? null,
        selection: request.entry_ids
          ? { entry_ids: request.entry_ids.length, missing: missing.length }
          : {
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
          stage: request.stage ?? null,
          settings,
          pins: pinList,
          entries: members.map((entry) => ({
            entry_id: entry.id,
            rubric_id: (pins.get(groupOf(entry)) as RubricVersion).id,
          })),
        },
        new Date().toISOString(),
      ),
  );
  return { ...roundDetail(store, requireRound(store, request.name)), missing_ids: missing };
}

// ---------- setup: settings and pins ----------

const STATUS_NAMES: Record<RoundStatus, { zh: string; en: string }> = {
  setup: { zh: '筹备中', en: 'in setup' },
  scoring: { zh: '评分中', en: 'scoring' },
  locked: { zh: '已锁定', en: 'locked' },
};

function assertSetup(round: RoundRecord, what: { zh: string; en: string }): void {
  if (round.status !== 'setup') {
    throw new SailError(
      'round_not_in_setup',
      `评审批次“${round.name}”${STATUS_NAMES[round.status].zh}，${what.zh}只能在筹备阶段修改。`,
      `Round "${round.name}" is ${STATUS_NAMES[round.status].en}; ${what.en} can change only in setup.`,
    );
  }
}

export interface UpdateRoundRequest {
  stage?: string | null | undefined;
  settings: Partial<AggregationSettings>;
}

export function updateRound(
  store: ProjectStore,
  name: string,
  request: UpdateRoundRequest,
): RoundDetail {
  const round = requireRound(store, name);
  assertSetup(round, { zh: '阶段和汇总设置', en: 'its stage and settings' });
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
}

/** Moves a sector's pin to another version; its entries are then scored with that version. */
export function pinRubric(
  store: ProjectStore,
  name: string,
  sector: string,
  rubricId: number,
): RoundDetail {
  const round = requireRound(store, name);
  assertSetup(round, { zh: '评分细则版本', en: 'its rubric versions' });
  const pin = store.rounds.pins(round.id).find((p) => p.sector === sector);
  if (!pin) {
    throw new SailError(
      'pin_unknown_sector',
      `评审批次“${round.name}”中没有领域 ${sector} 的项目。`,
      `Round "${round.name}" has no entries in sector ${sector}.`,
    );
  }
  const reviews = store.rounds.reviewsInSector(round.id, sector);
  if (reviews > 0) {
    throw new SailError(
      'pin_has_reviews',
      `评审批次“${round.name}”的领域 ${sector} 已有 ${reviews} 份评审，不能再更换评分细则版本。`,
      `Round "${round.name}" already has ${reviews} reviews in sector ${sector}; its rubric version can no longer change.`,
    );
  }
  const rubric = pinnable(store, sector, rubricId);
  const before = store.rubrics.require(pin.rubric_id);
  store.write(
    {
      action: 'round.pin',
      subject: round.uuid,
      payload: {
        sector,
        before: { rubric_id: before.id, sector: before.sector, version: before.version },
        after: { rubric_id: rubric.id, sector: rubric.sector, version: rubric.version },
      },
    },
    () => store.rounds.movePin(round.id, sector, rubric.id),
  );
  return roundDetail(store, requireRound(store, name));
}

// ---------- the state machine ----------

type Transition = 'start' | 'lock' | 'reopen';

const TRANSITIONS: Record<
  Transition,
  { from: RoundStatus; to: RoundStatus; zh: string; en: string }
> = {
  start: { from: 'setup', to: 'scoring', zh: '开始评审', en: 'start scoring' },
  lock: { from: 'scoring', to: 'locked', zh: '锁定', en: 'lock' },
  reopen: { from: 'locked', to: 'scoring', zh: '重新开放', en: 'reopen' },
};

/** What to do instead, for a transition refused in a status. */
const REFUSAL_HINT: Record<RoundStatus, { zh: string; en: string }> = {
  setup: { zh: '请先开始评审', en: 'start scoring first' },
  scoring: { zh: '评审正在进行', en: 'scoring is under way' },
  locked: {
    zh: '如需修改，请先重新开放并填写原因',
    en: 'reopen it with a reason to change anything',
  },
};

export function changeRoundStatus(
  store: ProjectStore,
  name: string,
  transition: Transition,
  reason?: string,
): RoundDetail {
  const round = requireRound(store, name);
  const step = TRANSITIONS[transition];
  if (round.status !== step.from) {
    throw new SailError(
      'round_transition_refused',
      `评审批次“${round.name}”${STATUS_NAMES[round.status].zh}，不能${step.zh}（${REFUSAL_HINT[round.status].zh}）。`,
      `Round "${round.name}" is ${STATUS_NAMES[round.status].en}; it cannot ${step.en} (${REFUSAL_HINT[round.status].en}).`,
    );
  }
  const why = reason?.trim() ?? '';
  if (transition === 'reopen' && why === '') {
    throw new SailError(
      'reason_required',
      `重新开放评审批次“${round.name}”须填写原因，原因会记入审计记录。`,
      `Reopening round "${round.name}" needs a reason; it is recorded in the audit trail.`,
    );
  }
  const reviews = store.rounds.reviewCounts(round.id);
  store.write(
    {
      action: `round.${transition}`,
      subject: round.uuid,
      payload: {
        name: round.name,
        from: step.from,
        to: step.to,
        ...(why ? { reason: why } : {}),
        reviews_submitted: reviews.submitted,
        reviews_draft: reviews.draft,
      },
    },
    () => store.rounds.setStatus(round.id, step.to),
  );
  return roundDetail(store, requireRound(store, name));
}
