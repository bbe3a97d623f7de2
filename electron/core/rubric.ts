// Cross-field rules of a rubric that a JSON schema cannot express.
import type { RubricDefinition } from './domain';
import { SailError } from './errors';

export const RUBRIC_TOTAL = 100;

export interface RubricProblem {
  zh: string;
  en: string;
}

export function rubricProblems(rubric: RubricDefinition): RubricProblem[] {
  const problems: RubricProblem[] = [];
  const total = rubric.criteria.reduce((sum, criterion) => sum + criterion.max, 0);
  if (Math.abs(total - RUBRIC_TOTAL) > 1e-9) {
    problems.push({
      zh: `各评分项满分之和应为 100，现为 ${total}`,
      en: `criterion maxima must sum to 100, got ${total}`,
    });
  }
  const keys = new Set<string>();
  for (const item of [...rubric.criteria, ...rubric.gates]) {
    if (keys.has(item.key)) {
      problems.push({ zh: `标识重复：${item.key}`, en: `duplicate key: ${item.key}` });
    }
    keys.add(item.key);
  }
  for (const criterion of rubric.criteria) {
    if (!Number.isInteger(criterion.max * 2)) {
      problems.push({
        zh: `评分项 ${criterion.key} 的满分须为 0.5 的整数倍`,
        en: `max of ${criterion.key} must be a multiple of 0.5`,
      });
    }
  }
  const criterionKeys = new Set(rubric.criteria.map((criterion) => criterion.key));
  for (const key of rubric.tie_break) {
    if (!criterionKeys.has(key)) {
      problems.push({
        zh: `同分比较项 ${key} 不是本细则的评分项`,
        en: `tie_break names ${key}, which is not a criterion of this rubric`,
      });
    }
  }
  return problems;
}

export function assertValidRubric(rubric: RubricDefinition, source: string): void {
  const problems = rubricProblems(rubric);
  if (problems.length > 0) {
    throw new SailError(
      'invalid_rubric',
      `评分细则无效（${source}）：${problems.map((p) => p.zh).join('；')}`,
      `Invalid rubric (${source}): ${problems.map((p) => p.en).join('; ')}`,
    );
  }
}

/** A criterion score is 0..max in steps of 0.5 (SCORING.md). */
export function scoreProblem(points: number, max: number): RubricProblem | null {
  if (!Number.isFinite(points) || points < 0 || points > max) {
    return { zh: `分数须在 0 到 ${max} 之间`, en: `score must be between 0 and ${max}` };
  }
  if (!Number.isInteger(points * 2)) {
    return { zh: '分数须为 0.5 的整数倍', en: 'score must be a multiple of 0.5' };
  }
  return null;
}
