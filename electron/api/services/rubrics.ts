// Rubrics: validating the JSON format, the shipped library, and versions in the project.
import { canonicalJson } from '../../core/canonical-json';
import type { RubricDefinition, RubricVersion } from '../../core/domain';
import { SailError } from '../../core/errors';
import { assertValidRubric } from '../../core/rubric';
import { writeRubricFile } from '../../io/rubric-file';
import { readJsonFile, readRubricLibrary } from '../../io/rubric-library';
import type { ProjectStore } from '../../store/project-store';
import type { RubricUse } from '../../store/repos/rubrics';
import {
  describeRubricIssues,
  rubricSchema,
  type RubricSaveResult,
  type StoredRubric,
} from '../contract';

/** Parses a rubric document (CLI.md format); every problem is named in both languages. */
export function parseRubric(json: unknown, source: string): RubricDefinition {
  const parsed = rubricSchema.safeParse(json);
  if (!parsed.success) {
    const detail = describeRubricIssues(parsed.error.issues, json);
    throw new SailError(
      'invalid_rubric',
      `评分细则格式不正确（${source}）：${detail.zh}`,
      `Invalid rubric (${source}): ${detail.en}`,
    );
  }
  assertValidRubric(parsed.data);
  return parsed.data;
}

export function rubricLibrary(resourcesDir: string): RubricDefinition[] {
  return readRubricLibrary(resourcesDir).map(({ file, json }) => parseRubric(json, file));
}

/** A new project starts with the library's rubrics as version 1 of each sector (CLI.md). */
export function seedLibrary(store: ProjectStore, resourcesDir: string): void {
  const library = rubricLibrary(resourcesDir);
  store.write(
    {
      action: 'rubrics.seed',
      subject: 'library',
      payload: { sectors: library.map((r) => r.sector) },
    },
    () => {
      for (const rubric of library) store.rubrics.addVersion(rubric, 'library');
    },
  );
}

/** A rubric that adds nothing: it equals the version it would change or follow. */
const sameContent = (rubric: RubricDefinition, version: RubricVersion) =>
  canonicalJson(rubric) === canonicalJson(definitionOf(version));

function unchanged(
  store: ProjectStore,
  version: RubricVersion,
  inPlace: boolean,
): RubricSaveResult {
  const rounds = store.rubrics.usage().get(version.id) ?? [];
  return { rubric: withRounds(version, rounds), in_place: inPlace, unchanged: true };
}

/** Adds a rubric as its sector's newest version, unless it is that version again. */
export function importRubric(store: ProjectStore, json: unknown, source: string): RubricSaveResult {
  return store.atomically(() => {
    const rubric = parseRubric(json, source);
    const newest = store.rubrics.latest(rubric.sector);
    if (newest && sameContent(rubric, newest)) return unchanged(store, newest, false);
    const added = store.write(
      { action: 'rubric.import', subject: rubric.sector, payload: rubric },
      () => store.rubrics.addVersion(rubric, 'import'),
    );
    return { rubric: withRounds(added, []), in_place: false, unchanged: false };
  });
}

/** The newest version of a sector, or the given one, as rubric JSON. */
export function exportRubric(
  store: ProjectStore,
  sector: string,
  version?: number,
): RubricDefinition {
  const rubric =
    version === undefined
      ? store.rubrics.latest(sector)
      : store.rubrics.list().find((r) => r.sector === sector && r.version === version);
  if (!rubric) {
    throw new SailError(
      'rubric_not_found',
      `项目中没有领域 ${sector} 的评分细则${version === undefined ? '' : `第 ${version} 版`}。`,
      `The project has no rubric ${version === undefined ? '' : `version ${version} `}for sector ${sector}.`,
    );
  }
  return definitionOf(rubric);
}

function definitionOf(rubric: RubricVersion): RubricDefinition {
  const { sector, name_zh, name_en, criteria, gates, tie_break } = rubric;
  return { sector, name_zh, name_en, criteria, gates, tie_break };
}

export function requireRubric(store: ProjectStore, id: number): RubricVersion {
  const rubric = store.rubrics.get(id);
  if (!rubric) {
    throw new SailError(
      'rubric_not_found',
      `找不到评分细则版本（编号 ${id}），它可能已被删除或属于另一个项目。`,
      `Rubric version ${id} not found; it may belong to another project.`,
    );
  }
  return rubric;
}

/** Every stored version with the rounds that pin it. */
export function listRubrics(store: ProjectStore): StoredRubric[] {
  const usage = store.rubrics.usage();
  return store.rubrics.list().map((rubric) => withRounds(rubric, usage.get(rubric.id) ?? []));
}

function withRounds(rubric: RubricVersion, uses: RubricUse[]): StoredRubric {
  return { ...rubric, rounds: uses.map(({ round, status }) => ({ name: round, status })) };
}

/**
 * Saves an edited rubric. It replaces `baseId` in place only while that version is of the same
 * sector, no round pins it and no score uses it; otherwise it becomes the sector's newest version,
 * so what a round pinned (and every score given with it) stays exactly as it was.
 */
export function saveRubric(store: ProjectStore, json: unknown, baseId?: number): RubricSaveResult {
  return store.atomically(() => {
    const rubric = parseRubric(json, 'editor');
    const base = baseId === undefined ? undefined : requireRubric(store, baseId);
    const inPlace =
      base !== undefined &&
      base.sector === rubric.sector &&
      !base.frozen &&
      !store.rubrics.usage().has(base.id);
    const compared = inPlace ? base : store.rubrics.latest(rubric.sector);
    if (compared && sameContent(rubric, compared)) return unchanged(store, compared, inPlace);
    const saved = store.write(
      {
        action: inPlace ? 'rubric.update' : 'rubric.save',
        subject: rubric.sector,
        payload: { base_id: base?.id ?? null, base_version: base?.version ?? null, rubric },
      },
      () =>
        base && inPlace
          ? store.rubrics.replace(base.id, rubric)
          : store.rubrics.addVersion(rubric, 'editor'),
    );
    return { rubric: withRounds(saved, []), in_place: inPlace, unchanged: false };
  });
}

/**
 * A rubric JSON file for the editor: its shape must hold; sums and keys are fixed there. Messages
 * name it `fileName` when given (the user's name of an upload), else by its path.
 */
export async function readRubricFile(path: string, fileName?: string): Promise<RubricDefinition> {
  const shown = fileName ?? path;
  const json = await readJsonFile(path, shown);
  const parsed = rubricSchema.safeParse(json);
  // parseRubric names every shape problem in both languages.
  return parsed.success ? parsed.data : parseRubric(json, shown);
}

export function exportRubricFile(store: ProjectStore, id: number, path: string): { path: string } {
  writeRubricFile(path, definitionOf(requireRubric(store, id)));
  return { path };
}
