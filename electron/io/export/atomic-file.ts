// Export files appear whole or not at all: written beside the target, flushed, then renamed.
import { randomBytes } from 'node:crypto';
import { link, lstat, open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SailError } from '../../core/errors';

/** A failed write named by the file asked for (not our temporary one), with what to do. */
function unwritable(path: string, error: unknown): SailError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const [zh, en] =
    code === 'ENOENT' || code === 'ENOTDIR'
      ? [`文件夹不存在：${dirname(path)}`, `the folder does not exist: ${dirname(path)}`]
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? ['没有写入该位置的权限', 'no permission to write there']
        : code === 'ENOSPC'
          ? ['磁盘空间不足', 'the disk is full']
          : [(error as Error).message, (error as Error).message];
  return new SailError(
    'file_unwritable',
    `无法写入文件 ${path}：${zh}。请换一个位置保存。`,
    `Cannot write ${path}: ${en}. Choose another place to save it.`,
  );
}

/** A file already at the target, which the caller did not agree to replace. */
export function fileExists(path: string): SailError {
  return new SailError(
    'file_exists',
    `文件已存在：${path}，未作改动。请换一个文件名，或选择替换它。`,
    `A file already exists at ${path}; it was left as it is. Choose another name, or choose to replace it.`,
  );
}

export interface WriteOptions {
  /** Stops the write before the file is put in place. */
  signal?: AbortSignal | undefined;
  /** Replace a file already at the path (the default); false refuses with `file_exists`. */
  replace?: boolean | undefined;
}

/** True when something (a file, a folder, a link) is at `path`. */
export async function pathExists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Puts the finished temporary file at `path` without replacing anything there: a hard link
 * fails if the name is taken, so no check can race the write. Where the file system has no hard
 * links (FAT, some network shares) a check just before the rename has to do.
 */
async function placeNew(temp: string, path: string): Promise<void> {
  try {
    await link(temp, path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw fileExists(path);
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw e;
    if (await pathExists(path)) throw fileExists(path);
    await rename(temp, path);
    return;
  }
  await unlink(temp);
}

/**
 * Writes `content` to a temporary file beside `path`, flushes it, then moves it into place. A
 * fired `signal` stops it before the move, so `path` is either the whole new file or untouched;
 * with `replace: false` an existing file at `path` is refused and left untouched.
 */
export async function writeFileAtomic(
  path: string,
  content: string | Uint8Array,
  { signal, replace = true }: WriteOptions = {},
): Promise<void> {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    signal?.throwIfAborted();
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(content, {
        ...(typeof content === 'string' ? { encoding: 'utf8' as const } : {}),
        ...(signal ? { signal } : {}),
      });
      await handle.sync();
    } finally {
      await handle.close();
    }
    signal?.throwIfAborted();
    if (replace) await rename(temp, path);
    else await placeNew(temp, path);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    if (signal?.aborted || e instanceof SailError || !(e instanceof Error) || !('code' in e)) {
      throw e;
    }
    throw unwritable(path, e);
  }
}
