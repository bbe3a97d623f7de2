// The rules of a rubric beyond its JSON shape, how a shape problem is named (the same words in
// the CLI, the API and the window's import), JSON syntax errors, and the guide checks and
// rescaling the editor offers when a criterion's max changes.
import { describe, expect, it } from 'vitest';
import { describeRubricIssues, rubricSchema } from '../../electron/api/contract';
import type { RubricDefinition } from '../../electron/core/domain';
import { parseJsonText } from '../../electron/core/json-syntax';
import {
  describeRubricProblem,
  guideLevelsAboveMax,
  guideOffScale,
  guideTopLevel,
  rescaleGuide,
  rubricProblems,
  unknownFieldProblem,
} from '../../electron/core/rubric';

const criterion = (key: string, max: number, guide_zh = '', guide_en = '') => ({
  key,
  name_zh: `评分项${key}`,
  name_en: `Criterion ${key}`,
  max,
  guide_zh,
  guide_en,
});

const RUBRIC: RubricDefinition = {
  sector: 'mine',
  name_zh: '矿山',
  name_en: 'Mine',
  criteria: [criterion('net', 40), criterion('safety', 35), criterion('spread', 25)],
  gates: [{ key: 'licence', name_zh: '证照', name_en: 'Licence' }],
  tie_break: ['safety', 'net'],
};

const problemsOf = (change: (rubric: RubricDefinition) => void) => {
  const rubric = structuredClone(RUBRIC);
  change(rubric);
  return rubricProblems(rubric);
};

describe('rubricProblems', () => {
  it('finds nothing wrong with a valid rubric', () => {
    expect(rubricProblems(RUBRIC)).toEqual([]);
  });

  it('refuses maxima that do not sum to 100, naming the sum', () => {
    expect(problemsOf((r) => (r.criteria[2]!.max = 20))).toEqual([
      { zh: '各评分项满分之和应为 100，现为 95', en: 'criterion maxima must sum to 100, got 95' },
    ]);
  });

  it('refuses a criterion key used twice, at the second one', () => {
    expect(problemsOf((r) => (r.criteria[2]!.key = 'net'))).toEqual([
      {
        place: { list: 'criteria', index: 2, field: 'key' },
        zh: '“net”已是前面一个评分项的标识',
        en: '"net" is already the key of an earlier criterion',
      },
    ]);
  });

  it('refuses a gate with a criterion key, and a gate key used twice', () => {
    const problems = problemsOf((r) => {
      r.gates.push({ key: 'safety', name_zh: '安全', name_en: 'Safety' });
      r.gates.push({ key: 'licence', name_zh: '证照', name_en: 'Licence' });
    });
    expect(problems.map((p) => [p.place, p.en])).toEqual([
      [{ list: 'gates', index: 1, field: 'key' }, '"safety" is already the key of a criterion'],
      [
        { list: 'gates', index: 2, field: 'key' },
        '"licence" is already the key of an earlier gate',
      ],
    ]);
  });

  it('refuses a max off the 0.5 step, and accepts halves', () => {
    expect(
      problemsOf((r) => {
        r.criteria[0]!.max = 39.5;
        r.criteria[2]!.max = 25.5;
      }),
    ).toEqual([]);
    expect(
      problemsOf((r) => {
        r.criteria[0]!.max = 39.75;
        r.criteria[2]!.max = 25.25;
      }),
    ).toEqual([
      {
        place: { list: 'criteria', index: 0, field: 'max' },
        zh: '39.75 不是 0.5 的整数倍',
        en: '39.75 is not a multiple of 0.5',
      },
      {
        place: { list: 'criteria', index: 2, field: 'max' },
        zh: '25.25 不是 0.5 的整数倍',
        en: '25.25 is not a multiple of 0.5',
      },
    ]);
  });

  it('refuses a tie-break entry that is not a criterion, or is one already listed', () => {
    expect(problemsOf((r) => (r.tie_break = ['safety', 'licence', 'safety']))).toEqual([
      {
        place: { list: 'tie_break', index: 1 },
        zh: '“licence”不是本细则的评分项',
        en: '"licence" is not a criterion of this rubric',
      },
      {
        place: { list: 'tie_break', index: 2 },
        zh: '“safety”重复出现，每个评分项只能比较一次',
        en: '"safety" is listed twice; each criterion is compared once',
      },
    ]);
  });

  it('leaves empty keys to the key check rather than calling them duplicates', () => {
    expect(
      problemsOf((r) => {
        r.criteria[1]!.key = '';
        r.criteria[2]!.key = '';
        r.tie_break = [];
      }),
    ).toEqual([]);
  });

  it('refuses guide levels above max in either language, at the guide, and not for max 0', () => {
    expect(
      problemsOf((r) => {
        r.criteria[0]!.guide_zh = '0分：无；20分：部分；45分：全面';
        r.criteria[0]!.guide_en = '0: none; 100%: all';
        r.criteria[1]!.guide_en = '0: none; 35: all; 36: more';
      }),
    ).toEqual([
      {
        place: { list: 'criteria', index: 0, field: 'guide_zh' },
        zh: '“45分”高于满分 40，专家给不出这样的分数',
        en: 'levels above the max of 40 (45分); no reviewer can give them',
      },
      {
        place: { list: 'criteria', index: 1, field: 'guide_en' },
        zh: '“36”高于满分 35，专家给不出这样的分数',
        en: 'levels above the max of 35 (36); no reviewer can give them',
      },
    ]);
    // A max of 0 is the sum's and the editor's problem; its guide is not judged against it.
    const zero = problemsOf((r) => {
      r.criteria[2]!.max = 0;
      r.criteria[2]!.guide_zh = '0分：无；10分：全面';
    });
    expect(zero.map((problem) => problem.place)).toEqual([undefined]);
  });

  it('says a problem at its JSON path for the CLI and the API', () => {
    const [step] = problemsOf((r) => {
      r.criteria[1]!.max = 34.8;
      r.criteria[2]!.max = 25.2;
    });
    expect(describeRubricProblem(step!)).toEqual({
      zh: 'criteria[1].max（满分）：34.8 不是 0.5 的整数倍',
      en: 'criteria[1].max: 34.8 is not a multiple of 0.5',
    });
    const [tie] = problemsOf((r) => (r.tie_break = ['x']));
    expect(describeRubricProblem(tie!).zh).toBe(
      'tie_break[0]（同分比较项）：“x”不是本细则的评分项',
    );
  });
});

describe('describeRubricIssues', () => {
  const describe_ = (json: unknown) => {
    const parsed = rubricSchema.safeParse(json);
    if (parsed.success) throw new Error('expected a shape problem');
    return describeRubricIssues(parsed.error.issues, json);
  };

  it('names an unknown field at its path with the fields its object takes', () => {
    const text = describe_({ ...RUBRIC, criteria: [{ ...RUBRIC.criteria[0], points: 40 }] });
    expect(text.zh).toBe(
      'criteria[0].points：不认识的字段；评分项可用的字段为 key、name_zh、name_en、max、guide_zh、guide_en',
    );
    expect(text.en).toBe(
      'criteria[0].points: unknown field; a criterion takes key, name_zh, name_en, max, guide_zh, guide_en',
    );
  });

  it('lists unknown fields before the other problems, in both languages', () => {
    const { tie_break, ...rest } = RUBRIC;
    const text = describe_({ ...rest, tiebreak: tie_break, name_en: '' });
    expect(text.zh).toBe(
      'tiebreak：不认识的字段（是否应为 tie_break？）；评分细则可用的字段为 sector、name_zh、name_en、criteria、gates、tie_break；name_en（英文名称）：不能为空',
    );
    expect(text.en).toMatch(
      /^tiebreak: unknown field \(did you mean tie_break\?\); .*; name_en: must not be empty$/,
    );
  });

  it('lists the sectors with their names for a sector no round can pin', () => {
    const text = describe_({ ...RUBRIC, sector: 'Mine' });
    expect(text.zh).toMatch(
      /^sector（领域）："Mine" 不是可用的领域；可用的领域为 generic（通用细则）、factory（工厂）、/,
    );
    expect(text.zh).toContain('、port（港口）');
    expect(text.en).toContain('mine (Mine)');
  });
});

describe('unknownFieldProblem', () => {
  it('suggests the field a typo most likely meant, and nothing when none is close', () => {
    const fields = ['key', 'name_zh', 'name_en', 'max', 'guide_zh', 'guide_en'];
    expect(unknownFieldProblem('Guide-ZH', 'criteria', fields).en).toContain(
      'did you mean guide_zh?',
    );
    expect(unknownFieldProblem('maximum', 'criteria', fields).en).toContain('did you mean max?');
    expect(unknownFieldProblem('weight', 'criteria', fields).en).not.toContain('did you mean');
  });
});

describe('parseJsonText', () => {
  it('reads JSON after a byte-order mark', () => {
    expect(parseJsonText('\uFEFF{"a": 1}')).toEqual({ ok: true, json: { a: 1 } });
  });

  it('names the line and column where the syntax breaks', () => {
    const parsed = parseJsonText('{\n  "sector": "mine",\n  "name_zh": "矿山",\n}');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.reason.zh).toBe('第 4 行第 1 列附近有语法错误');
      // Where, in our words: not the engine's English ("Expected double-quoted property name").
      expect(parsed.reason.en).toBe('syntax error near line 4, column 1');
    }
  });

  it('says a cut-off file is cut off', () => {
    expect(parseJsonText('{"sector": ')).toEqual({
      ok: false,
      reason: { zh: '内容为空或不完整', en: 'it is empty or cut off' },
    });
  });
});

describe('guides against their max', () => {
  const zh20 = '0分：没有专网；8分：试点；14分：覆盖主要场景；20分：全面覆盖并有数据';
  const en20 = '0: no private network; 8: pilot; 14: main scenes; 20: everywhere, with data';

  it('finds levels above max, in points or percent', () => {
    expect(guideLevelsAboveMax(zh20, 20)).toEqual([]);
    expect(guideLevelsAboveMax(zh20, 15).map((a) => a.label)).toEqual(['20分']);
    expect(guideLevelsAboveMax('0：无；120%：超额', 10).map((a) => a.label)).toEqual(['120%']);
  });

  it('tells guides whose levels are not at 0/40/70/100 % of max; free text is fine', () => {
    expect(guideOffScale(zh20, 20)).toBe(false);
    expect(guideOffScale(zh20, 15)).toBe(true);
    expect(guideOffScale('0分：无；40%：部分；70%：较好；100%：示范', 15)).toBe(false);
    expect(guideOffScale('0: a; 5: b; 10: c; 20: d', 20)).toBe(true);
    expect(guideOffScale('看现场演示，核对运行数据', 20)).toBe(false);
    expect(guideTopLevel(zh20)).toBe(20);
    expect(guideTopLevel('看现场演示')).toBeNull();
  });

  it('rescales the levels to a new max, keeping the words, percentages and 0.5 steps', () => {
    expect(rescaleGuide(zh20, 15)).toBe(
      '0分：没有专网；6分：试点；10.5分：覆盖主要场景；15分：全面覆盖并有数据',
    );
    expect(rescaleGuide(en20, 25)).toBe(
      '0: no private network; 10: pilot; 17.5: main scenes; 25: everywhere, with data',
    );
    expect(guideOffScale(rescaleGuide(zh20, 15), 15)).toBe(false);
    expect(rescaleGuide('0分：无；40%：部分；10分：全部', 5)).toBe('0分：无；40%：部分；5分：全部');
    expect(rescaleGuide('5G：专网覆盖；10分钟内响应', 5)).toBe('5G：专网覆盖；10分钟内响应');
    expect(rescaleGuide('0分：无', 5)).toBe('0分：无');
  });
});
