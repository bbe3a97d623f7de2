// Known conditions of the disk and the file, said plainly in both languages, with the project
// intact: another program holding the project longer than the busy timeout, and a full disk
// (a size-limited database: max_page_count on the window's connection).
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { holdWriteLock } from '../support/lock-holder';
import { sample } from '../support/paths';
import { apiSession, type ApiSession } from '../support/session';
import { projectFile, storeConnection } from '../support/project-file';

const demo = (file: string) => sample('demo-round', file);

let api: ApiSession;
let path: string;

beforeEach(async () => {
  api = apiSession();
  path = join(api.dir, '存储.sailreview');
  await api.ok('project.create', { path });
  await api.ok('entries.import', { path: demo('entries.csv'), programme: 'pioneer' });
});

/** Every table's row count and the audit chain's end: what a write that failed must not move. */
function state() {
  const db = projectFile(api.session.require());
  const count = (table: string) =>
    db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return {
    entries: count('entry'),
    imports: count('import_batch'),
    reviewers: count('reviewer'),
    audit: count('audit_event'),
  };
}

/** The project as SQLite and the audit chain see it, after the failed write. */
async function expectIntact(): Promise<void> {
  const verified = await api.ok('project.verify', {});
  expect(verified).toMatchObject({ ok: true, integrity: 'ok', audit_broken_at: null });
}

describe('storage conditions', () => {
  it('another program holding the project past the busy timeout: wait or close it', async () => {
    const before = state();
    const holder = await holdWriteLock(path);
    const error = await api
      .fails('reviewers.import', { path: demo('reviewers.csv') })
      .finally(holder.release);
    expect(await holder.released).toBe(0);
    expect(error.code).toBe('project_busy');
    expect(error.message_zh).toContain('正被另一个程序占用');
    expect(error.message_zh).toContain('未写入任何内容');
    expect(error.message_en).toContain('held by another program');
    expect(error.message_en).toContain('close that program, and try again');
    expect(state()).toEqual(before);
    await expectIntact();
    // Once the other program is done, the same write goes through.
    await api.ok('reviewers.import', { path: demo('reviewers.csv') });
  });

  it('a full disk: free space; nothing half-written', async () => {
    const db = storeConnection(api.session.require());
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages}`);
    const before = state();
    const error = await api.fails('entries.import', {
      path: sample('bloom-submissions.csv'),
      programme: 'bloom',
    });
    expect(error.code).toBe('disk_full');
    expect(error.message_zh).toContain('磁盘空间已满');
    expect(error.message_zh).toContain('项目保持原样');
    expect(error.message_en).toContain('The disk is full');
    expect(error.message_en).toContain('Free some disk space');
    expect(state()).toEqual(before);
    await expectIntact();
    // With room again, the same import writes every row.
    db.pragma('max_page_count = 1073741823');
    expect(
      await api.ok('entries.import', { path: sample('bloom-submissions.csv'), programme: 'bloom' }),
    ).toMatchObject({ inserted: 300 });
  });
});
