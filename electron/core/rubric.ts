// Cross-field rules of a rubric that a JSON schema cannot express, how a rubric document's
// problems are named (in Chinese and English, at their place in the file), and scoring guides.
import type { RubricDefinition } from './domain';
import { SailError } from './errors';
import { GENERIC_RUBRIC_KEY, SECTOR_KEYS, SECTOR_NAMES } from './sectors';

export const RUBRIC_TOTAL = 100;

/** The sectors a rubric can be for (those a round can pin): each sector and the generic rubric. */
export const RUBRIC_SECTORS = [GENERIC_RUBRIC_KEY, ...SECTOR_KEYS] as const;

export interface RubricProblem {
  zh: string;
  en: string;
}

/** Chinese names of the fields of the rubric JSON format (CLI.md), shown after a path. */
export const RUBRIC_FIELD_NAMES = {
  sector: '领域',
  name_zh: '中文名称',
  name_en: '英文名称',
  criteria: '评分项',
  gates: '门槛项',
  tie_break: '同分比较项',
  key: '标识',
  max: '满分',
  guide_zh: '中文评分指引',
  guide_en: '英文评分指引',
} as const;

/** A criterion or gate key: what scores files (`gate:<key>`) and the tie-break order name. */
export const RUBRIC_KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;

export const RUBRIC_KEY_FORMAT: RubricProblem = {
  zh: '标识只能由英文字母、数字、_ 或 - 组成，并以字母开头',
  en: 'a key is letters, digits, _ or -, starting with a letter',
};

/** The objects of a rubric document, by the list that holds them ('rubric' for the top level). */
export type RubricObject = 'rubric' | 'criteria' | 'gates';

const OBJECT_NAMES: Record<RubricObject, RubricProblem> = {
  rubric: { zh: '评分细则', en: 'a rubric' },
  criteria: { zh: '评分项', en: 'a criterion' },
  gates: { zh: '门槛项', en: 'a gate' },
};

/** The field an unknown one likely meant: same letters ("tiebreak") or longer ("maximum"). */
function meantField(field: string, allowed: readonly string[]): string | undefined {
  const letters = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');
  const written = letters(field);
  return (
    allowed.find((name) => letters(name) === written) ??
    allowed.find((name) => name.length >= 3 && written.startsWith(letters(name)))
  );
}

/** A field the rubric format does not have (a typo would otherwise be dropped silently). */
export function unknownFieldProblem(
  field: string,
  object: RubricObject,
  allowed: readonly string[],
): RubricProblem {
  const meant = meantField(field, allowed);
  const name = OBJECT_NAMES[object];
  return {
    zh: `不认识的字段${meant ? `（是否应为 ${meant}？）` : ''}；${name.zh}可用的字段为 ${allowed.join('、')}`,
    en: `unknown field${meant ? ` (did you mean ${meant}?)` : ''}; ${name.en} takes ${allowed.join(', ')}`,
  };
}

/** A sector no round could pin (a typo such as "factroy"), or none at all. */
export function unknownSectorProblem(value: unknown): RubricProblem {
  const names = RUBRIC_SECTORS.map((sector) => ({
    key: sector,
    ...(sector === GENERIC_RUBRIC_KEY
      ? { zh: '通用细则', en: 'Generic rubric' }
      : SECTOR_NAMES[sector]),
  }));
  const zh = names.map((s) => `${s.key}（${s.zh}）`).join('、');
  const en = names.map((s) => `${s.key} (${s.en})`).join(', ');
  return value === undefined
    ? { zh: `缺少此项；可用的领域为 ${zh}`, en: `is missing; use one of ${en}` }
    : {
        zh: `${JSON.stringify(value)} 不是可用的领域；可用的领域为 ${zh}`,
        en: `${JSON.stringify(value)} is not a known sector; use one of ${en}`,
      };
}

/** Where a rule problem lies: a criterion's or gate's field, or an entry of the tie-break order. */
export type RubricPlace =
  | { list: 'criteria'; index: number; field: 'key' | 'max' | 'guide_zh' | 'guide_en' }
  | { list: 'gates'; index: number; field: 'key' }
  | { list: 'tie_break'; index: number };

/** A broken rule: its text says what is wrong; its place (none for the whole rubric) says where. */
export interface RubricRuleProblem extends RubricProblem {
  place?: RubricPlace;
}

/** A place as its path in the JSON file, the field named in Chinese: criteria[2].max（满分）. */
function placePath(place: RubricPlace): RubricProblem {
  const field = 'field' in place ? place.field : place.list;
  const path = `${place.list}[${place.index}]${'field' in place ? `.${place.field}` : ''}`;
  return { zh: `${path}（${RUBRIC_FIELD_NAMES[field]}）`, en: path };
}

/** Sum to 100, keys each used once, points on the 0.5 step, a tie-break of its own criteria. */
export function rubricProblems(rubric: RubricDefinition): RubricRuleProblem[] {
  const problems: RubricRuleProblem[] = [];
  const total = rubric.criteria.reduce((sum, criterion) => sum + criterion.max, 0);
  if (Math.abs(total - RUBRIC_TOTAL) > 1e-9) {
    problems.push({
      zh: `各评分项满分之和应为 100，现为 ${total}`,
      en: `criterion maxima must sum to 100, got ${total}`,
    });
  }
  // Empty keys are the schema's (or the editor's) to report, not duplicates of each other.
  const criterionKeys = new Set<string>();
  rubric.criteria.forEach(({ key, max }, index) => {
    if (key && criterionKeys.has(key)) {
      problems.push({
        place: { list: 'criteria', index, field: 'key' },
        zh: `“${key}”已是前面一个评分项的标识`,
        en: `"${key}" is already the key of an earlier criterion`,
      });
    }
    if (key) criterionKeys.add(key);
    if (!Number.isInteger(max * 2)) {
      problems.push({
        place: { list: 'criteria', index, field: 'max' },
        zh: `${max} 不是 0.5 的整数倍`,
        en: `${max} is not a multiple of 0.5`,
      });
    }
  });
  // A guide promising more than max misleads reviewers: the form cannot take those points.
  rubric.criteria.forEach((criterion, index) => {
    if (!(criterion.max > 0)) return;
    for (const field of ['guide_zh', 'guide_en'] as const) {
      const levels = guideLevelsAboveMax(criterion[field], criterion.max).map((a) => a.label);
      if (levels.length === 0) continue;
      problems.push({
        place: { list: 'criteria', index, field },
        zh: `“${levels.join('、')}”高于满分 ${criterion.max}，专家给不出这样的分数`,
        en: `levels above the max of ${criterion.max} (${levels.join(', ')}); no reviewer can give them`,
      });
    }
  });
  const gateKeys = new Set<string>();
  rubric.gates.forEach(({ key }, index) => {
    const place = { list: 'gates', index, field: 'key' } as const;
    if (criterionKeys.has(key)) {
      problems.push({
        place,
        zh: `“${key}”已是一个评分项的标识`,
        en: `"${key}" is already the key of a criterion`,
      });
    } else if (gateKeys.has(key)) {
      problems.push({
        place,
        zh: `“${key}”已是前面一个门槛项的标识`,
        en: `"${key}" is already the key of an earlier gate`,
      });
    }
    if (key) gateKeys.add(key);
  });
  const listed = new Set<string>();
  rubric.tie_break.forEach((key, index) => {
    const place = { list: 'tie_break', index } as const;
    if (!criterionKeys.has(key)) {
      problems.push({
        place,
        zh: `“${key}”不是本细则的评分项`,
        en: `"${key}" is not a criterion of this rubric`,
      });
    } else if (listed.has(key)) {
      problems.push({
        place,
        zh: `“${key}”重复出现，每个评分项只能比较一次`,
        en: `"${key}" is listed twice; each criterion is compared once`,
      });
    }
    listed.add(key);
  });
  return problems;
}

/** A rule problem as the CLI and the API say it: at its path in the JSON file. */
export function describeRubricProblem({ place, zh, en }: RubricRuleProblem): RubricProblem {
  if (!place) return { zh, en };
  const path = placePath(place);
  return { zh: `${path.zh}：${zh}`, en: `${path.en}: ${en}` };
}

/** Refuses a rubric that breaks a rule, naming it by its own name and sector. */
export function assertValidRubric(rubric: RubricDefinition): void {
  const problems = rubricProblems(rubric).map(describeRubricProblem);
  if (problems.length > 0) {
    throw new SailError(
      'invalid_rubric',
      `评分细则“${rubric.name_zh}”（领域 ${rubric.sector}）无效：${problems.map((p) => p.zh).join('；')}`,
      `Invalid rubric "${rubric.name_en}" (sector ${rubric.sector}): ${problems.map((p) => p.en).join('; ')}`,
    );
  }
}

/** One level of a scoring guide ("8分：…", "8: …", "40%：…"), or guide text outside any level. */
export interface GuideAnchor {
  /** The level as written before its colon ("8分", "8", "40%"); empty for text outside any level. */
  label: string;
  /** The level's points; null outside a level, and for a percentage when no max is given. */
  points: number | null;
  text: string;
}

// A level opens the guide or follows a separator (；, ;, 。 or a line break): a number, then
// optionally 分 or %, then a colon. "5G：" or "10分钟" inside a level's text are not levels.
const GUIDE_LEVEL = /(?:^|[；;。\n])[ \t]*(\d+(?:\.\d+)?)[ \t]*(分|%|％)?[ \t]*[：:]/g;

const isPercent = (unit: string | undefined) => unit === '%' || unit === '％';

/** Rounds to the 0.5 step that scores use (SCORING.md). */
function toHalfStep(points: number): number {
  return Math.round(points * 2) / 2;
}

/**
 * A guide split into its levels, in either language. Text before the first level (or a guide
 * with no levels at all, as imported rubrics may have) comes back as unlabelled parts, one per
 * line. With `max`, a percentage level ("40%：") gets its points on the 0.5 step.
 */
export function guideAnchors(guide: string, max?: number): GuideAnchor[] {
  const levels = [...guide.matchAll(GUIDE_LEVEL)];
  const anchors: GuideAnchor[] = guide
    .slice(0, levels[0]?.index ?? guide.length)
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((text) => ({ label: '', points: null, text }));
  levels.forEach((level, index) => {
    const [written, number = '', unit = ''] = level;
    const end = levels[index + 1]?.index ?? guide.length;
    const value = Number(number);
    anchors.push({
      label: `${number}${unit}`,
      points: !isPercent(unit) ? value : max === undefined ? null : toHalfStep((max * value) / 100),
      text: guide.slice(level.index + written.length, end).trim(),
    });
  });
  return anchors;
}

/** The points of a library guide's four levels: 0, 40 %, 70 % and 100 % of max (0.5 step). */
export function libraryAnchorPoints(max: number): number[] {
  return [0, 0.4, 0.7, 1].map((share) => toHalfStep(max * share));
}

/** Whether a guide's levels differ from 0/40/70/100 % of max; free text has no levels to differ. */
export function guideOffScale(guide: string, max: number): boolean {
  const points = guideAnchors(guide, max)
    .filter((anchor) => anchor.label)
    .map((anchor) => anchor.points);
  return points.length > 0 && points.join('|') !== libraryAnchorPoints(max).join('|');
}

/** Levels of a guide above max: no reviewer could give them (rubricProblems refuses them). */
export function guideLevelsAboveMax(guide: string, max: number): GuideAnchor[] {
  return guideAnchors(guide, max).filter((anchor) => anchor.points !== null && anchor.points > max);
}

/** The highest level a guide writes in points (percentages are relative), or null for none. */
export function guideTopLevel(guide: string): number | null {
  const points = guideAnchors(guide).flatMap((anchor) =>
    anchor.points === null ? [] : [anchor.points],
  );
  return points.length > 0 ? Math.max(...points) : null;
}

/**
 * The guide for a new max: each level in points scaled so the top level becomes `max`
 * ("0分：…；8分：…；20分：…" for 15 gives "0分：…；6分：…；15分：…"), on the 0.5 step. The
 * wording, percentage levels and a guide without a level above 0 stay as they are.
 */
export function rescaleGuide(guide: string, max: number): string {
  const top = guideTopLevel(guide);
  if (top === null || top <= 0) return guide;
  return guide.replace(GUIDE_LEVEL, (written, number: string, unit: string | undefined) =>
    isPercent(unit)
      ? written
      : written.replace(number, String(toHalfStep((Number(number) * max) / top))),
  );
}

const HAN = /\p{Script=Han}/u;

/**
 * What the shipped library promises beyond rubricProblems: names in both languages, and every
 * criterion guide written as four levels at 0/40/70/100 % of max ("0分：…；8分：…" in Chinese,
 * "0: …; 8: …" in English), each level with its own text, no text shared between criteria.
 * Imported rubrics may keep free-text guides, so this is not part of rubricProblems.
 */
export function libraryRubricProblems(rubric: RubricDefinition): RubricProblem[] {
  const problems: RubricProblem[] = [];
  for (const item of [rubric, ...rubric.criteria, ...rubric.gates]) {
    const name = 'key' in item ? item.key : rubric.sector;
    if (!HAN.test(item.name_zh) || HAN.test(item.name_en)) {
      problems.push({
        zh: `${name} 的中文名称须含汉字，英文名称不得含汉字`,
        en: `${name}: name_zh must be Chinese and name_en must have no Chinese characters`,
      });
    }
  }
  const levelTexts = new Map<string, string>();
  for (const criterion of rubric.criteria) {
    const points = libraryAnchorPoints(criterion.max);
    for (const lang of ['zh', 'en'] as const) {
      const guide = lang === 'zh' ? criterion.guide_zh : criterion.guide_en;
      const field = `${criterion.key}.guide_${lang}`;
      const anchors = guideAnchors(guide);
      const expected = points.map((p) => (lang === 'zh' ? `${p}分` : String(p)));
      const written = anchors.map((anchor) => anchor.label || '?');
      if (written.join('|') !== expected.join('|')) {
        problems.push({
          zh: `${field} 应依次写出 ${expected.join('、')} 四档，现为 ${written.join('、') || '无分档'}`,
          en: `${field} must give the four levels ${expected.join(', ')} in order, got ${written.join(', ') || 'no levels'}`,
        });
      }
      if ((lang === 'zh') !== HAN.test(guide)) {
        problems.push({
          zh: `${field} 应使用${lang === 'zh' ? '中文' : '英文'}书写`,
          en: `${field} is not written in ${lang === 'zh' ? 'Chinese' : 'English'}`,
        });
      }
      for (const anchor of anchors) {
        const level = `${field} ${anchor.label || '?'}`;
        const first = levelTexts.get(`${lang}:${anchor.text}`);
        if (!anchor.text) {
          problems.push({ zh: `${level} 档没有说明`, en: `${level}: the level has no text` });
        } else if (first) {
          problems.push({
            zh: `${level} 档与 ${first} 档的说明相同`,
            en: `${level}: same text as ${first}`,
          });
        } else levelTexts.set(`${lang}:${anchor.text}`, level);
      }
    }
  }
  return problems;
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

/**
 * A score as a file gives it, checked: its points, or what is wrong. Decimal digits only
 * (full-width ones too, as Chinese input methods type them): "十五", "0x10" or "1e1" are not
 * numbers, rather than a number out of range.
 */
export function readScore(text: string, max: number): { points: number } | RubricProblem {
  const plain = text.normalize('NFKC').trim();
  if (plain === '') return { zh: '缺少分数', en: 'score is missing' };
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(plain)) return { zh: '不是数字', en: 'not a number' };
  const points = Number(plain);
  return scoreProblem(points, max) ?? { points };
}
