// A rubric as the editor holds it: criteria and gates carry a client id so rows keep their
// identity while keys are retyped or rows move. Its problems are listed in the UI language.
import type { Criterion, Gate, RubricDefinition } from '@core/domain';
import { RUBRIC_TOTAL, rubricProblems } from '@core/rubric';
import { pick, translate, type Lang } from '@shared/i18n';

export interface DraftCriterion extends Criterion {
  uid: string;
}

export interface DraftGate extends Gate {
  uid: string;
}

export interface RubricDraft {
  sector: string;
  name_zh: string;
  name_en: string;
  criteria: DraftCriterion[];
  gates: DraftGate[];
  tie_break: string[];
}

let counter = 0;
const uid = () => `row-${(counter += 1)}`;

export function toDraft(rubric: RubricDefinition): RubricDraft {
  return {
    sector: rubric.sector,
    name_zh: rubric.name_zh,
    name_en: rubric.name_en,
    criteria: rubric.criteria.map((criterion) => ({ ...criterion, uid: uid() })),
    gates: rubric.gates.map((gate) => ({ ...gate, uid: uid() })),
    tie_break: [...rubric.tie_break],
  };
}

export function fromDraft(draft: RubricDraft): RubricDefinition {
  const trim = (text: string) => text.trim();
  return {
    sector: draft.sector,
    name_zh: trim(draft.name_zh),
    name_en: trim(draft.name_en),
    criteria: draft.criteria.map(({ uid: _uid, ...criterion }) => ({
      ...criterion,
      key: trim(criterion.key),
      name_zh: trim(criterion.name_zh),
      name_en: trim(criterion.name_en),
    })),
    gates: draft.gates.map(({ uid: _uid, ...gate }) => ({
      key: trim(gate.key),
      name_zh: trim(gate.name_zh),
      name_en: trim(gate.name_en),
    })),
    tie_break: draft.tie_break,
  };
}

export function newCriterion(): DraftCriterion {
  return { uid: uid(), key: '', name_zh: '', name_en: '', max: 10, guide_zh: '', guide_en: '' };
}

export function newGate(): DraftGate {
  return { uid: uid(), key: '', name_zh: '', name_en: '' };
}

/** The list with the item at `index` moved one place up (-1) or down (+1). */
export function moved<T>(items: readonly T[], index: number, step: -1 | 1): T[] {
  const target = index + step;
  if (target < 0 || target >= items.length) return [...items];
  const next = [...items];
  [next[index], next[target]] = [next[target] as T, next[index] as T];
  return next;
}

export const pointsSum = (draft: RubricDraft): number =>
  draft.criteria.reduce(
    (sum, criterion) => sum + (Number.isFinite(criterion.max) ? criterion.max : 0),
    0,
  );

export const sumsToTotal = (draft: RubricDraft): boolean =>
  Math.abs(pointsSum(draft) - RUBRIC_TOTAL) < 1e-9;

const KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** Everything that keeps the draft from being saved, in the UI language. */
export function draftProblems(draft: RubricDraft, lang: Lang): string[] {
  const problems: string[] = [];
  const say = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) =>
    problems.push(translate(lang, key, vars));
  if (!draft.name_zh.trim() || !draft.name_en.trim()) say('editor.problem.name');
  if (draft.criteria.length === 0) say('editor.problem.noCriteria');
  draft.criteria.forEach((criterion, index) => {
    const where = { n: index + 1, name: criterion.name_zh || criterion.key };
    if (!KEY_PATTERN.test(criterion.key.trim())) say('editor.problem.criterionKey', where);
    if (!criterion.name_zh.trim() || !criterion.name_en.trim())
      say('editor.problem.criterionName', where);
    if (!(criterion.max > 0)) say('editor.problem.criterionMax', where);
  });
  draft.gates.forEach((gate, index) => {
    const where = { n: index + 1, name: gate.name_zh || gate.key };
    if (!KEY_PATTERN.test(gate.key.trim())) say('editor.problem.gateKey', where);
    if (!gate.name_zh.trim() || !gate.name_en.trim()) say('editor.problem.gateName', where);
  });
  for (const problem of rubricProblems(fromDraft(draft))) {
    problems.push(pick(lang, problem.zh, problem.en));
  }
  return problems;
}
