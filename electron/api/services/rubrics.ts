// Rubrics: validating the JSON format, the shipped library, and versions in the project.
import type { RubricDefinition } from '../../core/domain';
import { SailError } from '../../core/errors';
import { assertValidRubric } from '../../core/rubric';
import { readRubricLibrary } from '../../io/rubric-library';
import type { ProjectStore } from '../../store/project-store';
import { rubricSchema } from '../contract';

/** Parses a rubric document (CLI.md format); every problem is named in both languages. */
export function parseRubric(json: unknown, source: string): RubricDefinition {
  const parsed = rubricSchema.safeParse(json);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new SailError(
      'invalid_rubric',
      `评分细则格式不正确（${source}）：${detail}`,
      `Invalid rubric (${source}): ${detail}`,
    );
  }
  assertValidRubric(parsed.data, source);
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

export function importRubric(store: ProjectStore, json: unknown, source: string) {
  const rubric = parseRubric(json, source);
  return store.write({ action: 'rubric.import', subject: rubric.sector, payload: rubric }, () =>
    store.rubrics.addVersion(rubric, 'import'),
  );
}

export function exportRubric(store: ProjectStore, sector: string): RubricDefinition {
  const rubric = store.rubrics.latest(sector);
  if (!rubric) {
    throw new SailError(
      'rubric_not_found',
      `项目中没有领域 ${sector} 的评分细则。`,
      `The project has no rubric for sector ${sector}.`,
    );
  }
  const { sector: key, name_zh, name_en, criteria, gates, tie_break } = rubric;
  return { sector: key, name_zh, name_en, criteria, gates, tie_break };
}
