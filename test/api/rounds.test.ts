// Rounds through the API: choosing entries, pinning rubric versions, the state machine
// setup → scoring → locked (→ reopened with a reason), and rubric versions as rounds use them.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { OperationInput } from '../../electron/api/contract';
import type { RubricDefinition } from '../../electron/core/domain';
import { sample } from '../support/paths';
import { apiSession, type ApiSession } from '../support/session';
import { projectFile } from '../support/project-file';

const demo = (file: string) => sample('demo-round', file);

let api: ApiSession;

/** The demo round's project: 12 factory candidates, its factory rubric as version 2, 5 experts. */
async function demoProject(): Promise<ApiSession> {
  const session = apiSession();
  await session.ok('project.create', { path: join(session.dir, '批次.sailreview') });
  await session.ok('entries.import', { path: demo('entries.csv'), programme: 'pioneer' });
  await session.ok('rubrics.import', {
    rubric: JSON.parse(readFileSync(demo('rubric.json'), 'utf8')) as unknown,
  });
  await session.ok('reviewers.import', { path: demo('reviewers.csv') });
  return session;
}

const createFactoryRound = (name = '复赛') =>
  api.ok('rounds.create', { stage: '初赛', name, programme: 'pioneer', sectors: ['factory'] });

function auditCount(session: ApiSession): number {
  return (
    projectFile(session.session.require())
      .prepare('SELECT count(*) AS n FROM audit_event')
      .get() as {
      n: number;
    }
  ).n;
}

function reviewCount(session: ApiSession): number {
  return (
    projectFile(session.session.require()).prepare('SELECT count(*) AS n FROM review').get() as {
      n: number;
    }
  ).n;
}

/** A complete review of the demo rubric (net 20, level 15, app 25, impact 25, sec 10, rep 5). */
const FULL_SCORES = { net: 15, level: 12, app: 20, impact: 20, sec: 8, rep: 4 };

async function entryRowId(entryId: string): Promise<number> {
  const page = await api.ok('entries.list', { search: entryId });
  const row = page.rows.find((entry) => entry.entry_id === entryId);
  if (!row) throw new Error(`no entry ${entryId}`);
  return row.id;
}

function scoresCsv(lines: string[]): string {
  const path = join(api.dir, `scores-${lines.length}-${Math.random()}.csv`);
  writeFileSync(path, ['entry_id,reviewer_id,criterion,score', ...lines].join('\n'));
  return path;
}

beforeEach(async () => {
  api = await demoProject();
});

describe('creating a round', () => {
  it('pins the newest version of each sector and starts in setup', async () => {
    const round = await createFactoryRound();
    expect(round.status).toBe('setup');
    expect(round.entries).toBe(12);
    expect(round.pins.map((p) => [p.sector, p.rubric.sector, p.rubric.version])).toEqual([
      ['factory', 'factory', 2],
    ]);
    expect(round.pins[0]).toMatchObject({ entries: 12, reviews: 0 });
    expect(round.history.map((event) => event.action)).toEqual(['round.create']);
    expect(round.missing_ids).toEqual([]);
  });

  it('takes the entries of a list of ids and reports the ids it does not know', async () => {
    const round = await api.ok('rounds.create', {
      stage: '初赛',
      name: '名单',
      programme: 'pioneer',
      entry_ids: ['S001-003', 'S001-001', 'NOPE-1', 'S001-003'],
    });
    expect(round.entries).toBe(2);
    expect(round.missing_ids).toEqual(['NOPE-1']);
    const empty = await api.call('rounds.create', {
      stage: '初赛',
      name: '空名单',
      programme: 'pioneer',
      entry_ids: ['X1', 'X2'],
    });
    expect(empty.ok).toBe(false);
    if (!empty.ok) {
      expect(empty.error.code).toBe('round_empty');
      expect(empty.error.message_zh).toContain('X1');
    }
    expect((await api.ok('rounds.list', {})).map((r) => r.name)).toEqual(['名单']);
  });

  it('matches listed ids whatever their case or width, as the ids were imported', async () => {
    const preview = await api.ok('rounds.preview', {
      programme: 'pioneer',
      entry_ids: ['s001-003', 'Ｓ００１－００１', ' S001-002 ', 'nope-1'],
    });
    expect(preview).toMatchObject({ entries: 3, missing_ids: ['nope-1'] });
    const round = await api.ok('rounds.create', {
      name: '小写名单',
      programme: 'pioneer',
      stage: '初赛',
      entry_ids: ['s001-003', 's001-001'],
    });
    expect(round).toMatchObject({ entries: 2, missing_ids: [] });
  });

  it('filters 绽放杯 entries by track, province and search, pinning the generic rubric', async () => {
    await api.ok('entries.import', { path: sample('bloom-submissions.csv'), programme: 'bloom' });
    const all = await api.ok('rounds.preview', { programme: 'bloom' });
    expect(all.entries).toBe(300);
    const track = all.options.tracks[0];
    const province = all.options.provinces[0];
    if (!track || !province) throw new Error('the sample has tracks and provinces');
    const byTrack = await api.ok('rounds.preview', { programme: 'bloom', tracks: [track.value] });
    expect(byTrack.entries).toBe(track.count);
    const both = await api.ok('rounds.preview', {
      programme: 'bloom',
      tracks: [track.value],
      provinces: [province.value],
    });
    expect(both.entries).toBeLessThanOrEqual(Math.min(track.count, province.count));
    const searched = await api.ok('rounds.preview', { programme: 'bloom', search: 'B2025-000' });
    expect(searched.entries).toBe(9);

    const generic = (await api.ok('rubrics.list', {})).find((r) => r.sector === 'generic');
    const round = await api.ok('rounds.create', {
      name: '初赛',
      programme: 'bloom',
      stage: '初赛',
      tracks: [track.value],
    });
    expect(round.entries).toBe(track.count);
    expect(round.tracks).toEqual([track.value]);
    expect(round.pins.length).toBeGreaterThan(0);
    for (const pin of round.pins) expect(pin.rubric.id).toBe(generic?.id);
  });

  it('applies the filters given with a list of ids, naming the listed ids they leave out', async () => {
    const selection = {
      programme: 'pioneer' as const,
      entry_ids: ['S001-001', 'S001-002', 'NOPE-1'],
      search: 'S001-001',
    };
    const preview = await api.ok('rounds.preview', selection);
    expect(preview).toMatchObject({
      entries: 1,
      missing_ids: ['NOPE-1'],
      filtered_out_ids: ['S001-002'],
    });
    const round = await api.ok('rounds.create', { stage: '初赛', ...selection, name: '名单' });
    expect(round).toMatchObject({ entries: 1, filtered_out_ids: ['S001-002'] });
    expect(round.history[0]?.payload).toMatchObject({
      selection: { entry_ids: 3, missing: 1, filtered_out: 1, search: 'S001-001' },
    });
  });

  it('pins versions named per sector, by key or Chinese name, or for every sector', async () => {
    await api.ok('entries.import', { path: sample('bloom-submissions.csv'), programme: 'bloom' });
    const versions = await api.ok('rubrics.list', {});
    const id = (sector: string, version: number) =>
      versions.find((r) => r.sector === sector && r.version === version)?.id;
    const pinned = (round: { pins: Array<{ sector: string; rubric: { id: number } }> }) =>
      Object.fromEntries(round.pins.map((pin) => [pin.sector, pin.rubric.id]));

    const named = await api.ok('rounds.create', {
      stage: '初赛',
      name: '绽放杯·指定',
      programme: 'bloom',
      sectors: ['factory', 'mine'],
      rubrics: { 工厂: 1, mine: 'latest' },
    });
    expect(pinned(named)).toEqual({ factory: id('factory', 1), mine: id('mine', 1) });

    const all = await api.ok('rounds.create', {
      stage: '初赛',
      name: '领航者·通用',
      programme: 'pioneer',
      rubrics: { all: 'generic' },
    });
    expect(pinned(all)).toEqual({ factory: id('generic', 1) });

    // A sector named beats 'all'; without either a 绽放杯 round keeps the generic default.
    const mixed = await api.ok('rounds.create', {
      stage: '初赛',
      name: '绽放杯·混合',
      programme: 'bloom',
      sectors: ['factory', 'mine'],
      rubrics: { all: 'latest', factory: 'generic' },
    });
    expect(pinned(mixed)).toEqual({ factory: id('generic', 1), mine: id('mine', 1) });
  });

  it('refuses a rubric named by an unknown sector or version, with both languages, writing nothing', async () => {
    const before = auditCount(api);
    const refusals = [
      [{ foo: 1 }, 'unknown_sector', 'foo'],
      [{ factory: 9 }, 'rubric_version_not_found', '没有第 9 版'],
      [{ mine: 1 }, 'pin_unknown_sector', '矿山'],
    ] as const;
    for (const [rubrics, code, text] of refusals) {
      const result = await api.call('rounds.create', {
        stage: '初赛',
        name: '复赛',
        programme: 'pioneer',
        rubrics,
      });
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe(code);
      expect(result.error.message_zh).toContain(text);
      expect(result.error.message_en).not.toBe('');
    }
    expect(auditCount(api)).toBe(before);
    expect(await api.ok('rounds.list', {})).toEqual([]);
  });

  it('refuses a pin of another sector’s rubric and writes nothing', async () => {
    const mine = (await api.ok('rubrics.list', {})).find((r) => r.sector === 'mine');
    const before = auditCount(api);
    const result = await api.call('rounds.create', {
      stage: '初赛',
      name: '复赛',
      programme: 'pioneer',
      sectors: ['factory'],
      pins: { factory: mine?.id ?? 0 },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('rubric_not_pinnable');
    expect(auditCount(api)).toBe(before);
  });
});

describe('the state machine', () => {
  it('moves setup → scoring → locked → scoring, refusing every other step with a message', async () => {
    await createFactoryRound();
    const refused = async (
      op: 'rounds.start' | 'rounds.lock',
      code = 'round_transition_refused',
    ) => {
      const result = await api.call(op, { round: '复赛' });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe(code);
        expect(result.error.message_zh).toContain('复赛');
        expect(result.error.message_en).toContain('复赛');
      }
    };
    const reopenRefused = async () => {
      const result = await api.call('rounds.reopen', { round: '复赛', reason: '复核' });
      expect(result.ok).toBe(false);
    };

    await refused('rounds.lock');
    await reopenRefused();
    expect((await api.ok('rounds.start', { round: '复赛' })).status).toBe('scoring');
    await refused('rounds.start');
    await reopenRefused();
    expect((await api.ok('rounds.lock', { round: '复赛' })).status).toBe('locked');
    await refused('rounds.start');
    await refused('rounds.lock');
    const reopened = await api.ok('rounds.reopen', { round: '复赛', reason: '专家03 申请复核' });
    expect(reopened.status).toBe('scoring');
    expect(reopened.history.map((e) => e.action)).toEqual([
      'round.create',
      'round.start',
      'round.lock',
      'round.reopen',
    ]);
    expect(reopened.history.at(-1)?.payload).toMatchObject({
      from: 'locked',
      to: 'scoring',
      reason: '专家03 申请复核',
    });
    expect((await api.ok('project.verify', {})).ok).toBe(true);
  });

  it('reopens only with a reason, saying so in both languages', async () => {
    await createFactoryRound();
    await api.ok('rounds.start', { round: '复赛' });
    await api.ok('rounds.lock', { round: '复赛' });
    for (const [reason, code] of [
      ['', 'reason_required'],
      ['   ', 'reason_required'],
      ['因'.repeat(1001), 'reason_too_long'],
    ] as const) {
      const result = await api.call('rounds.reopen', { round: '复赛', reason });
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe(code);
      // Said by the service in words, not by the schema (no "Too small" in a Chinese message).
      expect(result.error.message_zh).toMatch(/原因/);
      expect(result.error.message_zh).not.toMatch(/[A-Za-z]{4}/);
    }
    expect((await api.ok('rounds.get', { round: '复赛' })).status).toBe('locked');
  });

  it('a locked round refuses scoring.save, scoring.submit and scores import, writing nothing', async () => {
    await createFactoryRound();
    const entry = await entryRowId('S001-001');
    await api.ok('scoring.save', {
      round: '复赛',
      reviewer: 'R00101',
      entry,
      scores: FULL_SCORES,
    });
    await api.ok('rounds.lock', { round: '复赛' });
    const audit = auditCount(api);
    const reviews = reviewCount(api);

    const attempts = [
      await api.call('scoring.save', {
        round: '复赛',
        reviewer: 'R00101',
        entry,
        scores: { ...FULL_SCORES, net: 10 },
      }),
      await api.call('scoring.submit', { round: '复赛', reviewer: 'R00101', entry }),
      await api.call('scores.import', {
        round: '复赛',
        path: scoresCsv(['S001-002,R00102,net,12']),
      }),
    ];
    for (const result of attempts) {
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe('round_locked');
      expect(result.error.message_zh).toContain('复赛');
      expect(result.error.message_zh).toContain('主办方');
      expect(result.error.message_en).toContain('organiser');
      // Experts read this in the window: no command line in it (the CLI adds its own).
      expect(`${result.error.message_zh} ${result.error.message_en}`).not.toContain('sail-review');
    }
    expect(auditCount(api)).toBe(audit);
    expect(reviewCount(api)).toBe(reviews);
    const form = await api.ok('scoring.get', { round: '复赛', reviewer: 'R00101', entry });
    expect(form.review.scores.net).toBe(15);
  });

  it('the first score in the window starts a round still in setup, audited', async () => {
    await createFactoryRound();
    const entry = await entryRowId('S001-001');
    await api.ok('scoring.save', {
      round: '复赛',
      reviewer: 'R00101',
      entry,
      scores: { net: 12 },
    });
    const round = await api.ok('rounds.get', { round: '复赛' });
    expect(round.status).toBe('scoring');
    expect(round.history.at(-1)).toMatchObject({
      action: 'round.start',
      payload: { automatic: true, via: 'review.save', from: 'setup', to: 'scoring' },
    });
    // Only the first score starts it.
    await api.ok('scoring.save', {
      round: '复赛',
      reviewer: 'R00101',
      entry,
      scores: { net: 13 },
    });
    const again = await api.ok('rounds.get', { round: '复赛' });
    expect(again.history.filter((e) => e.action === 'round.start')).toHaveLength(1);
  });

  it('scores import starts a round in setup and freezes the pinned version', async () => {
    const round = await createFactoryRound();
    const summary = await api.ok('scores.import', { round: '复赛', path: demo('scores.csv') });
    expect(summary.rejected).toEqual([]);
    const after = await api.ok('rounds.get', { round: '复赛' });
    expect(after.status).toBe('scoring');
    expect(after.history.at(-1)?.payload).toMatchObject({ automatic: true, via: 'scores.import' });
    const pinned = (await api.ok('rubrics.list', {})).find(
      (r) => r.id === round.pins[0]?.rubric.id,
    );
    expect(pinned?.frozen).toBe(true);
    expect(pinned?.rounds).toEqual([{ name: '复赛', status: 'scoring' }]);
  });
});

describe('the stage of a round', () => {
  it('is required to create one and cannot be taken away', async () => {
    const missing = await api.call('rounds.create', {
      name: '无阶段',
      programme: 'pioneer',
    } as OperationInput<'rounds.create'>);
    expect(missing.ok).toBe(false);
    if (!missing.ok) {
      expect(missing.error.code).toBe('invalid_input');
      expect(missing.error.message_en).toContain('stage');
    }
    expect(await api.ok('rounds.list', {})).toEqual([]);
    await createFactoryRound();
    const cleared = await api.call('rounds.update', {
      round: '复赛',
      stage: null,
    } as unknown as OperationInput<'rounds.update'>);
    expect(cleared.ok).toBe(false);
    expect((await api.ok('rounds.get', { round: '复赛' })).stage).toBe('初赛');
  });

  it('may be missing on a round made before it was required; setup can give it one', async () => {
    await createFactoryRound();
    // As a project written by an earlier version holds it.
    projectFile(api.session.require()).prepare('UPDATE round SET stage = NULL').run();
    expect((await api.ok('rounds.list', {}))[0]?.stage).toBeNull();
    const unchanged = await api.ok('rounds.update', { round: '复赛', min_reviews: 4 });
    expect(unchanged.stage).toBeNull();
    const staged = await api.ok('rounds.update', { round: '复赛', stage: '复赛' });
    expect(staged.stage).toBe('复赛');
    expect(staged.settings.min_reviews).toBe(4);
  });
});

describe('settings and pins in setup', () => {
  it('changes stage and settings only while the round is in setup', async () => {
    await createFactoryRound();
    const updated = await api.ok('rounds.update', {
      round: '复赛',
      stage: '决赛',
      method: 'trimmed',
      trim_k: 2,
      min_reviews: 5,
      disagreement_threshold: 15,
    });
    expect(updated.stage).toBe('决赛');
    expect(updated.settings).toEqual({
      method: 'trimmed',
      trim_k: 2,
      min_reviews: 5,
      disagreement_threshold: 15,
    });
    expect(updated.history.at(-1)?.action).toBe('round.update');
    await api.ok('rounds.start', { round: '复赛' });
    const refused = await api.call('rounds.update', { round: '复赛', method: 'mean' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('round_not_in_setup');
    expect((await api.ok('rounds.get', { round: '复赛' })).settings.method).toBe('trimmed');
  });

  it('moves a pin to another version of the sector in setup, with its entries', async () => {
    await createFactoryRound();
    const factory = (await api.ok('rubrics.list', {})).filter((r) => r.sector === 'factory');
    const library = factory.find((r) => r.version === 1);
    if (!library) throw new Error('library factory rubric');
    const moved = await api.ok('rounds.pin', {
      round: '复赛',
      sector: 'factory',
      rubric_id: library.id,
    });
    expect(moved.pins[0]?.rubric.version).toBe(1);
    const entry = await entryRowId('S001-001');
    const form = await api.ok('scoring.get', { round: '复赛', reviewer: 'R00101', entry });
    expect(form.rubric.id).toBe(library.id);
    expect(moved.history.at(-1)).toMatchObject({
      action: 'round.pin',
      payload: { before: { version: 2 }, after: { version: 1 } },
    });

    await api.ok('scoring.save', {
      round: '复赛',
      reviewer: 'R00101',
      entry,
      scores: { [library.criteria[0]?.key ?? '']: 1 },
    });
    const refused = await api.call('rounds.pin', {
      round: '复赛',
      sector: 'factory',
      rubric_id: factory.find((r) => r.version === 2)?.id ?? 0,
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message_zh).toContain('筹备');
  });
});

describe('entries whose sector changed after the round was created', () => {
  /** The demo entries file with the category of the listed candidates replaced. */
  function entriesIn(category: string, ids: string[]): string {
    const lines = readFileSync(demo('entries.csv'), 'utf8').split(/\r?\n/);
    const path = join(api.dir, `entries-${category}-${ids.join('-')}.csv`);
    writeFileSync(
      path,
      lines
        .map((line) =>
          ids.some((id) => line.startsWith(`${id},`)) ? line.replace('5G工厂', category) : line,
        )
        .join('\n'),
    );
    return path;
  }

  const rank = (scope: string) => api.ok('ranking.rank', { round: '复赛', scope });

  it('stay in the sector group they joined, with its rubric, wherever the round ranks them', async () => {
    await createFactoryRound();
    await api.ok('scores.import', { round: '复赛', path: demo('scores.csv') });
    const before = await rank('factory');
    const shortlist = await api.ok('shortlists.create', {
      round: '复赛',
      scope: 'overall',
      rule: { kind: 'quotas', quotas: { factory: 12 } },
      name: '入围',
    });

    // A corrected file moves S001-002 from 工厂 to 电厂 after scoring started.
    await api.ok('entries.import', {
      path: entriesIn('5G电厂', ['S001-002']),
      programme: 'pioneer',
    });
    const entry = await api.ok('entries.list', { search: 'S001-002' });
    expect(entry.rows[0]?.sector).toBe('power');

    const after = await rank('factory');
    expect(after.rows).toEqual(before.rows);
    expect(after.rows.find((row) => row.entry_id === 'S001-002')).toMatchObject({
      sector: 'factory',
      rubric_id: before.rubrics[0]?.rubric_id,
    });
    expect(after.rubrics).toEqual(before.rubrics);
    const power = await api.call('ranking.rank', { round: '复赛', scope: 'power' });
    expect(power.ok).toBe(false);
    if (!power.ok) expect(power.error.code).toBe('scope_empty');
    const quota = await api.call('shortlists.preview', {
      round: '复赛',
      rule: { kind: 'quotas', quotas: { power: 1 } },
    });
    expect(quota.ok).toBe(false);
    if (!quota.ok) expect(quota.error.code).toBe('shortlist_unknown_sector');
    // The saved shortlist reads the same, and the data it rests on did not change.
    const saved = await api.ok('shortlists.get', { id: shortlist.id });
    expect(saved.rows.find((row) => row.entry_id === 'S001-002')?.sector).toBe('factory');
    expect(saved.stale).toBe(false);

    const round = await api.ok('rounds.get', { round: '复赛' });
    expect(round.sectors).toEqual(['factory']);
    expect(round.pins).toMatchObject([{ sector: 'factory', entries: 12 }]);
    expect(round.sector_changes).toEqual([
      {
        entry_id: 'S001-002',
        title: expect.any(String),
        sector: 'power',
        ranked_in: 'factory',
        rubric: expect.objectContaining({ sector: 'factory', version: 2 }),
        sector_pinned: false,
      },
    ]);
    // Once scoring has started they stay where they are scored.
    const audit = auditCount(api);
    const refused = await api.call('rounds.regroup', { round: '复赛' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('round_not_in_setup');
      expect(refused.error.message_zh).toContain('筹备阶段');
      expect(refused.error.message_en).toContain('only in setup');
    }
    expect(auditCount(api)).toBe(audit);
  });

  it('move to their sector now in setup, pinning the default version there, recorded', async () => {
    await createFactoryRound();
    await api.ok('entries.import', {
      path: entriesIn('5G电厂', ['S001-002']),
      programme: 'pioneer',
    });
    const library = (await api.ok('rubrics.list', {})).find((r) => r.sector === 'power');
    if (!library) throw new Error('power rubric');

    // A pin moves the entries of its group, those whose sector changed included.
    const factory = (await api.ok('rubrics.list', {})).filter((r) => r.sector === 'factory');
    const v1 = factory.find((r) => r.version === 1);
    const v2 = factory.find((r) => r.version === 2);
    if (!v1 || !v2) throw new Error('factory versions');
    await api.ok('rounds.pin', { round: '复赛', sector: 'factory', rubric_id: v1.id });
    const pinned = await api.ok('rounds.get', { round: '复赛' });
    expect(pinned.sector_changes).toMatchObject([
      { entry_id: 'S001-002', ranked_in: 'factory', rubric: { id: v1.id } },
    ]);
    await api.ok('rounds.pin', { round: '复赛', sector: 'factory', rubric_id: v2.id });

    const moved = await api.ok('rounds.regroup', { round: '复赛' });
    expect(moved.sector_changes).toEqual([]);
    expect(moved.sectors).toEqual(['factory', 'power']);
    expect(moved.pins).toMatchObject([
      { sector: 'factory', entries: 11, rubric: { id: v2.id } },
      { sector: 'power', entries: 1, rubric: { id: library.id } },
    ]);
    expect(moved.history.at(-1)).toMatchObject({
      action: 'round.regroup',
      payload: {
        entries: [
          {
            entry_id: 'S001-002',
            from: 'factory',
            to: 'power',
            before: { rubric_id: v2.id, sector: 'factory', version: 2 },
            after: { rubric_id: library.id, sector: 'power', version: 1 },
          },
        ],
        pins_added: [{ sector: 'power', rubric: { rubric_id: library.id } }],
        pins_removed: [],
      },
    });
    const form = await api.ok('scoring.get', {
      round: '复赛',
      reviewer: 'R00101',
      entry: await entryRowId('S001-002'),
    });
    expect(form.rubric.id).toBe(library.id);
    expect((await rank('power')).rows.map((row) => [row.entry_id, row.sector])).toEqual([
      ['S001-002', 'power'],
    ]);
    expect((await rank('factory')).rows.map((row) => row.entry_id)).not.toContain('S001-002');
    // Nothing left to move: moving again writes nothing.
    const audit = auditCount(api);
    await api.ok('rounds.regroup', { round: '复赛' });
    expect(auditCount(api)).toBe(audit);

    // Back to 工厂: the power group is left empty and loses its pin.
    await api.ok('entries.import', { path: demo('entries.csv'), programme: 'pioneer' });
    const back = await api.ok('rounds.regroup', { round: '复赛' });
    expect(back.pins).toMatchObject([{ sector: 'factory', entries: 12, rubric: { id: v2.id } }]);
    expect(back.history.at(-1)?.payload).toMatchObject({
      entries: [{ entry_id: 'S001-002', from: 'power', to: 'factory' }],
      pins_added: [],
      pins_removed: [{ sector: 'power', rubric: { rubric_id: library.id } }],
    });
  });
});

describe('rubric versions as rounds use them', () => {
  it('points a round in setup to a newer version of the rubric it pins', async () => {
    const round = await createFactoryRound();
    expect(round.pins[0]?.newer).toBeNull();
    const draft = await api.ok('rubrics.export', { sector: 'factory' });
    const saved = await api.ok('rubrics.save', {
      rubric: { ...draft, name_zh: '改' },
      base_id: round.pins[0]?.rubric.id,
    });
    expect(saved).toMatchObject({ in_place: false, rubric: { version: 3 } });
    const after = await api.ok('rounds.get', { round: '复赛' });
    expect(after.pins[0]).toMatchObject({
      rubric: { version: 2 },
      newer: { id: saved.rubric.id, version: 3 },
    });
    const moved = await api.ok('rounds.pin', {
      round: '复赛',
      sector: 'factory',
      rubric_id: saved.rubric.id,
    });
    expect(moved.pins[0]).toMatchObject({ rubric: { version: 3 }, newer: null });
  });

  const edited = (rubric: RubricDefinition, nameZh: string): RubricDefinition => ({
    ...rubric,
    name_zh: nameZh,
  });

  it('edits an unused version in place, and saves a pinned one as a new version', async () => {
    const draft = await api.ok('rubrics.export', { sector: 'factory' });
    const v3 = await api.ok('rubrics.save', { rubric: edited(draft, '草稿') });
    expect(v3).toMatchObject({ in_place: false, rubric: { version: 3, name_zh: '草稿' } });

    const again = await api.ok('rubrics.save', {
      rubric: edited(draft, '草稿·改'),
      base_id: v3.rubric.id,
    });
    expect(again).toMatchObject({ in_place: true, rubric: { id: v3.rubric.id, version: 3 } });

    await createFactoryRound();
    const pinned = await api.ok('rubrics.save', {
      rubric: edited(draft, '草稿·再改'),
      base_id: v3.rubric.id,
    });
    expect(pinned.in_place).toBe(false);
    expect(pinned.rubric.version).toBe(4);
    const list = await api.ok('rubrics.list', {});
    expect(list.find((r) => r.id === v3.rubric.id)).toMatchObject({
      name_zh: '草稿·改',
      rounds: [{ name: '复赛', status: 'setup' }],
    });
  });

  it('refuses an invalid rubric with both languages and saves nothing', async () => {
    const draft = await api.ok('rubrics.export', { sector: 'factory' });
    const before = (await api.ok('rubrics.list', {})).length;
    const result = await api.call('rubrics.save', {
      rubric: { ...draft, criteria: draft.criteria.slice(1) },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid_rubric');
      expect(result.error.message_zh).toContain('100');
      expect(result.error.message_en).toContain('100');
    }
    expect((await api.ok('rubrics.list', {})).length).toBe(before);
  });

  it('writes a version to a JSON file and reads it back for the editor', async () => {
    const factory = (await api.ok('rubrics.list', {})).find(
      (r) => r.sector === 'factory' && r.version === 2,
    );
    const path = join(api.dir, 'factory-v2.json');
    await api.ok('rubrics.exportFile', { id: factory?.id ?? 0, path });
    const read = await api.ok('rubrics.read', { path });
    expect(read).toEqual(await api.ok('rubrics.export', { sector: 'factory', version: 2 }));
    writeFileSync(path, '{"sector": "factory"');
    const broken = await api.call('rubrics.read', { path });
    expect(broken.ok).toBe(false);
  });
});
