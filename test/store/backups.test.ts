// Backups of a project: a complete copy that opens as the project did, the newest kept in
// rotation, taken on opening and then only after writes, and named when the project is damaged.
import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  rmSync,
  truncateSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProjectSession } from '../../electron/api/session';
import { backupFolder, listBackups } from '../../electron/store/backups';
import { ProjectStore } from '../../electron/store/project-store';
import { tempDir } from '../support/paths';
import { projectFile } from '../support/project-file';

afterEach(() => {
  vi.useRealTimers();
});

function projectWithWrites(path: string, writes: number): ProjectStore {
  const store = ProjectStore.create(path, { name: '备份测试' });
  for (let i = 0; i < writes; i++) {
    store.write({ action: 'test.write', subject: 's', payload: { i } }, () => undefined);
  }
  return store;
}

describe('ProjectStore.backup', () => {
  it('writes a complete copy beside the project that opens with the same data', async () => {
    const path = join(tempDir(), '第八届绽放杯.sailreview');
    const store = projectWithWrites(path, 3);
    const backup = await store.backup(new Date(2026, 11, 3, 14, 5, 12));
    expect(backup.path).toBe(join(backupFolder(path), '第八届绽放杯-20261203-140512.sailreview'));
    expect(readdirSync(backupFolder(path))).toEqual(['第八届绽放杯-20261203-140512.sailreview']);
    store.write({ action: 'test.after', subject: 's', payload: {} }, () => undefined);
    store.close();
    const copy = ProjectStore.open(backup.path);
    expect(copy.project.name).toBe('备份测试');
    expect(copy.lastWrite()).toBe(4); // project.create and three writes; not the later one
    expect(copy.verifyAudit().brokenAt).toBeNull();
    copy.close();
  });

  it('keeps the newest backups only, listed newest first', async () => {
    const path = join(tempDir(), 'p.sailreview');
    const store = projectWithWrites(path, 1);
    for (let minute = 0; minute < 5; minute++) {
      await store.backup(new Date(2026, 11, 3, 9, minute), 3);
    }
    store.close();
    expect(listBackups(path).map((b) => basename(b.path))).toEqual([
      'p-20261203-090400.sailreview',
      'p-20261203-090300.sailreview',
      'p-20261203-090200.sailreview',
    ]);
    expect(listBackups(path).every((b) => b.bytes > 0)).toBe(true);
  });

  it('leaves no partial file when the copy fails', async () => {
    const path = join(tempDir(), 'q.sailreview');
    const store = projectWithWrites(path, 1);
    const pending = store.backup();
    store.close(); // closed while copying: the backup fails, nothing half-written stays
    await expect(pending).rejects.toThrow();
    expect(readdirSync(backupFolder(path))).toEqual([]);
  });
});

/** A project with one write and a session that backs up every minute, the clock at 10:00. */
function sessionAtTen(name: string) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(2026, 11, 3, 10, 0, 0));
  const path = join(tempDir(), name);
  projectWithWrites(path, 1).close();
  const session = new ProjectSession({
    configDir: null,
    resourcesDir: tempDir(),
    backups: { everyMs: 60_000 },
  });
  return { path, session };
}

describe('a session with backups', () => {
  it('backs up on opening, then on its timer only after a write', async () => {
    const { path, session } = sessionAtTen('session.sailreview');
    const store = await session.open(path);
    await session.backupIfChanged(); // waits for the backup taken on opening
    expect(listBackups(path)).toHaveLength(1);

    vi.setSystemTime(new Date(2026, 11, 3, 10, 10, 0));
    await session.backupIfChanged();
    expect(listBackups(path)).toHaveLength(1); // nothing written since

    store.write({ action: 'test.write', subject: 's', payload: {} }, () => undefined);
    await session.backupIfChanged();
    const backups = listBackups(path);
    expect(backups).toHaveLength(2);
    expect(backups[0]?.path).toMatch(/-20261203-101000\.sailreview$/);
    session.close();
  });

  it('opened again with nothing changed but a page check, takes no second copy', async () => {
    const { path, session } = sessionAtTen('reopened.sailreview');
    let store = await session.open(path);
    await session.backupsSettled();
    expect(listBackups(path)).toHaveLength(1);
    // A page check is recorded in the trail, but reads the data, it does not change it.
    store.recordPageCheck({ result: 'ok', seconds: 0.1 });
    vi.setSystemTime(new Date(2026, 11, 3, 10, 5, 0));
    await session.backupIfChanged();
    expect(listBackups(path)).toHaveLength(1);

    session.close();
    vi.setSystemTime(new Date(2026, 11, 3, 11, 0, 0));
    store = await session.open(path);
    await session.backupsSettled();
    expect(listBackups(path)).toHaveLength(1); // the newest backup already holds this data

    store.write({ action: 'test.write', subject: 's', payload: {} }, () => undefined);
    session.close();
    vi.setSystemTime(new Date(2026, 11, 3, 12, 0, 0));
    await session.open(path);
    await session.backupsSettled();
    const backups = listBackups(path);
    expect(backups).toHaveLength(2); // changed since: copied on opening
    expect(backups[0]?.path).toMatch(/-20261203-120000\.sailreview$/);
    session.close();
  });

  it('keeps why a backup failed until one succeeds, and reports it', async () => {
    const path = join(tempDir(), 'blocked.sailreview');
    projectWithWrites(path, 1).close();
    writeFileSync(backupFolder(path), 'a file where the folder should be');
    const reported: unknown[] = [];
    const session = new ProjectSession({
      configDir: null,
      resourcesDir: tempDir(),
      backups: { everyMs: 60_000 },
      onBackupError: (error) => reported.push(error),
    });
    await session.open(path);
    await session.backupsSettled();
    expect(session.lastBackupFailure).toMatchObject({
      code: 'backup_failed',
      message_zh: expect.stringContaining('无法备份项目') as string,
      message_en: expect.stringContaining('Cannot back the project up') as string,
    });
    expect(reported).toHaveLength(1);
    expect(listBackups(path)).toEqual([]); // a file in the folder's place lists as none
    rmSync(backupFolder(path));
    await session.backupIfChanged(); // the failed one did not count: it is taken again
    expect(session.lastBackupFailure).toBeNull();
    expect(listBackups(path)).toHaveLength(1);
    session.close();
  });

  it('takes none without the option (the CLI)', async () => {
    const path = join(tempDir(), 'cli.sailreview');
    projectWithWrites(path, 1).close();
    const session = new ProjectSession({ configDir: null, resourcesDir: tempDir() });
    await session.open(path);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(existsSync(backupFolder(path))).toBe(false);
    session.close();
  });
});

describe('a damaged project', () => {
  /** A project with a backup, then garbage over the middle of its file (the audit pages). */
  async function damagedProject(name: string) {
    const path = join(tempDir(), name);
    const store = projectWithWrites(path, 200);
    const backup = await store.backup();
    const file = projectFile(store);
    file.pragma('wal_checkpoint(TRUNCATE)');
    file.close();
    store.close();
    const size = statSync(path).size;
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, Math.floor(size / 2 / 4096) * 4096 + 100);
    closeSync(fd);
    return { path, backup };
  }

  it('opens without a page read past its header; the page check finds it and names its newest backup', async () => {
    const { path, backup } = await damagedProject('损坏.sailreview');
    // Opening reads no page it does not need: a national project is gigabytes.
    const store = ProjectStore.open(path);
    const check = await store.checkPages();
    store.close();
    expect(check.result).not.toBe('ok');

    const session = new ProjectSession({
      configDir: null,
      resourcesDir: tempDir(),
      checkAfterOpenMs: 0,
      backups: { everyMs: 60_000 },
    });
    await session.open(path);
    const { last } = await session.integrity(true);
    expect(last).toMatchObject({ ok: false, problem: { code: 'integrity_failed' } });
    expect(last?.problem?.message_zh).toContain(`最近的备份是 ${backup.path}`);
    expect(last?.problem?.message_en).toContain(`The newest backup is ${backup.path}`);
    // No backup of the damaged file pushes the good one out.
    await session.backupsSettled();
    expect(listBackups(path).map((b) => b.path)).toEqual([backup.path]);
    session.close();

    const restored = ProjectStore.open(backup.path);
    expect(restored.lastWrite()).toBe(201);
    expect((await restored.checkPages()).result).toBe('ok');
    restored.close();
  });

  it('is refused on opening when cut off, found from its size and header, naming its backup', async () => {
    const path = join(tempDir(), '全国.sailreview');
    const store = ProjectStore.create(path);
    const backup = await store.backup();
    const file = projectFile(store);
    // Attachment bytes, so that cutting off the end leaves the header and schema whole.
    file.prepare('CREATE TABLE bulk (content BLOB) STRICT').run();
    file.prepare('INSERT INTO bulk VALUES (zeroblob(?))').run(4 * 1024 * 1024);
    file.pragma('wal_checkpoint(TRUNCATE)');
    file.close();
    store.close();
    ProjectStore.open(path).close();
    truncateSync(path, statSync(path).size - 64 * 1024);
    let thrown: unknown;
    try {
      ProjectStore.open(path).close();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'integrity_failed', exitCode: 3 });
    const message = (thrown as { message_en: string }).message_en;
    // Found from the file's size and its header, before SQLite happens to read a missing page.
    expect(message).toContain('its header counts');
    expect(message).toContain(`The newest backup is ${backup.path}`);
  });
});
