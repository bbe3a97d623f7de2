// Rubrics: the library, stored versions, the rubric JSON format of CLI.md.
// One domain of the contract (contract.ts combines them): Node-free, like all of it.
import { z } from 'zod';
import type { RoundStatus, RubricDefinition, RubricVersion } from '../../core/domain';
import {
  RUBRIC_FIELD_NAMES,
  RUBRIC_KEY_FORMAT,
  RUBRIC_KEY_PATTERN,
  RUBRIC_SECTORS,
  unknownFieldProblem,
  unknownSectorProblem,
  type RubricObject,
} from '../../core/rubric';
import { describeIssues, issuePath, type IssueText } from '../schema-issues';
import { nonEmpty, readPath, writePath, op } from './shared';

const rubricKey = z.string().regex(RUBRIC_KEY_PATTERN, RUBRIC_KEY_FORMAT.en);

// Strict objects: a misspelt field ("tiebreak", "maximum") is refused, not silently dropped.
export const criterionSchema = z.strictObject({
  key: rubricKey,
  name_zh: nonEmpty,
  name_en: nonEmpty,
  max: z.number().positive(),
  guide_zh: z.string().default(''),
  guide_en: z.string().default(''),
});

export const gateSchema = z.strictObject({
  key: rubricKey,
  name_zh: nonEmpty,
  name_en: nonEmpty,
});

/** The rubric JSON format of CLI.md. Cross-field rules (sum to 100, keys) live in core/rubric. */
export const rubricSchema = z.strictObject({
  sector: z.enum(RUBRIC_SECTORS),
  name_zh: nonEmpty,
  name_en: nonEmpty,
  criteria: z.array(criterionSchema).min(1),
  gates: z.array(gateSchema).default([]),
  tie_break: z.array(z.string()).default([]),
});

const RUBRIC_FIELDS: Record<RubricObject, readonly string[]> = {
  rubric: Object.keys(rubricSchema.shape),
  criteria: Object.keys(criterionSchema.shape),
  gates: Object.keys(gateSchema.shape),
};

/**
 * A rubric document's shape problems in both languages, each at its path (criteria[2].max): the
 * same words in the CLI, the API and the window. Beyond describeIssues, an unknown field names
 * the fields its object takes, and a wrong sector lists the sectors with their Chinese names.
 */
export function describeRubricIssues(
  issues: readonly z.core.$ZodIssue[],
  json: unknown,
): IssueText {
  const lines: IssueText[] = [];
  const others = issues.filter((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const list = issue.path[0];
      const object = list === 'criteria' || list === 'gates' ? list : 'rubric';
      for (const key of issue.keys) {
        const path = issuePath([...issue.path, key]);
        const { zh, en } = unknownFieldProblem(key, object, RUBRIC_FIELDS[object]);
        lines.push({ zh: `${path}：${zh}`, en: `${path}: ${en}` });
      }
      return false;
    }
    if (issue.code === 'invalid_value' && issuePath(issue.path) === 'sector') {
      const { zh, en } = unknownSectorProblem((json as Record<string, unknown>).sector);
      lines.push({ zh: `sector（${RUBRIC_FIELD_NAMES.sector}）：${zh}`, en: `sector: ${en}` });
      return false;
    }
    return true;
  });
  if (others.length > 0) {
    lines.push(
      describeIssues(others, json, {
        fieldNames: RUBRIC_FIELD_NAMES,
        formats: { key: RUBRIC_KEY_FORMAT },
      }),
    );
  }
  return { zh: lines.map((l) => l.zh).join('；'), en: lines.map((l) => l.en).join('; ') };
}

/** A rubric version with the rounds that pin it (rubrics.list). */
export interface StoredRubric extends RubricVersion {
  rounds: Array<{ name: string; status: RoundStatus }>;
}

export interface RubricSaveResult {
  rubric: StoredRubric;
  /** True when the base version was changed in place (no round pins it, no score uses it). */
  in_place: boolean;
  /**
   * True when the rubric equals the version it would change or follow (the base edited in place,
   * else the sector's newest): nothing was written and `rubric` is that version.
   */
  unchanged: boolean;
}

export const rubricOperations = {
  'rubrics.library': op<RubricDefinition[]>('read')(z.object({})),
  'rubrics.list': op<StoredRubric[]>('read')(z.object({})),
  /** Adds a rubric as its sector's newest version; one equal to that version adds nothing. */
  'rubrics.import': op<RubricSaveResult>('write')(z.object({ rubric: z.unknown() })),
  'rubrics.export': op<RubricDefinition>('read')(
    z.object({ sector: nonEmpty, version: z.number().int().positive().optional() }),
  ),
  /**
   * Saves an edited rubric: in place over `base_id` while no round pins it and no score uses it,
   * otherwise as the newest version of its sector.
   */
  'rubrics.save': op<RubricSaveResult>('write')(
    z.object({ rubric: z.unknown(), base_id: z.number().int().positive().optional() }),
  ),
  /** Reads a rubric JSON file into the editor: its shape is checked, its sums are not. */
  'rubrics.read': op<RubricDefinition>('read')(
    z.object({
      path: readPath,
      /** Display name of the file when `path` is a temporary upload. */
      file_name: z.string().optional(),
    }),
  ),
  /** Writes a stored version as rubric JSON (the CLI.md format). */
  'rubrics.exportFile': op<{ path: string }>('write')(
    z.object({ id: z.number().int().positive(), path: writePath }),
  ),
} as const;
