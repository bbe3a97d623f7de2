// The duplicate check and the organiser's decisions through the operations, as the window and
// the host call them: other calls are served while the check runs, and a decision is recorded,
// listed with its pair and in the entry's detail, audited, and can be taken back.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DuplicatePair } from '../../electron/api/contract';
import { apiSession, type ApiSession } from '../support/session';
import { projectFile } from '../support/project-file';

const WORDS = [
  ['智慧', '智能', '数字', '无人', '远程', '云化', '柔性', '绿色'],
  ['矿山', '工厂', '电网', '港口', '医院', '校园', '景区', '园区', '油田', '仓储'],
  ['巡检', '运输', '质检', '调度', '运维', '诊疗', '教学', '安防', '监测'],
];
/** A title of entry `i`: consecutive entries share no word. */
const title = (i: number) => `5G+${WORDS.map((words) => words[i % words.length]).join('')}`;

/** Entries in groups of four per applicant, each a different case but for one planted replay. */
function groupedCsv(path: string, rows: number): void {
  const lines = ['项目编号,项目名称,牵头申报单位'];
  for (let i = 0; i < rows; i++) {
    const group = Math.floor(i / 4);
    const replay = i % 4 === 3 && group % 100 === 0;
    lines.push(
      `G${String(i).padStart(6, '0')},${replay ? `${title(i - 1)}项目` : title(i)},申报单位${group}有限公司`,
    );
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

describe('the duplicate check at scale', () => {
  let api: ApiSession;

  beforeAll(async () => {
    api = apiSession();
    await api.ok('project.create', { path: join(api.dir, '查重.sailreview') });
    const csv = join(api.dir, 'grouped.csv');
    groupedCsv(csv, 12_000);
    await api.ok('entries.import', { path: csv, programme: 'bloom' });
  }, 60_000);

  it('lets other calls through while it runs, and finds the planted pairs', async () => {
    const served: number[] = [];
    const state = { checked: false };
    const check = api.ok('entries.duplicates', { limit: 1000 }).then((list) => {
      state.checked = true;
      return list;
    });
    // Calls arriving one after another, as IPC or HTTP requests do, each in a turn of its own.
    for (;;) {
      await nextTurn();
      if (state.checked) break;
      served.push((await api.ok('entries.list', { limit: 1 })).total);
    }
    expect(served.length).toBeGreaterThan(1);
    expect(new Set(served)).toEqual(new Set([12_000]));
    const { pairs, total } = await check;
    expect(total).toBe(30);
    expect(pairs.map((pair) => [pair.a.entry_id, pair.b.entry_id])).toEqual(
      Array.from({ length: 30 }, (_, k) => [
        `G${String(k * 400 + 2).padStart(6, '0')}`,
        `G${String(k * 400 + 3).padStart(6, '0')}`,
      ]),
    );
  });

  it('serves every call asking while it runs from one check, page by page', async () => {
    const [all, page] = await Promise.all([
      api.ok('entries.duplicates', { programme: 'bloom', limit: 1000 }),
      api.ok('entries.duplicates', { offset: 10, limit: 5 }),
    ]);
    expect(page.total).toBe(30);
    expect(page.pairs).toEqual(all.pairs.slice(10, 15));
    expect((await api.ok('entries.duplicates', { programme: 'pioneer' })).total).toBe(0);
  });
});

describe('deciding on a suspected pair', () => {
  let api: ApiSession;
  let pair: DuplicatePair;

  const auditEvents = (action: string) =>
    projectFile(api.session.require())
      .prepare('SELECT actor, subject, payload_json FROM audit_event WHERE action = ?')
      .all(action) as Array<{ actor: string; subject: string; payload_json: string }>;

  beforeAll(async () => {
    api = apiSession();
    await api.ok('project.create', { path: join(api.dir, '判定.sailreview') });
    const csv = join(api.dir, 'pair.csv');
    groupedCsv(csv, 8);
    await api.ok('entries.import', { path: csv, programme: 'bloom' });
    const { pairs } = await api.ok('entries.duplicates', {});
    expect(pairs).toHaveLength(1);
    pair = pairs[0] as DuplicatePair;
    expect(pair.decision).toBeNull();
  });

  it('records "not a duplicate" with its note, who and when, in the audit trail', async () => {
    const before = new Date().toISOString();
    // Either order names the pair.
    const decision = await api.ok('entries.decideDuplicate', {
      a: pair.b.id,
      b: pair.a.id,
      verdict: 'distinct',
      note: '  不同厂区的两个案例 ',
      decided_by: '秘书处 王敏',
    });
    expect(decision).toMatchObject({
      verdict: 'distinct',
      note: '不同厂区的两个案例',
      decided_by: '秘书处 王敏',
    });
    expect((decision?.decided_at ?? '') >= before).toBe(true);
    // Decided, the pair leaves the pairs still to decide and is listed among the decided ones.
    expect(await api.ok('entries.duplicates', {})).toEqual({
      counts: { pending: 0, distinct: 1, same_case: 0 },
      total: 0,
      pairs: [],
    });
    const decided = await api.ok('entries.duplicates', { view: 'decided' });
    expect(decided.pairs.map((listed) => listed.decision)).toEqual([decision]);
    expect((await api.ok('entries.duplicates', { view: 'all' })).total).toBe(1);
    const [event] = auditEvents('duplicate.decide');
    expect(event?.subject).toBe('bloom:G000002,G000003');
    expect(JSON.parse(event?.payload_json ?? '')).toMatchObject({
      a: 'G000002',
      b: 'G000003',
      verdict: 'distinct',
      decided_by: '秘书处 王敏',
      previous: null,
    });
  });

  it('changes to "the same case", shown in both entries’ details, and the same again writes nothing', async () => {
    const input = {
      a: pair.a.id,
      b: pair.b.id,
      verdict: 'same_case' as const,
      note: '同一案例重复申报',
    };
    await api.ok('entries.decideDuplicate', input);
    const events = auditEvents('duplicate.decide').length;
    await api.ok('entries.decideDuplicate', input);
    expect(auditEvents('duplicate.decide')).toHaveLength(events);
    const last = auditEvents('duplicate.decide').at(-1);
    expect(JSON.parse(last?.payload_json ?? '')).toMatchObject({
      verdict: 'same_case',
      previous: { verdict: 'distinct', note: '不同厂区的两个案例' },
    });
    expect((await api.ok('entries.duplicates', { view: 'decided' })).counts).toEqual({
      pending: 0,
      distinct: 0,
      same_case: 1,
    });
    const detailA = await api.ok('entries.get', { id: pair.a.id });
    const detailB = await api.ok('entries.get', { id: pair.b.id });
    expect(detailA.duplicate_decisions).toEqual([
      expect.objectContaining({
        verdict: 'same_case',
        note: '同一案例重复申报',
        decided_by: null,
        other: { id: pair.b.id, entry_id: 'G000003', title: pair.b.title },
      }),
    ]);
    expect(detailB.duplicate_decisions.map((d) => d.other.entry_id)).toEqual(['G000002']);
  });

  it('takes a decision back, leaving the pair suspected again and the reversal audited', async () => {
    expect(
      await api.ok('entries.decideDuplicate', { a: pair.a.id, b: pair.b.id, verdict: null }),
    ).toBeNull();
    const { pairs, counts } = await api.ok('entries.duplicates', {});
    expect(counts).toEqual({ pending: 1, distinct: 0, same_case: 0 });
    expect(pairs[0]?.decision).toBeNull();
    const reopened = auditEvents('duplicate.reopen');
    expect(reopened).toHaveLength(1);
    expect(JSON.parse(reopened[0]?.payload_json ?? '')).toMatchObject({
      verdict: null,
      previous: { verdict: 'same_case' },
    });
    // Nothing left to take back: nothing written.
    await api.ok('entries.decideDuplicate', { a: pair.a.id, b: pair.b.id, verdict: null });
    expect(auditEvents('duplicate.reopen')).toHaveLength(1);
    expect((await api.ok('entries.get', { id: pair.a.id })).duplicate_decisions).toEqual([]);
  });

  it('refuses a pair that is no pair, saying why in both languages', async () => {
    const same = await api.call('entries.decideDuplicate', {
      a: pair.a.id,
      b: pair.a.id,
      verdict: 'distinct',
    });
    expect(same.ok).toBe(false);
    if (!same.ok) {
      expect(same.error.code).toBe('duplicate_pair_invalid');
      expect(same.error.message_zh).toContain('同一赛事的两个不同项目');
      expect(same.error.message_en).toContain('two different entries of one programme');
    }
    const missing = await api.call('entries.decideDuplicate', {
      a: pair.a.id,
      b: 99_999,
      verdict: 'distinct',
    });
    expect(!missing.ok && missing.error.code).toBe('entry_not_found');
  });
});
