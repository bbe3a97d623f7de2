// Conflict detection over reviewers × entries (issue 12, 回避): what it finds on names written
// as real lists write them, and that indexing by core name finds exactly what comparing every
// pair finds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ConflictEntry,
  type ConflictReviewer,
  detectConflicts,
  partnerList,
} from '../../../electron/core/conflicts';
import { sameOrganisation } from '../../../electron/core/organisations';

const entry = (id: number, applicant: string, partners: string[] = []): ConflictEntry => ({
  id,
  applicant,
  partners,
});
const reviewer = (
  id: number,
  organisation: string | null,
  avoid: string[] = [],
): ConflictReviewer => ({ id, organisation, avoid });

describe('detectConflicts', () => {
  it('finds a provincial company against its city branch as a partner unit, not another group in the province', () => {
    const found = detectConflicts(
      [reviewer(1, '中国移动通信集团江苏有限公司'), reviewer(2, '中国电信股份有限公司江苏分公司')],
      [
        entry(10, '苏州恒安精密有限公司', ['中国移动通信集团江苏有限公司苏州分公司']),
        entry(11, '无锡某某制造有限公司', ['华为技术有限公司']),
      ],
    );
    expect(
      found.map(({ reviewerId, entryId, source }) => ({ reviewerId, entryId, source })),
    ).toEqual([{ reviewerId: 1, entryId: 10, source: 'detected' }]);
    expect(found[0]?.reason_zh).toContain('中国移动通信集团江苏有限公司苏州分公司');
    expect(found[0]?.reason_en).toContain('belongs to');
  });

  it('finds a declared 回避单位 written another way, and says it was declared', () => {
    const [found, ...rest] = detectConflicts(
      [reviewer(1, '江苏大学', ['中國電信股份有限公司北京分公司'])],
      [entry(10, '北京电信', []), entry(11, '中国电信股份有限公司上海分公司')],
    );
    expect(rest).toEqual([]);
    expect(found).toMatchObject({ reviewerId: 1, entryId: 10, source: 'declared' });
    expect(found?.reason_zh).toMatch(/^声明的回避单位/);
    expect(found?.reason_en).toMatch(/^declared organisation to avoid/);
  });

  it('names a pair once, as declared, when both the 回避单位 and the organisation match', () => {
    const found = detectConflicts(
      [reviewer(1, '华为技术有限公司', ['华为'])],
      [entry(10, '华为技术有限公司', ['华为技术有限公司'])],
    );
    expect(found).toHaveLength(1);
    expect(found[0]?.source).toBe('declared');
  });

  it('tells look-alike names apart and ignores a reviewer without organisation', () => {
    expect(
      detectConflicts(
        [reviewer(1, '恒盛精密（苏州）有限公司'), reviewer(2, null), reviewer(3, '  ')],
        [entry(10, '恒安精密（苏州）有限公司', [''])],
      ),
    ).toEqual([]);
  });

  it("uses the organiser's groups: an alias it adds makes two names one organisation", () => {
    const reviewers = [reviewer(1, '中车株洲电力机车有限公司')];
    const entries = [entry(10, '中国中车股份有限公司')];
    expect(detectConflicts(reviewers, entries)).toEqual([]);
    const groups = [{ name: '中国中车', aliases: ['中国中车', '中车'], unitWords: ['电力机车'] }];
    expect(detectConflicts(reviewers, entries, groups)).toHaveLength(1);
  });

  it('reads partner units as entries store them', () => {
    expect(partnerList('中国电信股份有限公司重庆分公司、中兴通讯股份有限公司')).toEqual([
      '中国电信股份有限公司重庆分公司',
      '中兴通讯股份有限公司',
    ]);
    expect(partnerList(null)).toEqual([]);
  });

  // Names as the sample files and real lists write them: groups with places and units, plain
  // names with places in front, in brackets and at the end, look-alikes.
  const NAMES = [
    '中国移动通信集团江苏有限公司',
    '中国移动通信集团江苏有限公司苏州分公司',
    '江苏移动',
    '苏州移动',
    '中国移动',
    '中国电信股份有限公司江苏分公司',
    '中国电信股份有限公司北京分公司',
    '北京电信',
    '中國電信股份有限公司北京分公司',
    '国网江苏省电力有限公司',
    '国网江苏省电力有限公司苏州供电分公司',
    '国家电网有限公司',
    '恒安精密（苏州）有限公司',
    '苏州恒安精密有限公司',
    '恒安精密有限公司',
    '恒盛精密（苏州）有限公司',
    '华为技术有限公司',
    '中兴通讯股份有限公司',
    '上海移远通信技术股份有限公司',
    '云南大学',
    '重庆交通职业技术学院',
    '中国信息通信研究院',
    '中国广电江苏网络有限公司',
  ];
  const name = fc.constantFrom(...NAMES);

  it('finds exactly the pairs that comparing every reviewer with every entry finds', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.option(name), fc.array(name, { maxLength: 2 })), { maxLength: 6 }),
        fc.array(fc.tuple(name, fc.array(name, { maxLength: 3 })), { maxLength: 12 }),
        (reviewerSpecs, entrySpecs) => {
          const reviewers = reviewerSpecs.map(([org, avoid], i) => reviewer(i, org, avoid));
          const entries = entrySpecs.map(([applicant, partners], i) =>
            entry(100 + i, applicant, partners),
          );
          const expected: string[] = [];
          for (const r of reviewers) {
            for (const e of entries) {
              const names = [e.applicant, ...e.partners];
              const matches = (own: string) => names.some((n) => sameOrganisation(own, n));
              if (r.avoid.some(matches)) expected.push(`${r.id}:${e.id}:declared`);
              else if (r.organisation && matches(r.organisation))
                expected.push(`${r.id}:${e.id}:detected`);
            }
          }
          const found = detectConflicts(reviewers, entries).map(
            (c) => `${c.reviewerId}:${c.entryId}:${c.source}`,
          );
          expect(found.sort()).toEqual(expected.sort());
        },
      ),
      { numRuns: 300 },
    );
  });
});
