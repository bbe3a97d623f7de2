// Backups of a project file: online copies (SQLite's backup API, consistent while the project is
// in use) in a folder beside it, the newest kept in rotation. A laptop at a review venue has no
// server behind it; a damaged or mistakenly changed project is restored from one of these.
import { mkdir, rename, rm } from 'node:fs/promises';
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ProjectBackup } from '../core/domain';
import { LAST_CHANGE_SQL } from './audit';
import { openDatabase, type Db } from './database';

/** How many backups a project keeps: the oldest beyond this are removed. */
export const BACKUPS_KEPT = 10;

const SUFFIX = '.sailreview';
const PARTIAL = '.partial';

/** `第八届绽放杯.sailreview` → `第八届绽放杯.sailreview-备份` beside it. */
export function backupFolder(projectPath: string): string {
  return join(dirname(projectPath), `${basename(projectPath)}-备份`);
}

const stem = (projectPath: string) => basename(projectPath).replace(/\.sailreview$/i, '');

/** A file name that sorts by time: 第八届绽放杯-20261203-140512.sailreview. */
function backupName(projectPath: string, at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp =
    `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-` +
    `${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
  return `${stem(projectPath)}-${stamp}${SUFFIX}`;
}

/** The time a backup's name records (local time, to the second); its mtime if the name has none. */
function describe(path: string): ProjectBackup {
  const info = statSync(path);
  const stamp = /-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})\.sailreview$/i.exec(path);
  const taken = stamp
    ? new Date(
        Number(stamp[1]),
        Number(stamp[2]) - 1,
        Number(stamp[3]),
        Number(stamp[4]),
        Number(stamp[5]),
        Number(stamp[6]),
      )
    : info.mtime;
  return { path, created_at: taken.toISOString(), bytes: info.size };
}

/** The project's backups, newest first (a listing, so it also works on a damaged project). */
export function listBackups(projectPath: string): ProjectBackup[] {
  const folder = backupFolder(projectPath);
  // Not there yet, or something else in its place (backing up then fails, saying why).
  if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory()) return [];
  const prefix = `${stem(projectPath)}-`;
  return readdirSync(folder)
    .filter((name) => name.startsWith(prefix) && name.endsWith(SUFFIX))
    .sort()
    .reverse()
    .map((name) => describe(join(folder, name)));
}

/**
 * Copies the open project into its backup folder and removes the oldest beyond `kept`. The copy
 * is written under a temporary name and renamed when complete, so a backup cut short (the
 * project closed, the disk full) never looks like a good one.
 */
export async function backupProject(
  db: Db,
  projectPath: string,
  at = new Date(),
  kept = BACKUPS_KEPT,
): Promise<ProjectBackup> {
  const folder = backupFolder(projectPath);
  await mkdir(folder, { recursive: true });
  const target = join(folder, backupName(projectPath, at));
  // Two backups within one second (open, then a write-triggered one): the later one wins.
  const partial = `${target}${PARTIAL}`;
  try {
    await db.backup(partial);
    await rename(partial, target);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  for (const old of listBackups(projectPath).slice(kept)) await rm(old.path, { force: true });
  return describe(target);
}

/**
 * The newest change (audit.ts, LAST_CHANGE_SQL) the project's newest backup holds; null when there
 * is none or it cannot be read (then a backup is taken).
 */
export function newestBackupChange(projectPath: string, nativeBinding?: string): string | null {
  const newest = listBackups(projectPath)[0];
  if (!newest) return null;
  try {
    const db = openDatabase(newest.path, { readonly: true, nativeBinding });
    try {
      return db.prepare<[], string>(LAST_CHANGE_SQL).pluck().get() ?? null;
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}
