// Near-duplicate detection: hand-made cases of what organisers meet — the same case sent to two
// tracks, an applicant written two ways, a common title from different applicants.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SUMMARY_SIMILARITY_THRESHOLD,
  TITLE_SIMILARITY_THRESHOLD,
  findDuplicates,
  normaliseApplicant,
  type DuplicateCandidate,
} from '../../../electron/core/duplicates';

/** The spaces and punctuation the check ignores, as core/duplicates.ts lists them. */
const NOISE_PATTERN =
  /[\s!-/:-@[-`{-~\u00a0-\u00bf\u00d7\u00f7\u2000-\u206f\u2190-\u2bff\u3000-\u303f\ufe30-\ufe4f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]+/g;

/** The similarity as specified: NFKC, lower case, no noise, bigram multisets counted. */
const clean = (text: string) => text.normalize('NFKC').toLowerCase().replace(NOISE_PATTERN, '');

/** A text of one character says too little to flag a pair on (it is still measured). */
const flaggable = (x: string, y: string) => clean(x).length > 1 && clean(y).length > 1;

function expectedDice(x: string, y: string): number {
  const [a, b] = [clean(x), clean(y)];
  if (!a || !b) return 0;
  if (a === b) return 1;
  const grams = (t: string) => {
    const counts = new Map<string, number>();
    for (let i = 1; i < t.length; i++) {
      const gram = t.slice(i - 1, i + 1);
      counts.set(gram, (counts.get(gram) ?? 0) + 1);
    }
    return counts;
  };
  const [ga, gb] = [grams(a), grams(b)];
  let shared = 0;
  for (const [gram, n] of ga) shared += Math.min(n, gb.get(gram) ?? 0);
  const total = Math.max(0, a.length - 1) + Math.max(0, b.length - 1);
  return total === 0 ? 0 : (2 * shared) / total;
}

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

describe('findDuplicates on any text', () => {
  // Text of every kind entries hold: ideographs, ASCII, full-width forms, CJK and general
  // punctuation, Latin-1, and what NFKC changes only with its neighbour (combining marks,
  // half-width katakana with their voicing marks), alone and in the pairs it joins.
  const PIECES = [
    ...Array.from('智慧工厂矿山网络应用'),
    ...Array.from('aAbB5G+- '),
    ...Array.from('ＡＢａ５Ｇ＋－（）'),
    ...Array.from('，。、《》“”…‗'),
    ...Array.from('ÉéßÅ²¼ﬁ'),
    '\u0301',
    '\u0323',
    'e\u0301',
    'A\u030a',
    ...Array.from('ｶﾞﾟﾊ'),
    'ｶﾞ',
    'ﾊﾟ',
    '\u3000',
  ];
  const text = fc
    .array(fc.constantFrom(...PIECES), { maxLength: 12 })
    .map((pieces) => pieces.join(''));

  it('measures titles as NFKC, lower-cased, punctuation-free bigrams would', () => {
    fc.assert(
      fc.property(text, text, (x, y) => {
        const pair = findDuplicates([
          entry({ id: 1, title: x, summary: `${x}${y}` }),
          entry({ id: 2, title: y, summary: `${x}${y}` }),
        ])[0];
        const similarity = expectedDice(x, y);
        if (similarity >= TITLE_SIMILARITY_THRESHOLD) {
          expect(pair?.title_similarity).toBe(Math.round(similarity * 1000) / 1000);
        } else if (pair) {
          // Flagged on the identical summaries: the title is still measured.
          expect(pair.title_similarity).toBe(Math.round(similarity * 1000) / 1000);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('findDuplicates in a large group', () => {
  it('finds every pair a comparison of all pairs finds', () => {
    // Titles and summaries from a few words and numbers, so that many pairs of the group are
    // alike and many are not: what an applicant with hundreds of entries sends.
    const words = ['智慧', '工厂', '矿山', '5G', '专网', '巡检', '应用', '示范', '一期', '二期'];
    const phrase = fc
      .array(fc.constantFrom(...words, '1', '2', '3'), { minLength: 1, maxLength: 9 })
      .map((parts) => parts.join(''));
    const group = fc.array(fc.record({ title: phrase, summary: fc.option(phrase) }), {
      minLength: 17,
      maxLength: 60,
    });
    fc.assert(
      fc.property(group, (texts) => {
        const entries = texts.map((text, i) => entry({ id: i + 1, ...text }));
        const expected: Array<[number, number]> = [];
        for (const [i, a] of entries.entries()) {
          for (const b of entries.slice(i + 1)) {
            const title = flaggable(a.title, b.title) ? expectedDice(a.title, b.title) : 0;
            const summary =
              a.summary === null || b.summary === null || !flaggable(a.summary, b.summary)
                ? 0
                : expectedDice(a.summary, b.summary);
            if (title >= TITLE_SIMILARITY_THRESHOLD || summary >= SUMMARY_SIMILARITY_THRESHOLD) {
              expected.push([a.id, b.id]);
            }
          }
        }
        const found = findDuplicates(entries).map((pair): [number, number] => [
          pair.a.id,
          pair.b.id,
        ]);
        expect(found.sort((x, y) => x[0] - y[0] || x[1] - y[1])).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
