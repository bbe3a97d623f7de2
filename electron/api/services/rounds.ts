// Looking up and creating rounds (评审批次).
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_AGGREGATION,
  type AggregationSettings,
  type Programme,
  type RubricVersion,
} from '../../core/domain';
import { SailError } from '../../core/errors';
import { GENERIC_RUBRIC_KEY, isSectorKey, sectorFromLabel, SECTOR_NAMES } from '../../core/sectors';
import type { ProjectStore } from '../../store/project-store';
import type { RoundRecord } from '../../store/repos/rounds';
import type { RoundDetail, RoundSummary } from '../contract';

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
  return {
    id: round.id,
    uuid: round.uuid,
    name: round.name,
    programme: round.programme,
    stage: round.stage,
    status: round.status,
    settings: roundSettings(round),
    entries: store.rounds.entryCount(round.id),
    reviews_submitted: store.reviews.countSubmitted(round.id),
    created_at: round.created_at,
  };
}

export function roundDetail(store: ProjectStore, round: RoundRecord): RoundDetail {
  return {
    ...summariseRound(store, round),
    sectors: store.rounds.sectors(round.id),
    pins: store.rounds
      .pins(round.id)
      .map((pin) => ({ sector: pin.sector, rubric: store.rubrics.require(pin.rubric_id) })),
  };
}

export interface CreateRoundRequest {
  name: string;
  programme: Programme;
  stage?: string | undefined;
  sectors?: string[] | undefined;
  settings: Partial<AggregationSettings>;
}

/**
 * Creates a round over the programme's entries (of the given sectors, or all), pinning the newest
 * rubric version of each sector; entries of a sector without a rubric use the 绽放杯 generic one.
 */
export function createRound(store: ProjectStore, request: CreateRoundRequest): RoundDetail {
  if (store.rounds.byName(request.name)) {
    throw new SailError(
      'round_exists',
      `评审批次“${request.name}”已存在，请换一个名称。`,
      `A round named "${request.name}" already exists; choose another name.`,
    );
  }
  const sectors = request.sectors?.map((label) => {
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
  const wanted = sectors ? new Set<string>(sectors) : null;
  const members = store.entries
    .list({
      programme: request.programme,
      sort: 'entry_id',
      direction: 'asc',
      offset: 0,
      limit: Number.MAX_SAFE_INTEGER,
    })
    .rows.filter((entry) => !wanted || (entry.sector !== null && wanted.has(entry.sector)));
  if (members.length === 0) {
    throw new SailError(
      'round_empty',
      `没有符合条件的申报项目（${request.programme}${sectors ? `，领域 ${sectors.join('、')}` : ''}）。请先导入项目。`,
      `No entries match (${request.programme}${sectors ? `, sectors ${sectors.join(', ')}` : ''}). Import entries first.`,
    );
  }

  const pinned = new Map<string, RubricVersion>();
  const missing = new Set<string>();
  const rubricFor = (sector: string | null): RubricVersion | undefined => {
    const key = sector && store.rubrics.latest(sector) ? sector : GENERIC_RUBRIC_KEY;
    const cached = pinned.get(key);
    if (cached) return cached;
    const rubric = store.rubrics.latest(key);
    if (rubric) pinned.set(key, rubric);
    else missing.add(sector ?? '—');
    return rubric;
  };
  const assigned = members.flatMap((entry) => {
    const rubric = rubricFor(entry.sector);
    return rubric ? [{ entry_id: entry.id, rubric_id: rubric.id }] : [];
  });
  if (missing.size > 0) {
    throw new SailError(
      'rubric_missing',
      `以下领域没有评分细则，也没有通用细则：${[...missing].join('、')}。请先导入评分细则。`,
      `No rubric (and no generic rubric) for sectors: ${[...missing].join(', ')}. Import a rubric first.`,
    );
  }
  const settings: AggregationSettings = { ...DEFAULT_AGGREGATION, ...request.settings };
  const uuid = randomUUID();
  store.write(
    {
      action: 'round.create',
      subject: uuid,
      payload: {
        name: request.name,
        programme: request.programme,
        stage: request.stage ?? null,
        sectors: sectors ?? null,
        settings,
        pins: [...pinned].map(([sector, rubric]) => ({
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
          pins: [...pinned].map(([sector, rubric]) => ({ sector, rubric_id: rubric.id })),
          entries: assigned,
        },
        new Date().toISOString(),
      ),
  );
  return roundDetail(store, requireRound(store, request.name));
}
