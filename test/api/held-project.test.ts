// The check the hostile-file tests hold every refusal to (test/support/digest.ts, holdProject):
// a project held before an operation is compared with what it holds after, every table, and a
// write in between fails it, however many holds came before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdProject } from '../support/digest';
import { demoFile, demoProjectSession } from '../support/demo-round';
import type { ApiSession } from '../support/session';

let api: ApiSession;
beforeAll(async () => {
  api = await demoProjectSession();
});
afterAll(() => {
  api.session.close();
});

const renameFirstReviewer = async (name: string) => {
  const [reviewer] = await api.ok('reviewers.list', {});
  if (!reviewer) throw new Error('the demo project has reviewers');
  await api.ok('reviewers.save', { ...reviewer, name });
};

describe('a held project', () => {
  it('passes when nothing was written while it was held', async () => {
    const then = holdProject(api.session.require());
    try {
      await api.call('reviewers.import', { path: demoFile('missing.csv') });
      expect(() => then.expectUnchanged()).not.toThrow();
    } finally {
      then.release();
    }
  });

  it('fails when a write was committed while it was held, one hold inside another too', async () => {
    const outer = holdProject(api.session.require());
    const inner = holdProject(api.session.require());
    try {
      await renameFirstReviewer('改名的专家');
      expect(() => inner.expectUnchanged('renamed')).toThrow(/renamed/);
      expect(() => outer.expectUnchanged('renamed')).toThrow(/renamed/);
    } finally {
      inner.release();
      outer.release();
    }
  });

  it('holds the project as it is at each hold, its connections taken again', async () => {
    for (const name of ['第一次', '第二次']) {
      const then = holdProject(api.session.require());
      try {
        expect(() => then.expectUnchanged()).not.toThrow();
        await renameFirstReviewer(name);
        expect(() => then.expectUnchanged()).toThrow();
      } finally {
        then.release();
      }
    }
  });
});
