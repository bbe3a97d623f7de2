// Which SQLite answers become which message: every code a person can act on, by its primary
// result code (better-sqlite3 gives extended codes such as SQLITE_IOERR_WRITE), and nothing else.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/store/database';
import { storageProblem } from '../../electron/store/storage-errors';
import { tempDir } from '../support/paths';

const sqliteError = (code: string) => new Database.SqliteError('sqlite said so', code);

describe('storageProblem', () => {
  it.each([
    ['SQLITE_BUSY', 'project_busy'],
    ['SQLITE_BUSY_SNAPSHOT', 'project_busy'],
    ['SQLITE_LOCKED', 'project_busy'],
    ['SQLITE_FULL', 'disk_full'],
    ['SQLITE_IOERR_WRITE', 'disk_error'],
    ['SQLITE_IOERR_FSYNC', 'disk_error'],
    ['SQLITE_READONLY', 'project_readonly'],
    ['SQLITE_READONLY_DBMOVED', 'project_readonly'],
    ['SQLITE_CANTOPEN', 'project_cantopen'],
  ])('%s says %s in both languages, nothing written (exit 2)', (code, expected) => {
    const problem = storageProblem(sqliteError(code));
    expect(problem).toMatchObject({ code: expected, exitCode: 2 });
    expect(problem?.message_zh).toMatch(/[\u4e00-\u9fff]/);
    expect(problem?.message_en).toMatch(/try again|Check/);
  });

  it.each(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_ERROR', 'SQLITE_CORRUPT', 'ENOENT', undefined])(
    'leaves %s alone',
    (code) => {
      const error = code ? sqliteError(code) : new Error('plain');
      expect(storageProblem(error)).toBeUndefined();
    },
  );

  it('names a folder opened as a project for what it is', () => {
    expect(() => openDatabase(tempDir())).toThrow(
      expect.objectContaining({
        code: 'project_cantopen',
        message_en: expect.stringContaining('may be a folder'),
      }),
    );
  });
});
