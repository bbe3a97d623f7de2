// Opening a project file: pragmas, migrations, and refusing what we cannot safely read.
import Database from 'better-sqlite3';
import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import { SailError } from '../core/errors';
import { listBackups } from './backups';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';
import type { Migration } from './migrations/types';
import { storageProblem } from './storage-errors';

export type Db = Database.Database;

export interface OpenOptions {
  /** Create the file when it does not exist (otherwise it must exist). */
  create?: boolean;
  /** Path of a better-sqlite3 binary built for the running ABI (Electron vs Node). */
  nativeBinding?: string;
  readonly?: boolean;
}

function notAProject(path: string, detail: string): SailError {
  return new SailError(
    'not_a_project',
    `无法打开项目文件 ${path}：它不是 SailReview 项目（${detail}）。`,
    `Cannot open ${path}: it is not a SailReview project (${detail}).`,
  );
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** True when the file starts as every SQLite database does: a project, if damaged. */
function hasSqliteHeader(path: string): boolean {
  const header = Buffer.alloc(16);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    return (
      readSync(fd, header, 0, 16, 0) === 16 && header.toString('latin1') === 'SQLite format 3\0'
    );
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Why the file on disk is shorter than its own header says (cut off: a copy that stopped, a
 * full disk), or null. The header's page count is valid when its change counter matches the
 * version it was written at (bytes 24 and 92); a file written through the WAL may be longer.
 */
function cutOff(path: string): string | null {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const header = Buffer.alloc(100);
    if (readSync(fd, header, 0, 100, 0) < 100) return null;
    const raw = header.readUInt16BE(16);
    const pageSize = raw === 1 ? 65536 : raw;
    const pages = header.readUInt32BE(28);
    if (header.readUInt32BE(24) !== header.readUInt32BE(92) || pages === 0) return null;
    const size = fstatSync(fd).size;
    return size < pages * pageSize
      ? `file is ${size} bytes, its header counts ${pages} pages of ${pageSize}`
      : null;
  } catch {
    return null;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function openDatabase(path: string, options: OpenOptions = {}): Db {
  if (!options.create && !existsSync(path)) {
    throw new SailError(
      'project_not_found',
      `找不到项目文件：${path}`,
      `Project file not found: ${path}`,
    );
  }
  let db: Db;
  try {
    db = new Database(path, {
      fileMustExist: !options.create,
      readonly: options.readonly ?? false,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
  } catch (error) {
    throw openingProblem(path, error);
  }
  try {
    configure(db, path, { wal: !(options.readonly ?? false), file: true });
    if (!options.readonly) migrate(db, MIGRATIONS);
    else assertNotNewer(db);
  } catch (error) {
    db.close();
    throw openingProblem(path, error);
  }
  return db;
}

/**
 * Why a file could not be opened as a project, in our words: the disk's condition, damage
 * (SQLite's own file whose pages are corrupt or cut off: exit 3, naming the newest backup) or
 * not a project at all.
 */
export function openingProblem(path: string, error: unknown): SailError {
  if (error instanceof SailError) return error;
  const storage = storageProblem(error);
  if (storage) return storage;
  const code = (error as { code?: unknown } | null)?.code;
  // A damaged page that quick_check itself cannot get past is damage all the same; a file
  // SQLite cannot read at all is damage only when it begins as a SQLite file.
  const corrupt =
    code === 'SQLITE_CORRUPT' ||
    (typeof code === 'string' && /^SQLITE_(CORRUPT|NOTADB)/.test(code) && hasSqliteHeader(path));
  return corrupt ? damagedProject(path, errorText(error)) : notAProject(path, errorText(error));
}

/**
 * Opens a project held in memory only: an empty new one (`image` null) or the bytes of a project
 * file (an encrypted package, decrypted). Nothing of it reaches the disk unless its owner writes
 * `serialize()` somewhere; `path` only names it in messages.
 */
export function openImage(
  image: Buffer | null,
  path: string,
  options: Pick<OpenOptions, 'nativeBinding'> = {},
): Db {
  let db: Db;
  try {
    db = new Database(image ?? ':memory:', {
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
  } catch (error) {
    throw storageProblem(error) ?? notAProject(path, errorText(error));
  }
  try {
    // A new image is a panel package, mostly small tables that each take at least a page: 2 KB
    // pages waste less than the default 4 KB, and still hold an entry's row without overflow.
    if (image === null) db.pragma('page_size = 2048');
    configure(db, path, { wal: false, file: false });
    // Freed pages are zeroed: the serialized image holds no trace of what was deleted.
    db.pragma('secure_delete = ON');
    migrate(db, MIGRATIONS);
  } catch (error) {
    db.close();
    throw openingProblem(path, error);
  }
  return db;
}

/**
 * A file on disk opens without reading every page: a national project is gigabytes, and the
 * window must not wait for them. Only a cut-off end (its size against its header) is refused
 * here; the session checks every page in the background (store/integrity.ts) and `verify` runs
 * the full check. A project in memory (a decrypted package, a few hundred KB) is checked whole.
 */
function configure(db: Db, path: string, how: { wal: boolean; file: boolean }): void {
  const short = how.file ? cutOff(path) : null;
  if (short) throw damagedProject(path, short);
  if (how.wal) db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  // Scores are the product: a power cut must not lose an acknowledged write.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  const check = how.file ? 'ok' : db.pragma('quick_check', { simple: true });
  if (check !== 'ok') throw damagedProject(path, String(check));
}

/** A damaged project, with the way back: its newest backup, which opens like any project. */
export function damagedProject(path: string, check: string): SailError {
  const [newest] = listBackups(path);
  const restore = newest
    ? {
        zh: `最近的备份是 ${newest.path}（${newest.created_at}），可直接打开它继续工作，或用它替换损坏的项目文件。`,
        en: `The newest backup is ${newest.path} (${newest.created_at}): open it to carry on, or put it in place of the damaged file.`,
      }
    : {
        zh: '没有找到自动备份，请从您自己的备份恢复。',
        en: 'No automatic backup was found; restore it from a backup of your own.',
      };
  return new SailError(
    'integrity_failed',
    `项目文件已损坏（完整性检查：${check}）。${restore.zh}`,
    `The project file is damaged (integrity check: ${check}). ${restore.en}`,
    3,
  );
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function assertNotNewer(db: Db): void {
  const current = schemaVersion(db);
  if (current > SCHEMA_VERSION) {
    throw new SailError(
      'project_too_new',
      `该项目文件由更新版本的扬帆评审创建（结构版本 ${current}，本程序支持 ${SCHEMA_VERSION}）。请升级软件后再打开。`,
      `This project was written by a newer SailReview (schema ${current}; this version supports ${SCHEMA_VERSION}). Update SailReview to open it.`,
    );
  }
}

/** Applies every pending migration in one transaction, so a file is never half-migrated. */
export function migrate(db: Db, migrations: readonly Migration[]): void {
  assertNotNewer(db);
  const current = schemaVersion(db);
  const pending = migrations.filter((migration) => migration.version > current);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const migration of pending) {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }
  }).immediate();
}
