// The merge rules of score packets (issue 14), case by case: what a review from a packet does to
// the project's, given the baseline the packaging or the last merge left.
import { describe, expect, it } from 'vitest';
import { mergeDecision, sameContent, type ReviewSide } from '../../../electron/core/packet-merge';
import { REDACTED, withoutContacts } from '../../../electron/core/panel-contacts';

/** The project's review as a merge sees it: its version, its content when asked. */
const project = (content: ReviewSide | null, version: number) => ({
  version,
  content: () => content,
});

const side = (scores: Record<string, number>, extra: Partial<ReviewSide> = {}): ReviewSide => ({
  status: 'draft',
  comment: '',
  scores,
  gates: {},
  ...extra,
});

describe('mergeDecision', () => {
  const packaged = { base_version: 2, packet_version: 2 };

  it('takes a packet review the project left alone since packaging', () => {
    const current = project(side({ net: 10 }), 2);
    expect(mergeDecision(packaged, current, { ...side({ net: 12 }), version: 3 })).toBe('accept');
    // A review new in the package (none in the project when packaged).
    expect(
      mergeDecision({ base_version: 0, packet_version: 0 }, project(null, 0), {
        ...side({ net: 1 }),
        version: 1,
      }),
    ).toBe('accept');
  });

  it('finds nothing new in a review the package did not change, or one merged already', () => {
    const current = project(side({ net: 15 }), 5);
    // Unchanged in the package, changed in the project: the project's stays, no clash.
    expect(mergeDecision(packaged, current, { ...side({ net: 10 }), version: 2 })).toBe(
      'unchanged',
    );
    // Merged at packet version 4 already; the same packet (or an older one) again.
    const merged = { base_version: 5, packet_version: 4 };
    expect(mergeDecision(merged, current, { ...side({ net: 15 }), version: 4 })).toBe('unchanged');
    expect(mergeDecision(merged, current, { ...side({ net: 11 }), version: 3 })).toBe('unchanged');
  });

  it('a review changed on both sides is a clash, unless both hold the same work', () => {
    const current = project(side({ net: 15 }), 3);
    expect(mergeDecision(packaged, current, { ...side({ net: 12 }), version: 3 })).toBe('clash');
    expect(mergeDecision(packaged, current, { ...side({ net: 15 }), version: 4 })).toBe('same');
    // The same scores submitted on one side only are not the same work.
    expect(
      mergeDecision(packaged, current, {
        ...side({ net: 15 }, { status: 'submitted' }),
        version: 4,
      }),
    ).toBe('clash');
  });

  it('a newer packet after a merge is taken while the project stays at what was merged', () => {
    const merged = { base_version: 3, packet_version: 4 };
    const current = project(side({ net: 12 }), 3);
    expect(mergeDecision(merged, current, { ...side({ net: 13 }), version: 5 })).toBe('accept');
  });
});

describe('sameContent', () => {
  it('compares scores, gates, comment and status, not key order', () => {
    expect(sameContent(side({ a: 1, b: 2 }), side({ b: 2, a: 1 }))).toBe(true);
    expect(sameContent(side({ a: 1 }), side({ a: 1, b: 0 }))).toBe(false);
    expect(sameContent(side({}, { comment: 'x' }), side({}, { comment: 'y' }))).toBe(false);
    expect(
      sameContent(side({}, { gates: { g: 'pass' } }), side({}, { gates: { g: 'fail' } })),
    ).toBe(false);
  });
});

describe('withoutContacts', () => {
  it('drops the contact fields and their source columns, by mapping or by header words', () => {
    const stripped = withoutContacts({
      programme: 'pioneer',
      contact: '张联系 / 13912345678 / zhang@corp.cn',
      fields: { contact_name: '张联系', contact_phone: '13912345678', stage: '示范' },
      source: [
        ['候选编号', 'P-1'],
        ['项目负责人', '张联系'],
        ['手机号码', '13912345678'],
        // No mapping names it, but its words say email.
        ['联系人邮箱', 'zhang@corp.cn'],
        // The same phone in a note: taken out of it.
        ['备注', '白天请拨13912345678'],
        ['城市', '苏州'],
      ],
      mapping: { 候选编号: 'entry_id', 项目负责人: 'contact_name', 手机号码: 'contact_phone' },
    });
    expect(stripped).toMatchObject({
      contact: null,
      fields: { stage: '示范' },
      source: [
        ['候选编号', 'P-1'],
        ['备注', `白天请拨${REDACTED}`],
        ['城市', '苏州'],
      ],
    });
    expect(stripped.summary('如有疑问请联系张联系（zhang@corp.cn）')).toBe(
      `如有疑问请联系${REDACTED}（${REDACTED}）`,
    );
  });
});
