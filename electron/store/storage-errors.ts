// SQLite's answers that a person can act on, as SailErrors that say what happened and what to
// do: another program holding the project past the busy timeout, a full or failing disk, a file
// that cannot be written or opened. One place for every way in: dispatch (window, host, CLI) and
// opening a project. SQLite rolls the transaction back in each case, so nothing was written.
import { SailError } from '../core/errors';

type Problem = 'busy' | 'full' | 'io' | 'readonly' | 'cantopen';

/** By SQLite's primary result code (better-sqlite3's `code` adds the extended part). */
const PRIMARY: Record<string, Problem> = {
  SQLITE_BUSY: 'busy',
  SQLITE_LOCKED: 'busy',
  SQLITE_FULL: 'full',
  SQLITE_IOERR: 'io',
  SQLITE_READONLY: 'readonly',
  SQLITE_CANTOPEN: 'cantopen',
};

const MESSAGES: Record<Problem, { code: string; zh: string; en: string }> = {
  busy: {
    code: 'project_busy',
    zh: '项目文件正被另一个程序占用（例如另一个扬帆评审窗口或命令行正在写入），等待 5 秒后仍未释放，本次操作未写入任何内容。请等它完成，或关闭那个程序后重试。',
    en: 'The project file is held by another program (another SailReview window or command writing to it) and was not released within 5 seconds; nothing was written. Wait for it to finish, or close that program, and try again.',
  },
  full: {
    code: 'disk_full',
    zh: '磁盘空间已满，项目文件无法写入，本次操作未写入任何内容，项目保持原样。请释放磁盘空间（或把项目移到空间充足的磁盘）后重试。',
    en: 'The disk is full, so the project file cannot grow: nothing was written and the project is as it was. Free some disk space (or move the project to a disk with room) and try again.',
  },
  io: {
    code: 'disk_error',
    zh: '读写项目文件时出错（磁盘错误、磁盘已满，或文件所在的 U 盘、网络盘已断开），本次操作未能完成。请检查磁盘及其剩余空间后重试；如仍出错，请把项目复制到本机磁盘再打开。',
    en: 'Reading or writing the project file failed (a disk error, a full disk, or the USB or network drive it is on went away); the operation did not complete. Check the disk and its free space and try again; if it persists, copy the project to a local disk and open it there.',
  },
  readonly: {
    code: 'project_readonly',
    zh: '项目文件是只读的（文件属性为只读，或它在只读的文件夹、光盘或 U 盘上），无法保存更改，本次操作未写入任何内容。请把它复制到可写的文件夹，或取消只读属性后重试。',
    en: 'The project file is read-only (its attributes, or a read-only folder, disc or drive), so changes cannot be saved; nothing was written. Copy it to a writable folder, or clear the read-only attribute, and try again.',
  },
  cantopen: {
    code: 'project_cantopen',
    zh: '无法打开项目文件（或它旁边的 -wal、-shm 临时文件）：所选的可能是一个文件夹，或所在文件夹没有读写权限，或磁盘已断开。请检查所选的文件及其权限后重试。',
    en: 'Cannot open the project file (or the -wal and -shm files beside it): what was chosen may be a folder, its folder may lack read and write permission, or its drive went away. Check the file chosen and its permissions, and try again.',
  },
};

/** The SailError for an error SQLite gave for one of these conditions; undefined otherwise. */
export function storageProblem(error: unknown): SailError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  const primary = /^SQLITE_[A-Z]+/.exec(code)?.[0];
  const problem = primary === undefined ? undefined : PRIMARY[primary];
  if (!problem) return undefined;
  const message = MESSAGES[problem];
  return new SailError(message.code, message.zh, message.en);
}
