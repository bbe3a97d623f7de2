// Opening a file a person named (an import, a rubric, a mapping, an attachment, an export to
// verify). Only a regular file is read: a FIFO would block for ever, /dev/zero or /dev/urandom
// would never end, a folder is not a file. The check is an fstat of the descriptor that is then
// read (opened without blocking, so a FIFO cannot stall the open), never a stat of the path
// before opening it, which another program could swap in between. What is read stops at the
// size found then and at a cap per kind of file.
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { SailError } from '../core/errors';

const MIB = 1024 * 1024;

/** A reason in both languages, for a message that says what is wrong. */
export interface Reason {
  zh: string;
  en: string;
}

/** Upper bounds on what a person may hand us, by kind of file. */
export const FILE_LIMITS = {
  /** CSV is streamed, never held whole: the cap only ends a file that is not a table at all. */
  csv: 2048 * MIB,
  /** XLSX and JSON are read into memory whole. */
  workbook: 256 * MIB,
  json: 256 * MIB,
  /** A rubric is a few kilobytes of JSON; a mapping or an entry id list less still. */
  rubric: 4 * MIB,
  mapping: 1 * MIB,
  entryList: 16 * MIB,
  /** Attachments and exports to verify are hashed as a stream: any size a disk holds. */
  hashed: Number.MAX_SAFE_INTEGER,
} as const;

const sizeText = (bytes: number): string =>
  bytes >= MIB ? `${Math.round(bytes / MIB)} MB` : `${Math.round(bytes / 1024)} KB`;

export function fileNotFound(path: string): SailError {
  return new SailError('file_not_found', `找不到文件“${path}”。`, `File not found: "${path}".`);
}

export function fileUnreadable(path: string, reason: Reason): SailError {
  return new SailError(
    'file_unreadable',
    `无法读取文件“${basename(path)}”：${reason.zh}。`,
    `Cannot read file "${basename(path)}": ${reason.en}.`,
  );
}

export function fileTooLarge(path: string, limit: number): SailError {
  return new SailError(
    'file_too_large',
    `文件“${basename(path)}”过大（上限 ${sizeText(limit)}）。请拆分后导入，或改用 CSV。`,
    `File "${basename(path)}" is too large (limit ${sizeText(limit)}). Split it, or use CSV.`,
  );
}

function notRegular(path: string, what: Reason): SailError {
  return new SailError(
    'not_a_file',
    `“${path}”是${what.zh}，不是普通文件，无法读取。请选择一个保存在磁盘上的文件。`,
    `"${path}" is ${what.en}, not a regular file, so it cannot be read. Choose a file saved on disk.`,
  );
}

/** What a non-regular file is, in the words of the message. */
function kindOf(stats: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}): Reason {
  if (stats.isDirectory()) return { zh: '文件夹', en: 'a folder' };
  if (stats.isFIFO()) return { zh: '管道（FIFO）', en: 'a pipe (FIFO)' };
  if (stats.isSocket()) return { zh: '套接字', en: 'a socket' };
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return { zh: '设备', en: 'a device' };
  return { zh: '特殊文件', en: 'a special file' };
}

/** Why the system refused, for the usual causes; the system's error code for the rest. */
export function systemReason(error: unknown): Reason {
  const code = (error as NodeJS.ErrnoException | null)?.code ?? '';
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return { zh: '没有读取权限', en: 'there is no permission to read it' };
    case 'EISDIR':
      return { zh: '这是一个文件夹', en: 'it is a folder' };
    case 'EBUSY':
    case 'ETXTBSY':
      return { zh: '文件正被其他程序占用', en: 'another program is using it' };
    case 'ELOOP':
      return { zh: '路径中的链接循环指向自身', en: 'the links in its path loop' };
    case 'ENAMETOOLONG':
      return { zh: '路径过长', en: 'its path is too long' };
    case 'EMFILE':
    case 'ENFILE':
      return { zh: '同时打开的文件过多', en: 'too many files are open' };
    case 'EIO':
      return { zh: '读取磁盘时出错', en: 'the disk could not be read' };
    case 'ENXIO':
    case 'ENODEV':
      return {
        zh: '它不是普通文件（套接字或设备）',
        en: 'it is not a regular file (a socket or device)',
      };
    default:
      return code
        ? { zh: `系统错误 ${code}`, en: `system error ${code}` }
        : { zh: '读取时出错', en: 'reading it failed' };
  }
}

/** A SailError for an error of the file system on `path`, kept as is if it is one already. */
export function fileError(path: string, error: unknown): SailError {
  if (error instanceof SailError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return fileNotFound(path);
  // What open() refuses outright: a socket, a device with nothing behind it.
  if (code === 'ENXIO' || code === 'ENODEV') {
    return notRegular(path, { zh: '套接字或设备', en: 'a socket or a device' });
  }
  return fileUnreadable(path, systemReason(error));
}

export interface UserFile {
  handle: FileHandle;
  /** The size at opening; nothing beyond it is read, should the file grow meanwhile. */
  size: number;
  /** Identity of the file opened (device and inode), to know it again when reopened. */
  identity: string;
}

// O_NONBLOCK keeps opening a FIFO from waiting for a writer; Windows has no such flag (nor FIFOs
// on disk), and it changes nothing for a regular file.
const OPEN_FLAGS = constants.O_RDONLY | ((constants as Partial<typeof constants>).O_NONBLOCK ?? 0);

/**
 * Opens `path` for reading: a regular file no larger than `maxBytes`. The caller closes the
 * handle. Throws SailError (exit 2) with the reason in both languages, naming the file as
 * `shown` (an upload by the name the user gave it), by default its path.
 */
export async function openUserFile(
  path: string,
  maxBytes: number,
  shown = path,
): Promise<UserFile> {
  let handle: FileHandle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (error) {
    throw fileError(shown, error);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw notRegular(shown, kindOf(stats));
    if (stats.size > maxBytes) throw fileTooLarge(shown, maxBytes);
    return { handle, size: stats.size, identity: `${stats.dev}:${stats.ino}` };
  } catch (error) {
    await handle.close();
    throw fileError(shown, error);
  }
}

/** The bytes of a file opened by openUserFile, up to the size it had then. */
export async function readOpened(path: string, file: UserFile): Promise<Buffer> {
  try {
    const bytes = Buffer.alloc(file.size);
    let filled = 0;
    while (filled < file.size) {
      const { bytesRead } = await file.handle.read(bytes, filled, file.size - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return bytes.subarray(0, filled);
  } catch (error) {
    throw fileError(path, error);
  }
}

/** The bytes of a regular file no larger than `maxBytes`, read through the descriptor checked. */
export async function readUserFile(path: string, maxBytes: number, shown = path): Promise<Buffer> {
  const file = await openUserFile(path, maxBytes, shown);
  try {
    return await readOpened(shown, file);
  } finally {
    await file.handle.close();
  }
}

/**
 * The file's bytes in chunks, through the descriptor checked, up to the size found on opening.
 * The handle is closed when the stream ends or is destroyed.
 */
export function streamUserFile(file: UserFile, chunkBytes = 256 * 1024): Readable {
  if (file.size === 0) {
    void file.handle.close();
    return Readable.from([]);
  }
  // `end` is inclusive.
  return file.handle.createReadStream({
    start: 0,
    end: file.size - 1,
    highWaterMark: chunkBytes,
    autoClose: true,
  });
}
