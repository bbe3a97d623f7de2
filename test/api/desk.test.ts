// The expert desk: an organiser turns a project into a desk; experts sign in with the PIN the
// organiser set (kept as a salted hash, never in the audit trail); a window at the desk reaches
// only the signed-in expert's queue and reviews, whatever it asks for; the organiser's PIN
// leaves the desk. The CLI, the organiser's own tool, is not a window and is not held back.
import { beforeEach, describe, expect, it } from 'vitest';
import type { OperationName } from '../../electron/api/contract';
import { dispatch } from '../../electron/api/dispatch';
import { PathAccess } from '../../electron/api/path-access';
import type { Result } from '../../electron/api/result';
import { demoProjectSession } from '../support/demo-round';
import { projectFile } from '../support/project-file';
import type { ApiSession } from '../support/session';

let api: ApiSession;
let entry: number;

/** A call as the desk's window makes it: through the same guard the session worker installs. */
function fromWindow(name: OperationName, input: object): Promise<Result<unknown>> {
  const paths = new PathAccess();
  return dispatch(api.handlers, name, input, {
    caller: { kind: 'window', paths, guard: (op, data) => api.session.desk.check(op, data) },
  });
}

async function windowFails(name: OperationName, input: object): Promise<string> {
  const result = await fromWindow(name, input);
  if (result.ok) throw new Error(`${name} was allowed`);
  return result.error.code;
}

beforeEach(async () => {
  api = await demoProjectSession();
  await api.ok('rounds.create', {
    name: '复赛',
    programme: 'pioneer',
    stage: '复赛',
    sectors: ['factory'],
  });
  await api.ok('rounds.start', { round: '复赛' });
  await api.ok('reviewers.setPin', { reviewer_id: 'R00101', pin: '1357' });
  await api.ok('reviewers.setPin', { reviewer_id: 'R00102', pin: '2468' });
  const [item] = await api.ok('scoring.queue', { round: '复赛', reviewer: 'R00101' });
  entry = item?.entry.id ?? 0;
});

it('opens only once an organiser PIN is set, so that experts cannot leave it', async () => {
  expect((await api.fails('desk.open', {})).code).toBe('organiser_pin_missing');
  await api.ok('desk.settings', { organiser_pin: '9999' });
  const state = await api.ok('desk.open', {});
  expect(state).toMatchObject({ mode: 'expert', reviewer: null, organiser_pin_set: true });
  expect(state.experts.map((e) => e.reviewer_id)).toEqual(['R00101', 'R00102']);
});

describe('at an open desk', () => {
  beforeEach(async () => {
    await api.ok('desk.settings', { organiser_pin: '9999', idle_lock_minutes: 5 });
    await api.ok('desk.open', {});
  });

  it('a locked desk lets a window see it and sign in, nothing else', async () => {
    expect((await fromWindow('desk.state', {})).ok).toBe(true);
    expect(await windowFails('scoring.queue', { round: '复赛', reviewer: 'R00101' })).toBe(
      'desk_locked',
    );
    expect(await windowFails('entries.list', {})).toBe('desk_locked');
    expect(await windowFails('desk.signIn', { reviewer_id: 'R00101', pin: '2468' })).toBe(
      'wrong_pin',
    );
    expect(await windowFails('desk.signIn', { reviewer_id: 'R00103', pin: '2468' })).toBe(
      'wrong_pin',
    );
  });

  it('a signed-in expert reaches their own queue and reviews only', async () => {
    const signedIn = await fromWindow('desk.signIn', { reviewer_id: 'R00101', pin: '1357' });
    expect(signedIn).toMatchObject({ ok: true, value: { reviewer: { reviewer_id: 'R00101' } } });
    const own = { round: '复赛', reviewer: 'R00101' };
    expect((await fromWindow('scoring.queue', own)).ok).toBe(true);
    expect((await fromWindow('scoring.save', { ...own, entry, scores: { net: 12 } })).ok).toBe(
      true,
    );
    // Their own review's history, their save in it; never another expert's.
    expect(await fromWindow('scoring.history', { ...own, entry })).toMatchObject({
      ok: true,
      value: [{ action: 'review.save', actor: 'R00101' }],
    });

    const other = { round: '复赛', reviewer: 'R00102' };
    expect(await windowFails('scoring.queue', other)).toBe('expert_mode');
    expect(await windowFails('scoring.get', { ...other, entry })).toBe('expert_mode');
    expect(await windowFails('scoring.history', { ...other, entry })).toBe('expert_mode');
    for (const [name, input] of [
      ['ranking.rank', { round: '复赛' }],
      ['export.list', {}],
      ['reviewers.list', {}],
      ['entries.list', {}],
      ['rounds.lock', { round: '复赛' }],
      ['project.close', {}],
      ['reviewers.setPin', { reviewer_id: 'R00101', pin: '0000' }],
    ] as const) {
      expect(await windowFails(name, input)).toBe('expert_mode');
    }

    // Locking signs the expert out; the next one signs in with their own PIN.
    await fromWindow('desk.lock', {});
    expect(await windowFails('scoring.queue', own)).toBe('desk_locked');
    expect((await fromWindow('desk.signIn', { reviewer_id: 'R00102', pin: '2468' })).ok).toBe(true);
    expect(await windowFails('scoring.queue', own)).toBe('expert_mode');
  });

  it('shows an expert the panel’s results only once the round is locked and the organiser shares them', async () => {
    await fromWindow('desk.signIn', { reviewer_id: 'R00101', pin: '1357' });
    const results = { round: '复赛' };
    // Shared while scoring: still closed, each judges on their own.
    await api.ok('rounds.shareResults', { round: '复赛', shown: true });
    expect(await windowFails('ranking.rank', results)).toBe('expert_mode');
    // Locked but not shared: closed.
    await api.ok('rounds.shareResults', { round: '复赛', shown: false });
    await api.ok('rounds.lock', { round: '复赛' });
    expect(await windowFails('ranking.rank', results)).toBe('expert_mode');
    // Locked and shared: the ranking, and nothing that shows another expert's review.
    const shared = await api.ok('rounds.shareResults', { round: '复赛', shown: true });
    expect(shared.results_for_experts).toBe(true);
    expect(shared.history.map((event) => event.action)).toContain('round.share_results');
    expect((await fromWindow('ranking.rank', results)).ok).toBe(true);
    expect(await windowFails('ranking.explain', { ...results, entry: 'S001-001' })).toBe(
      'expert_mode',
    );
    expect(await windowFails('ranking.charts', results)).toBe('expert_mode');
    expect(await windowFails('scoring.queue', { round: '复赛', reviewer: 'R00102' })).toBe(
      'expert_mode',
    );
  });

  it('is left with the organiser PIN only, and the CLI is never held back', async () => {
    expect(await windowFails('desk.close', { organiser_pin: '1357' })).toBe('wrong_pin');
    expect((await api.call('ranking.rank', { round: '复赛' })).ok).toBe(true);
    const closed = await fromWindow('desk.close', { organiser_pin: '9999' });
    expect(closed).toMatchObject({ ok: true, value: { mode: 'organiser' } });
    expect((await fromWindow('entries.list', {})).ok).toBe(true);
  });

  it('the app menu (the user, not the page) cannot open, create or close a project under it', async () => {
    const menu = (name: OperationName, input: object) =>
      dispatch(api.handlers, name, input, {
        caller: { kind: 'user', guard: (op) => api.session.desk.checkSwitch(op) },
      });
    const path = api.session.require().path;
    for (const [name, input] of [
      ['project.open', { path }],
      ['project.create', { path: `${path}-其他.sailreview` }],
      ['project.close', {}],
    ] as const) {
      const result = await menu(name, input);
      expect(result.ok, name).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('expert_mode');
    }
    expect(api.session.require().path).toBe(path);
    // Other calls from the menu go through, and once the desk is closed so do switches.
    expect((await menu('project.recent', {})).ok).toBe(true);
    await api.ok('desk.close', { organiser_pin: '9999' });
    expect((await menu('project.open', { path })).ok).toBe(true);
  });

  it('reopening the project finds the desk still open and locked', async () => {
    const path = api.session.require().path;
    await fromWindow('desk.signIn', { reviewer_id: 'R00101', pin: '1357' });
    await api.ok('project.open', { path });
    expect(await api.ok('desk.state', {})).toMatchObject({ mode: 'expert', reviewer: null });
    expect(await windowFails('scoring.queue', { round: '复赛', reviewer: 'R00101' })).toBe(
      'desk_locked',
    );
  });
});

it('keeps PINs as salted hashes, and never in the audit trail', async () => {
  const db = projectFile(api.session.require());
  const stored = db
    .prepare("SELECT pin_hash FROM reviewer WHERE external_id IN ('R00101', 'R00102')")
    .all() as Array<{ pin_hash: string }>;
  for (const { pin_hash } of stored) {
    expect(pin_hash).toMatch(/^scrypt\$/);
    expect(pin_hash).not.toContain('1357');
  }
  // Same PIN twice: different salts, different hashes.
  await api.ok('reviewers.setPin', { reviewer_id: 'R00102', pin: '1357' });
  const [a, b] = db
    .prepare(
      "SELECT pin_hash FROM reviewer WHERE external_id IN ('R00101', 'R00102') ORDER BY external_id",
    )
    .all() as Array<{ pin_hash: string }>;
  expect(a?.pin_hash).not.toBe(b?.pin_hash);
  const audit = db
    .prepare("SELECT payload_json FROM audit_event WHERE action = 'reviewer.setPin'")
    .all() as Array<{ payload_json: string }>;
  expect(audit).toHaveLength(3);
  for (const { payload_json } of audit) {
    expect(payload_json).not.toMatch(/1357|2468|scrypt/);
  }
});
