// A rubric as the editor holds it: criteria and gates carry a client id so rows keep their
// identity while keys are retyped or rows move. Its problems (which block saving) and warnings
// are listed in the UI language.
import { canonicalJson } from '@core/canonical-json';
import type { Criterion, Gate, RubricDefinition } from '@core/domain';
import {
  RUBRIC_KEY_PATTERN,
  RUBRIC_TOTAL,
  guideAnchors,
  guideLevelsAboveMax,
  guideOffScale,
  guideTopLevel,
  libraryAnchorPoints,
  rescaleGuide,
  rubricProblems,
  type RubricRuleProblem,
} from '@core/rubric';
import { pick, translate, type Lang, type MessageKey, type Vars } from '@shared/i18n';

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
      // A cleared max (NaN) counts as none, as the points sum shows it.
      max: Number.isFinite(criterion.max) ? criterion.max : 0,
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

/** Whether the draft holds anything other than the rubric it was opened with. */
export const sameRubric = (a: RubricDraft, b: RubricDraft): boolean =>
  canonicalJson(fromDraft(a)) === canonicalJson(fromDraft(b));

/** A criterion's or gate's name in the UI language, else the other one, else its key. */
function itemName(item: Pick<Criterion, 'key' | 'name_zh' | 'name_en'>, lang: Lang): string {
  const name = pick(lang, item.name_zh, item.name_en).trim();
  const other = pick(lang, item.name_en, item.name_zh).trim();
  return name || other || item.key.trim() || translate(lang, 'editor.unnamed');
}

const GUIDE_FIELDS = ['guide_zh', 'guide_en'] as const;

/** A guide with its top level at another number than max: "按新满分换算评分指引" can fix it. */
export const guidesOffMax = (criterion: Criterion): boolean =>
  GUIDE_FIELDS.some((field) => {
    const top = guideTopLevel(criterion[field]);
    return top !== null && top > 0 && top !== criterion.max;
  });

/** Both guides with their levels rescaled to the criterion's max, wording kept. */
export const rescaledGuides = (criterion: Criterion): Pick<Criterion, 'guide_zh' | 'guide_en'> => ({
  guide_zh: rescaleGuide(criterion.guide_zh, criterion.max),
  guide_en: rescaleGuide(criterion.guide_en, criterion.max),
});

/** A rule problem of core/rubric at its place in the editor: "第 2 个评分项（…）的满分：…". */
function placed(draft: RubricDraft, problem: RubricRuleProblem, lang: Lang): string {
  const text = pick(lang, problem.zh, problem.en);
  const { place } = problem;
  if (!place) return text;
  if (place.list === 'tie_break') {
    return translate(lang, 'editor.place.tieBreak', { n: place.index + 1, problem: text });
  }
  const item = draft[place.list][place.index];
  return translate(
    lang,
    place.list === 'criteria' ? 'editor.place.criterion' : 'editor.place.gate',
    {
      n: place.index + 1,
      name: item ? itemName(item, lang) : '',
      field: translate(lang, `editor.field.${place.field}`),
      problem: text,
    },
  );
}

/** Everything that keeps the draft from being saved, in the UI language. */
export function draftProblems(draft: RubricDraft, lang: Lang): string[] {
  const problems: string[] = [];
  const say = (key: MessageKey, vars?: Vars) => problems.push(translate(lang, key, vars));
  if (!draft.name_zh.trim() || !draft.name_en.trim()) say('editor.problem.name');
  if (draft.criteria.length === 0) say('editor.problem.noCriteria');
  draft.criteria.forEach((criterion, index) => {
    const where = { n: index + 1, name: itemName(criterion, lang) };
    if (!RUBRIC_KEY_PATTERN.test(criterion.key.trim())) say('editor.problem.criterionKey', where);
    if (!criterion.name_zh.trim() || !criterion.name_en.trim())
      say('editor.problem.criterionName', where);
    if (!(criterion.max > 0)) say('editor.problem.criterionMax', where);
  });
  draft.gates.forEach((gate, index) => {
    const where = { n: index + 1, name: itemName(gate, lang) };
    if (!RUBRIC_KEY_PATTERN.test(gate.key.trim())) say('editor.problem.gateKey', where);
    if (!gate.name_zh.trim() || !gate.name_en.trim()) say('editor.problem.gateName', where);
  });
  for (const problem of rubricProblems(fromDraft(draft))) {
    problems.push(placed(draft, problem, lang));
  }
  return problems;
}

/**
 * What saving allows but an organiser should see: a guide whose levels are not at 0/40/70/100 %
 * of max, as after the max changed. Levels above max are rule problems (rubricProblems), not this.
 */
export function draftWarnings(draft: RubricDraft, lang: Lang): string[] {
  return draft.criteria.flatMap((criterion, index) => {
    const { max } = criterion;
    if (!(max > 0)) return [];
    return GUIDE_FIELDS.flatMap((field) => {
      const guide = criterion[field];
      if (!guideOffScale(guide, max) || guideLevelsAboveMax(guide, max).length > 0) return [];
      const levels = guideAnchors(guide, max).filter((anchor) => anchor.label);
      return [
        translate(lang, 'editor.warning.guideScale', {
          n: index + 1,
          name: itemName(criterion, lang),
          guide: translate(lang, `editor.field.${field}`),
          levels: levels.map((anchor) => anchor.points ?? anchor.label).join(' / '),
          max,
          expected: libraryAnchorPoints(max).join(' / '),
        }),
      ];
    });
  });
}
