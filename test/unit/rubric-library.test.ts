// The default rubric library (resources/rubrics) and the guide parser it is checked with.
import { describe, expect, it } from 'vitest';
import { parseRubric } from '../../electron/api/services/rubrics';
import type { RubricDefinition } from '../../electron/core/domain';
import {
  guideAnchors,
  libraryAnchorPoints,
  libraryRubricProblems,
  rubricProblems,
} from '../../electron/core/rubric';
import { GENERIC_RUBRIC_KEY, SECTOR_KEYS } from '../../electron/core/sectors';
import { readRubricLibrary } from '../../electron/io/rubric-library';
import { resourcesDir } from '../support/paths';

const library = readRubricLibrary(resourcesDir).map(({ file, json }) => ({
  file,
  rubric: parseRubric(json, file),
}));
const bySector = new Map(library.map(({ rubric }) => [rubric.sector, rubric]));
const sectors = [...bySector.keys()];
const rubricOf = (sector: string): RubricDefinition => {
  const rubric = bySector.get(sector);
  if (!rubric) throw new Error(`no library rubric for ${sector}`);
  return structuredClone(rubric);
};

// Points per criterion, in order, from ../shared/domain/PROGRAMMES.md "Default rubrics".
const PROGRAMME_POINTS: Record<string, number[]> = {
  generic: [20, 20, 25, 20, 15],
  factory: [20, 15, 25, 25, 10, 5],
  mine: [20, 25, 25, 10, 10, 10],
  hospital: [20, 20, 25, 10, 10, 15],
  campus: [20, 25, 25, 10, 20],
  scenic: [20, 25, 20, 20, 5, 10],
  power: [20, 25, 20, 20, 10, 5],
  oilgas: [20, 25, 25, 15, 10, 5],
  park: [20, 20, 20, 25, 10, 5],
  port: [20, 15, 25, 25, 10, 5],
};

describe('the rubric library', () => {
  it('has one file per sector key plus the generic rubric, named after its sector', () => {
    expect(library.map(({ rubric }) => rubric.sector).sort()).toEqual(
      [...SECTOR_KEYS, GENERIC_RUBRIC_KEY].sort(),
    );
    for (const { file, rubric } of library) expect(file).toBe(`${rubric.sector}.json`);
  });

  it.each(Object.entries(PROGRAMME_POINTS))(
    '%s gives the points of PROGRAMMES.md, summing to 100',
    (sector, points) => {
      const rubric = rubricOf(sector);
      expect(rubric.criteria.map((c) => c.max)).toEqual(points);
      expect(rubric.criteria.reduce((sum, c) => sum + c.max, 0)).toBe(100);
      expect(rubricProblems(rubric)).toEqual([]);
    },
  );

  it.each(sectors)(
    '%s: every guide has four levels at 0/40/70/100 %% of max in both languages',
    (sector) => {
      const rubric = rubricOf(sector);
      for (const criterion of rubric.criteria) {
        const [zero, partial, solid, full] = libraryAnchorPoints(criterion.max);
        expect(full).toBe(criterion.max);
        expect(zero).toBe(0);
        for (const guide of [criterion.guide_zh, criterion.guide_en]) {
          const anchors = guideAnchors(guide);
          expect(anchors.map((a) => a.points)).toEqual([zero, partial, solid, full]);
          for (const anchor of anchors) expect(anchor.text.length).toBeGreaterThan(4);
        }
        expect(guideAnchors(criterion.guide_zh)[1]?.label).toBe(`${partial}分`);
        expect(guideAnchors(criterion.guide_en)[1]?.label).toBe(String(partial));
      }
      expect(libraryRubricProblems(rubric)).toEqual([]);
    },
  );

  it('words the port rubric for ports although its points are those of factories', () => {
    const port = rubricOf('port');
    const factory = rubricOf('factory');
    const guides = port.criteria.map((c) => c.guide_zh).join('');
    for (const term of ['岸桥', '场桥', '集卡', '理货', '港区']) expect(guides).toContain(term);
    port.criteria.forEach((criterion, index) => {
      expect(criterion.guide_zh).not.toBe(factory.criteria[index]?.guide_zh);
    });
  });

  it('gives the mine its prerequisites as gates', () => {
    const gates = rubricOf('mine').gates;
    expect(gates.find((g) => g.key === 'licence')?.name_zh).toContain('证照齐全有效');
    expect(gates.find((g) => g.key === 'operation')?.name_zh).toMatch(/稳定运行满规定期限.*2–3/);
  });

  it('gates only sectors with legal prerequisites', () => {
    const gated = library.filter(({ rubric }) => rubric.gates.length > 0);
    expect(gated.map(({ rubric }) => rubric.sector).sort()).toEqual(['mine', 'oilgas', 'power']);
    expect(rubricOf('oilgas').gates[0]?.name_zh).toContain('防爆合格证');
    expect(rubricOf('power').gates[0]?.name_zh).toContain('电力监控系统安全防护');
  });

  it.each(sectors)('%s breaks ties on two or three of its own criteria', (sector) => {
    const rubric = rubricOf(sector);
    const keys = rubric.criteria.map((c) => c.key);
    expect(rubric.tie_break.length).toBeGreaterThanOrEqual(2);
    expect(rubric.tie_break.length).toBeLessThanOrEqual(3);
    expect(new Set(rubric.tie_break).size).toBe(rubric.tie_break.length);
    for (const key of rubric.tie_break) expect(keys).toContain(key);
  });
});

describe('guideAnchors', () => {
  it('reads Chinese levels, half points included', () => {
    expect(guideAnchors('0分：无；10分：试点；17.5分：稳定运行；25分：规模运行。')).toEqual([
      { label: '0分', points: 0, text: '无' },
      { label: '10分', points: 10, text: '试点' },
      { label: '17.5分', points: 17.5, text: '稳定运行' },
      { label: '25分', points: 25, text: '规模运行。' },
    ]);
  });

  it('reads English levels and keeps semicolons and numbers inside a level', () => {
    expect(guideAnchors('0: none; 4: 5G: some; not all; 7: 99.9 % uptime for 3 months')).toEqual([
      { label: '0', points: 0, text: 'none' },
      { label: '4', points: 4, text: '5G: some; not all' },
      { label: '7', points: 7, text: '99.9 % uptime for 3 months' },
    ]);
  });

  it('keeps 分钟 and 5G：inside a level', () => {
    expect(guideAnchors('0分：10分钟内；5G：专网；8分：好').map((a) => a.label)).toEqual([
      '0分',
      '8分',
    ]);
  });

  it('reads levels on separate lines and ASCII colons', () => {
    expect(guideAnchors('0分:无\n 4分 : 部分\n')).toEqual([
      { label: '0分', points: 0, text: '无' },
      { label: '4分', points: 4, text: '部分' },
    ]);
  });

  it('turns percentages into points only when max is known', () => {
    const guide = '0分：无；40%：部分具备；70％：较好；100%：示范';
    expect(guideAnchors(guide).map((a) => a.points)).toEqual([0, null, null, null]);
    expect(guideAnchors(guide, 15).map((a) => [a.label, a.points])).toEqual([
      ['0分', 0],
      ['40%', 6],
      ['70％', 10.5],
      ['100%', 15],
    ]);
  });

  it('returns free text as unlabelled lines, before the first level too', () => {
    expect(guideAnchors('看现场演示\n核对运行数据')).toEqual([
      { label: '', points: null, text: '看现场演示' },
      { label: '', points: null, text: '核对运行数据' },
    ]);
    expect(guideAnchors('0 none; 40% partial')).toEqual([
      { label: '', points: null, text: '0 none; 40% partial' },
    ]);
    expect(guideAnchors('按材料打分。0分：无').map((a) => a.label)).toEqual(['', '0分']);
    expect(guideAnchors('')).toEqual([]);
  });
});

describe('libraryRubricProblems', () => {
  const problemsAfter = (change: (rubric: RubricDefinition) => void) => {
    const rubric = rubricOf('mine');
    change(rubric);
    return libraryRubricProblems(rubric);
  };

  it('refuses a free-text guide, naming the levels it needs', () => {
    const problems = problemsAfter((r) => {
      r.criteria[0]!.guide_zh = '根据现场情况打分';
    });
    expect(problems).toEqual([
      {
        zh: 'net.guide_zh 应依次写出 0分、8分、14分、20分 四档，现为 ?',
        en: 'net.guide_zh must give the four levels 0分, 8分, 14分, 20分 in order, got ?',
      },
    ]);
  });

  it('refuses levels at the wrong points, percentages and missing levels', () => {
    for (const guide of [
      '0: a; 8: b; 15: c; 20: d',
      '0: a; 40%: b; 70%: c; 100%: d',
      '0: a; 8: b; 20: d',
    ]) {
      const problems = problemsAfter((r) => {
        r.criteria[0]!.guide_en = guide;
      });
      expect(problems.map((p) => p.en)).toEqual([
        expect.stringMatching(/^net\.guide_en must give the four levels 0, 8, 14, 20 in order/),
      ]);
    }
  });

  it('refuses a guide in the wrong language and a level copied from another criterion', () => {
    const problems = problemsAfter((r) => {
      r.criteria[1]!.guide_en = r.criteria[1]!.guide_zh.replace(/分：/g, ': ');
      r.criteria[2]!.guide_zh = r.criteria[2]!.guide_zh.replace(
        /^0分：[^；]*/,
        `0分：${guideAnchors(r.criteria[0]!.guide_zh)[0]!.text}`,
      );
    });
    expect(problems.map((p) => p.en)).toEqual([
      'systems.guide_en is not written in English',
      'safety.guide_zh 0分: same text as net.guide_zh 0分',
    ]);
  });

  it('refuses a Chinese name missing its Chinese', () => {
    const problems = problemsAfter((r) => {
      r.gates[0]!.name_zh = 'licence';
    });
    expect(problems.map((p) => p.zh)).toEqual(['licence 的中文名称须含汉字，英文名称不得含汉字']);
  });
});
