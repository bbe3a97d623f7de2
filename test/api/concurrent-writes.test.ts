// Every write checks and reads what it depends on in its own transaction. Here another program
// holds the project's write lock with a change of its own, uncommitted, while the window's write
// starts: the write waits for the lock (busy_timeout), and must then act on that change, not on
// what it read while waiting. Each case lost data or gave an internal error before.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { holdWriteLock } from '../support/lock-holder';
import { demoFile as demo, demoProjectSession } from '../support/demo-round';
import type { ApiSession } from '../support/session';

/** Long enough for the window's call to read before the other program commits. */
const HOLD_MS = 1500;
/** A complete review of the demo rubric (net 20, level 15, app 25, impact 25, sec 10, rep 5). */
const FULL_SCORES = { net: 15, level: 12, app: 20, impact: 20, sec: 8, rep: 4 };

let api: ApiSession;
let path: string;

beforeEach(async () => {
  api = await demoProjectSession();
  path = api.session.require().path;
  await api.ok('rounds.create', {
    name: '复赛',
    programme: 'pioneer',
    stage: '复赛',
    sectors: ['factory'],
  });
});

/**
 * The other program's change, made under the write lock; resolves once it holds the lock, with
 * the exit code it commits and ends with after HOLD_MS.
 */
async function meanwhile(sql: string): Promise<{ released: Promise<number | null> }> {
  return holdWriteLock(path, { sql, holdMs: HOLD_MS });
}

async function entryRowId(entryId: string): Promise<number> {
  const row = (await api.ok('entries.list', { search: entryId })).rows[0];
  if (row?.entry_id !== entryId) throw new Error(`no entry ${entryId}`);
  return row.id;
}

const REVIEW = `(SELECT r.id FROM review r JOIN entry e ON e.id = r.entry_id
  JOIN reviewer rv ON rv.id = r.reviewer_id
  WHERE e.external_id = 'S001-001' AND rv.external_id = 'R00101')`;

describe('a write that waits for another program', () => {
  it('submitting a review submits the scores as stored then', async () => {
    const entry = await entryRowId('S001-001');
    const draft = { round: '复赛', reviewer: 'R00101', entry };
    await api.ok('scoring.save', { ...draft, scores: FULL_SCORES });
    const { released } = await meanwhile(
      `UPDATE score SET points = 19 WHERE criterion_key = 'net' AND review_id = ${REVIEW};
       UPDATE review SET version = version + 1 WHERE id = ${REVIEW};`,
    );
    const submitted = await api.ok('scoring.submit', draft);
    expect(await released).toBe(0);
    expect(submitted).toMatchObject({ status: 'submitted', scores: { ...FULL_SCORES, net: 19 } });
  });

  it('a save based on the version another program moved on from is refused, nothing lost', async () => {
    const entry = await entryRowId('S001-001');
    const draft = { round: '复赛', reviewer: 'R00101', entry };
    const first = await api.ok('scoring.save', { ...draft, scores: FULL_SCORES });
    const { released } = await meanwhile(
      `UPDATE score SET points = 19 WHERE criterion_key = 'net' AND review_id = ${REVIEW};
       UPDATE review SET version = version + 1 WHERE id = ${REVIEW};`,
    );
    const error = await api.fails('scoring.save', {
      ...draft,
      scores: { ...FULL_SCORES, sec: 9 },
      base_version: first.version,
    });
    expect(await released).toBe(0);
    expect(error.code).toBe('review_changed');
    expect((await api.ok('scoring.get', draft)).review).toMatchObject({
      version: first.version + 1,
      scores: { ...FULL_SCORES, net: 19 },
    });
  });

  it('autosaving a review another program submitted is refused, the submitted scores kept', async () => {
    const entry = await entryRowId('S001-001');
    const draft = { round: '复赛', reviewer: 'R00101', entry };
    await api.ok('scoring.save', { ...draft, scores: FULL_SCORES });
    const { released } = await meanwhile(
      `UPDATE review SET status = 'submitted', submitted_at = 'then', version = version + 1
       WHERE id = ${REVIEW};`,
    );
    const error = await api.fails('scoring.save', { ...draft, scores: { ...FULL_SCORES, sec: 9 } });
    expect(await released).toBe(0);
    expect(error.code).toBe('review_submitted');
    expect((await api.ok('scoring.get', draft)).review).toMatchObject({
      status: 'submitted',
      scores: FULL_SCORES,
    });
  });

  it('locking a round another program locked is refused, not recorded twice', async () => {
    await api.ok('rounds.start', { round: '复赛' });
    const { released } = await meanwhile(`UPDATE round SET status = 'locked' WHERE name = '复赛';`);
    const error = await api.fails('rounds.lock', { round: '复赛' });
    expect(await released).toBe(0);
    expect(error.code).toBe('round_transition_refused');
    const round = await api.ok('rounds.get', { round: '复赛' });
    expect(round.history.map((event) => event.action)).toEqual(['round.create', 'round.start']);
  });

  // The round's status is checked in the transaction that writes: a check before it would pass
  // (the other program's lock is not committed yet) and the write would change a locked round.
  it('saving a review while another program locks the round is refused, nothing written', async () => {
    await api.ok('rounds.start', { round: '复赛' });
    const entry = await entryRowId('S001-001');
    const draft = { round: '复赛', reviewer: 'R00101', entry };
    const { released } = await meanwhile(`UPDATE round SET status = 'locked' WHERE name = '复赛';`);
    const error = await api.fails('scoring.save', { ...draft, scores: FULL_SCORES });
    expect(await released).toBe(0);
    expect(error.code).toBe('round_locked');
    expect((await api.ok('scoring.get', draft)).review).toMatchObject({
      status: 'new',
      version: 0,
    });
  });

  it('importing scores while another program locks the round is refused, nothing written', async () => {
    await api.ok('rounds.start', { round: '复赛' });
    const { released } = await meanwhile(`UPDATE round SET status = 'locked' WHERE name = '复赛';`);
    const error = await api.fails('scores.import', { round: '复赛', path: demo('scores.csv') });
    expect(await released).toBe(0);
    expect(error.code).toBe('round_locked');
    expect(await api.ok('rounds.get', { round: '复赛' })).toMatchObject({
      status: 'locked',
      reviews_submitted: 0,
      reviews_draft: 0,
    });
  });

  it('changing the settings of a round another program started is refused', async () => {
    const { released } = await meanwhile(
      `UPDATE round SET status = 'scoring' WHERE name = '复赛';`,
    );
    const error = await api.fails('rounds.update', { round: '复赛', method: 'median' });
    expect(await released).toBe(0);
    expect(error.code).toBe('round_not_in_setup');
    const round = await api.ok('rounds.get', { round: '复赛' });
    expect(round.settings.method).not.toBe('median');
    expect(round.history.map((event) => event.action)).toEqual(['round.create']);
  });

  it('creating a round with a name another program just used says so', async () => {
    const { released } = await meanwhile(
      `INSERT INTO round (uuid, name, programme, created_at)
       VALUES ('other', '决赛', 'pioneer', 'now');`,
    );
    const error = await api.fails('rounds.create', {
      name: '决赛',
      programme: 'pioneer',
      stage: '决赛',
      sectors: ['factory'],
    });
    expect(await released).toBe(0);
    expect(error.code).toBe('round_exists');
  });

  it('importing entries another program just added updates them', async () => {
    const file = join(api.dir, 'more.csv');
    writeFileSync(file, '候选编号,领航者类别,主体名称\nS009-001,5G工厂,新主体有限公司\n');
    const { released } = await meanwhile(
      `INSERT INTO entry (programme, external_id, title, applicant, sector, source_json,
         created_at, updated_at)
       VALUES ('pioneer', 'S009-001', '旧名称', '旧名称', 'factory', '[]', 'now', 'now');`,
    );
    const summary = await api.ok('entries.import', { path: file, programme: 'pioneer' });
    expect(await released).toBe(0);
    expect(summary).toMatchObject({ inserted: 0, updated: 1 });
    expect(summary.changes[0]?.fields).toContainEqual({
      field: 'title',
      kind: 'field',
      before: '旧名称',
      after: '新主体有限公司',
    });
  });

  it('importing a rubric another program just added as the newest version adds nothing', async () => {
    const rubric = JSON.parse(readFileSync(demo('rubric.json'), 'utf8')) as {
      criteria: Array<{ key: string; name_zh: string }>;
    };
    rubric.criteria[0]!.name_zh = '网络基础（修订）';
    const { released } = await meanwhile(
      `INSERT INTO rubric (sector, version, name_zh, name_en, tie_break_json, origin, created_at)
         SELECT sector, version + 1, name_zh, name_en, tie_break_json, 'import', created_at
         FROM rubric WHERE sector = 'factory' ORDER BY version DESC LIMIT 1;
       INSERT INTO criterion (rubric_id, position, key, name_zh, name_en, max_points, guide_zh,
         guide_en, anchors_json)
         SELECT (SELECT max(id) FROM rubric), position, key,
           CASE key WHEN 'net' THEN '网络基础（修订）' ELSE name_zh END, name_en, max_points,
           guide_zh, guide_en, anchors_json
         FROM criterion WHERE rubric_id = (SELECT id FROM rubric WHERE sector = 'factory'
           AND version = 2);`,
    );
    const imported = await api.ok('rubrics.import', { rubric });
    expect(await released).toBe(0);
    expect(imported).toMatchObject({ unchanged: true, rubric: { version: 3 } });
  });

  it('finalising a shortlist whose scores another program changed is refused as stale', async () => {
    await api.ok('scores.import', { round: '复赛', path: demo('scores.csv') });
    const saved = await api.ok('shortlists.create', {
      round: '复赛',
      scope: 'factory',
      method: 'mean',
      rule: { kind: 'top', n: 3 },
      name: '入围',
    });
    const { released } = await meanwhile(
      `UPDATE score SET points = CASE WHEN points >= 1 THEN points - 1 ELSE points + 1 END
       WHERE criterion_key = 'net' AND review_id IN (SELECT id FROM review WHERE status = 'submitted');
       UPDATE review SET version = version + 1 WHERE status = 'submitted';`,
    );
    const error = await api.fails('shortlists.finalise', {
      id: saved.id,
      override_reason: '专家组同意',
    });
    expect(await released).toBe(0);
    expect(error.code).toBe('shortlist_stale');
  });
});
