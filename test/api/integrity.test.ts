// The project file's page check (quick_check): not on opening, which reads only the file's
// header, but in the background after it (the window's session) and on request, each recorded in
// the audit trail, so the overview can say when the file was last checked and what was found.
import { closeSync, openSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../electron/store/project-store';
import { projectFile } from '../support/project-file';
import { apiSession } from '../support/session';

async function projectIn(dir: string): Promise<string> {
  const creator = apiSession();
  const path = join(dir, '全国赛.sailreview');
  await creator.ok('project.create', { path });
  creator.session.close();
  return path;
}

describe('the page check', () => {
  it('runs in the background after opening, and is recorded in the file', async () => {
    const api = apiSession(undefined, { checkAfterOpenMs: 0 });
    const path = await projectIn(api.dir);
    const plain = apiSession();
    await plain.ok('project.open', { path });
    const events = (await plain.ok('project.verify', {})).audit_events;
    plain.session.close();
    const before = Date.now();
    await api.ok('project.open', { path });
    const { running, last } = await api.ok('project.integrity', { wait: true });
    expect(running).toBe(false);
    expect(last).toMatchObject({ ok: true, problem: null });
    expect(Date.parse(last?.checked_at ?? '')).toBeGreaterThanOrEqual(before);
    // Recorded as an audit event of its own, which the chain vouches for.
    const verified = await api.ok('project.verify', {});
    expect(verified).toMatchObject({ ok: true, integrity: 'ok' });
    expect(verified.audit_events).toBe(events + 1);
    api.session.close();

    // The CLI checks nothing on opening, and reads the last check from the file.
    const cli = apiSession();
    await cli.ok('project.open', { path });
    expect(await cli.ok('project.integrity', { wait: true })).toEqual({ running: false, last });
    cli.session.close();
  });

  it('waits after opening until the window has drawn, and starts at once when asked for', async () => {
    // Longer than any test may take: only a request can start it in time.
    const api = apiSession(undefined, { checkAfterOpenMs: 10 * 60_000 });
    const path = await projectIn(api.dir);
    await api.ok('project.open', { path });
    expect(await api.ok('project.integrity', {})).toEqual({ running: true, last: null });
    const check = await api.ok('project.checkIntegrity', {});
    expect(check).toMatchObject({ ok: true, problem: null });
    expect(await api.ok('project.integrity', { wait: true })).toEqual({
      running: false,
      last: check,
    });
    api.session.close();
  });

  it('waiting to start, is run first by verify, whose trail then holds it', async () => {
    const api = apiSession(undefined, { checkAfterOpenMs: 10 * 60_000 });
    const path = await projectIn(api.dir);
    await api.ok('project.open', { path });
    const revision = (await api.ok('project.revision', {})) ?? 0;
    const verified = await api.ok('project.verify', {});
    expect(verified).toMatchObject({ ok: true, audit_events: revision + 1 });
    expect(await api.ok('project.integrity', {})).toMatchObject({
      running: false,
      last: { ok: true },
    });
    api.session.close();
  });

  it('runs on request and records each run', async () => {
    const api = apiSession();
    const path = await projectIn(api.dir);
    await api.ok('project.open', { path });
    expect(await api.ok('project.integrity', {})).toEqual({ running: false, last: null });
    const revision = await api.ok('project.revision', {});
    const check = await api.ok('project.checkIntegrity', {});
    expect(check).toMatchObject({ ok: true, problem: null });
    expect(await api.ok('project.revision', {})).toBe((revision ?? 0) + 1);
    expect(await api.ok('project.integrity', {})).toEqual({ running: false, last: check });
    api.session.close();
  });

  it('that cannot finish says why, and is kept as the last check', async () => {
    const api = apiSession();
    const path = await projectIn(api.dir);
    await api.ok('project.open', { path });
    // The file moved away under the open project: the check's own connection cannot open it.
    renameSync(path, join(api.dir, '移走.sailreview'));
    const check = await api.ok('project.checkIntegrity', {});
    expect(check).toMatchObject({ ok: false, problem: { code: 'project_cantopen' } });
    expect(check.problem?.message_zh).toContain('无法打开项目文件');
    expect((await api.ok('project.integrity', {})).last).toEqual(check);
    api.session.close();
  });

  it('stops when the project is closed', async () => {
    const api = apiSession();
    const path = await projectIn(api.dir);
    await api.ok('project.open', { path });
    const check = api.call('project.checkIntegrity', {});
    await api.ok('project.close', {});
    expect(await check).toMatchObject({ ok: false, error: { code: 'project_closed' } });
  });
});

describe('a damaged page', () => {
  it('that an operation reads is said as damage, naming the newest backup, in every way in', async () => {
    const api = apiSession();
    const path = join(api.dir, '损坏.sailreview');
    const store = ProjectStore.create(path);
    for (let i = 0; i < 200; i++) {
      store.write({ action: 'test.write', subject: 's', payload: { i } }, () => undefined);
    }
    const backup = await store.backup();
    const file = projectFile(store);
    file.pragma('wal_checkpoint(TRUNCATE)');
    // A page of the audit trail's table, which opening does not read and verify does.
    const pageSize = file.pragma('page_size', { simple: true }) as number;
    const leaves = file
      .prepare("SELECT pageno FROM dbstat WHERE name = 'audit_event' AND pagetype = 'leaf'")
      .pluck()
      .all() as number[];
    const page = leaves[Math.floor(leaves.length / 2)] ?? 0;
    expect(page).toBeGreaterThan(1);
    file.close();
    store.close();
    const fd = openSync(path, 'r+');
    writeSync(
      fd,
      Buffer.alloc(pageSize - 100, 0x5a),
      0,
      pageSize - 100,
      (page - 1) * pageSize + 100,
    );
    closeSync(fd);
    await api.ok('project.open', { path });
    const error = await api.fails('project.verify', {});
    expect(error.code).toBe('integrity_failed');
    expect(error.message_zh).toContain(`最近的备份是 ${backup.path}`);
    expect(error.message_en).toContain(`The newest backup is ${backup.path}`);
    api.session.close();
  });
});
