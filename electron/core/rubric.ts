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

/** Refuses a rubric that breaks a rule, naming it by its own name and sector. */
export function assertValidRubric(rubric: RubricDefinition): void {
  const problems = rubricProblems(rubric);
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
    const percent = unit === '%' || unit === '％';
    anchors.push({
      label: `${number}${unit}`,
      points: !percent ? value : max === undefined ? null : toHalfStep((max * value) / 100),
      text: guide.slice(level.index + written.length, end).trim(),
    });
  });
  return anchors;
}

/** The points of a library guide's four levels: 0, 40 %, 70 % and 100 % of max (0.5 step). */
export function libraryAnchorPoints(max: number): number[] {
  return [0, 0.4, 0.7, 1].map((share) => toHalfStep(max * share));
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
