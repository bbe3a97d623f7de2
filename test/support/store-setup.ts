// Set-up of store tests: a rubric; entries and reviewers put in as another program would (raw SQL, so
// unjournalled), and a round of one sector's entries with its rubric pinned.
import { DEFAULT_AGGREGATION, type RubricDefinition } from '../../electron/core/domain';
import type { ProjectStore } from '../../electron/store/project-store';
import { projectFile } from './project-file';

/** A factory rubric of two criteria (60 + 40 points) and two gates. */
export const FACTORY_RUBRIC: RubricDefinition = {
  sector: 'factory',
  name_zh: '工厂',
  name_en: 'Factory',
  criteria: [
    { key: 'net', name_zh: '网络', name_en: 'Network', max: 60, guide_zh: '', guide_en: '' },
    { key: 'app', name_zh: '应用', name_en: 'Apps', max: 40, guide_zh: '', guide_en: '' },
  ],
  gates: [
    { key: 'licence', name_zh: '证照', name_en: 'Licence' },
    { key: 'safety', name_zh: '安全', name_en: 'Safety' },
  ],
  tie_break: ['app'],
};

/** Pioneer entries by external id and sector; their row ids in the same order. */
export function insertEntries(
  store: ProjectStore,
  entries: ReadonlyArray<{ id: string; sector: string }>,
): number[] {
  const insert = projectFile(store).prepare(
    `INSERT INTO entry (programme, external_id, title, applicant, sector, source_json, created_at, updated_at)
     VALUES ('pioneer', ?, 't', 'a', ?, '[]', 'now', 'now')`,
  );
  return entries.map(({ id, sector }) => Number(insert.run(id, sector).lastInsertRowid));
}

/** Reviewers by external id; their row ids in the same order. */
export function insertReviewers(store: ProjectStore, ids: readonly string[]): number[] {
  const insert = projectFile(store).prepare(
    "INSERT INTO reviewer (external_id, name, created_at, updated_at) VALUES (?, '专家', 'now', 'now')",
  );
  return ids.map((id) => Number(insert.run(id).lastInsertRowid));
}

/** A pioneer round (uuid `u1`, named `r`) of factory entries scored with `rubricId`; its id. */
export function createFactoryRound(
  store: ProjectStore,
  rubricId: number,
  entries: readonly number[],
): number {
  return store.rounds.create(
    {
      uuid: 'u1',
      name: 'r',
      programme: 'pioneer',
      stage: null,
      settings: DEFAULT_AGGREGATION,
      pins: [{ sector: 'factory', rubric_id: rubricId }],
      entries: entries.map((entry_id) => ({ entry_id, sector: 'factory', rubric_id: rubricId })),
    },
    'now',
  );
}
