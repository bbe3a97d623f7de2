// A submitted review is the expert's word: it changes only after the expert reopens it with a
// reason, which the audit trail keeps. A save from a form showing an older version (another
// window saved meanwhile) is refused, never written over the newer one.
import { beforeEach, describe, expect, it } from 'vitest';
import { demoProjectSession } from '../support/demo-round';
import { projectFile } from '../support/project-file';
import type { ApiSession } from '../support/session';

const FULL_SCORES = { net: 15, level: 12, app: 20, impact: 20, sec: 8, rep: 4 };

let api: ApiSession;
let review: { round: string; reviewer: string; entry: number };

beforeEach(async () => {
  api = await demoProjectSession();
  await api.ok('rounds.create', {
    name: '复赛',
    programme: 'pioneer',
    stage: '复赛',
    sectors: ['factory'],
  });
  const [item] = await api.ok('scoring.queue', { round: '复赛', reviewer: 'R00101' });
  if (!item) throw new Error('empty queue');
  review = { round: '复赛', reviewer: 'R00101', entry: item.entry.id };
});

const auditEvents = (action: string) =>
  projectFile(api.session.require())
    .prepare('SELECT actor, subject, payload_json FROM audit_event WHERE action = ?')
    .all(action) as Array<{ actor: string; subject: string; payload_json: string }>;

describe('a submitted review', () => {
  beforeEach(async () => {
    await api.ok('scoring.save', { ...review, scores: FULL_SCORES });
    await api.ok('scoring.submit', review);
  });

  it('refuses a change until reopened, then takes it as a draft', async () => {
    const refused = await api.fails('scoring.save', {
      ...review,
      scores: { ...FULL_SCORES, sec: 2 },
    });
    expect(refused.code).toBe('review_submitted');
    expect(refused.message_zh).toContain('重新打开');
    expect((await api.ok('scoring.get', review)).review).toMatchObject({
      status: 'submitted',
      scores: FULL_SCORES,
    });

    const reopened = await api.ok('scoring.reopen', { ...review, reason: '误把安全性评为 8 分' });
    expect(reopened).toMatchObject({ status: 'draft', scores: FULL_SCORES });
    const [event] = auditEvents('review.reopen');
    expect(event?.actor).toBe('R00101');
    expect(JSON.parse(event?.payload_json ?? '{}')).toMatchObject({
      reason: '误把安全性评为 8 分',
      status: 'draft',
    });

    const changed = await api.ok('scoring.save', {
      ...review,
      scores: { ...FULL_SCORES, sec: 2 },
      base_version: reopened.version,
    });
    expect(changed).toMatchObject({ status: 'draft', scores: { sec: 2 } });
  });

  it('is reopened only with a reason', async () => {
    const error = await api.fails('scoring.reopen', { ...review, reason: '  ' });
    expect(error.code).toBe('invalid_input');
    expect((await api.ok('scoring.get', review)).review.status).toBe('submitted');
  });
});

it('a draft needs no reopening', async () => {
  await api.ok('scoring.save', { ...review, scores: { net: 10 } });
  const error = await api.fails('scoring.reopen', { ...review, reason: '想改一下' });
  expect(error.code).toBe('review_not_submitted');
  expect(auditEvents('review.reopen')).toEqual([]);
});

describe('two windows on one review', () => {
  it('the second save, based on the version before the first, is refused and names both', async () => {
    const opened = (await api.ok('scoring.get', review)).review.version;
    const first = await api.ok('scoring.save', {
      ...review,
      scores: { net: 15 },
      base_version: opened,
    });
    const second = await api.fails('scoring.save', {
      ...review,
      scores: { net: 3 },
      base_version: opened,
    });
    expect(second.code).toBe('review_changed');
    expect(second.message_en).toContain(`version ${first.version}`);
    expect((await api.ok('scoring.get', review)).review).toMatchObject({
      version: first.version,
      scores: { net: 15 },
    });
  });

  it('saves in turn, each on the version the last one returned, all go through', async () => {
    let version = (await api.ok('scoring.get', review)).review.version;
    for (const net of [5, 6, 7]) {
      version = (
        await api.ok('scoring.save', { ...review, scores: { net }, base_version: version })
      ).version;
    }
    expect((await api.ok('scoring.get', review)).review.scores.net).toBe(7);
  });
});
