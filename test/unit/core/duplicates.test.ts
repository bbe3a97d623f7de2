// Near-duplicate detection: hand-made cases of what organisers meet — the same case sent to two
// tracks, an applicant written two ways, a common title from different applicants.
import { describe, expect, it } from 'vitest';
import {
  SUMMARY_SIMILARITY_THRESHOLD,
  TITLE_SIMILARITY_THRESHOLD,
  findDuplicates,
  normaliseApplicant,
  type DuplicateCandidate,
} from '../../../electron/core/duplicates';

let nextId = 1;
function entry(fields: Partial<DuplicateCandidate>): DuplicateCandidate {
  return {
    id: nextId++,
    programme: 'bloom',
    applicant: '重庆交通职业技术学院',
    title: '5G+智能考试应用',
    summary: null,
    track: '5G+数字教育',
    ...fields,
  };
}

describe('normaliseApplicant', () => {
  it('ignores width, case, spaces, brackets and legal-form endings', () => {
    const key = normaliseApplicant('华为技术有限公司');
    for (const variant of [
      '华为技术股份有限公司',
      '华为 技术（有限公司）',
      '华为技术有限责任公司',
      '  华为技术公司 ',
      '[华为技术]',
    ]) {
      expect(normaliseApplicant(variant), variant).toBe(key);
    }
    expect(normaliseApplicant('ＨＵＡＷＥＩ Co., Ltd.')).toBe('huawei');
    expect(normaliseApplicant('Huawei Inc.')).toBe('huawei');
  });

  it('keeps what brackets hold, so branches stay apart', () => {
    expect(normaliseApplicant('中国电信股份有限公司(重庆分公司)')).toBe(
      normaliseApplicant('中国电信股份有限公司重庆分公司'),
    );
    expect(normaliseApplicant('中国电信(重庆分公司)')).not.toBe(
      normaliseApplicant('中国电信(湖南分公司)'),
    );
  });

  it('does not reduce a bare legal form to nothing', () => {
    expect(normaliseApplicant('有限公司')).toBe('有限公司');
  });
});

describe('findDuplicates', () => {
  it('flags the same case sent to two tracks, with its similarity', () => {
    const a = entry({ title: '5G+智慧矿山无人驾驶运输应用', track: '5G+智能采矿' });
    const b = entry({ title: '5G+智慧矿山无人驾驶运输应用项目', track: '5G+工业互联网' });
    const [pair, ...rest] = findDuplicates([a, b]);
    expect(rest).toEqual([]);
    expect(pair).toMatchObject({ a, b, same_track: false, summary_similarity: null });
    expect(pair?.title_similarity).toBeGreaterThanOrEqual(TITLE_SIMILARITY_THRESHOLD);
    expect(pair?.title_similarity).toBeLessThan(1);
  });

  it('matches the applicant across spellings, and reports the same track', () => {
    const a = entry({ applicant: '长沙科技有限公司', title: '5G-A赋能智能考试应用' });
    const b = entry({ applicant: '长沙科技 股份有限公司', title: '５Ｇ－Ａ 赋能智能考试应用' });
    expect(findDuplicates([a, b])).toEqual([
      { a, b, title_similarity: 1, summary_similarity: null, same_track: true },
    ]);
  });

  it('does not flag the same title from different applicants', () => {
    const a = entry({ applicant: '甲公司', title: '5G+智慧工厂应用' });
    const b = entry({ applicant: '乙公司', title: '5G+智慧工厂应用' });
    expect(findDuplicates([a, b])).toEqual([]);
  });

  it('does not flag different cases of one applicant', () => {
    const a = entry({ title: '5G+智能考试应用', summary: '建设5G专网，实现智能考试。' });
    const b = entry({ title: '5G+校园安防巡检机器人', summary: '部署巡检机器人，提升安防。' });
    expect(findDuplicates([a, b])).toEqual([]);
  });

  it('flags near-identical summaries under different titles', () => {
    const summary =
      '重庆交通职业技术学院联合中国电信股份有限公司重庆分公司建设5G虚拟专网，实现智能考试，安全事故减少42%。';
    const a = entry({ title: '智能考试', summary });
    const b = entry({ title: '5G虚拟专网赋能职业教育', summary: summary.replace('42%', '43%') });
    const [pair] = findDuplicates([a, b]);
    expect(pair?.title_similarity).toBeLessThan(TITLE_SIMILARITY_THRESHOLD);
    expect(pair?.summary_similarity).toBeGreaterThanOrEqual(SUMMARY_SIMILARITY_THRESHOLD);
  });

  it('compares within a programme only', () => {
    const a = entry({ programme: 'bloom' });
    const b = entry({ programme: 'pioneer' });
    expect(findDuplicates([a, b])).toEqual([]);
  });

  it('lists every pair of a group, most similar first, the earlier entry as a', () => {
    const c = entry({ id: 30, title: '5G+智能考试应用系统' });
    const a = entry({ id: 10, title: '5G+智能考试应用' });
    const b = entry({ id: 20, title: '5G+智能考试应用' });
    const pairs = findDuplicates([c, a, b]).map((p) => [p.a.id, p.b.id, p.title_similarity]);
    expect(pairs).toEqual([
      [10, 20, 1],
      [10, 30, expect.any(Number)],
      [20, 30, expect.any(Number)],
    ]);
  });

  it('ignores titles of punctuation only', () => {
    expect(findDuplicates([entry({ title: '——' }), entry({ title: '——' })])).toEqual([]);
  });
});
