// Export files appear whole or not at all: written beside the target, flushed, then renamed.
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
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

/**
 * Writes `content` to a temporary file beside `path`, flushes it, then renames it into place. A
 * fired `signal` stops it before the rename, so `path` is either the whole new file or untouched.
 */
export async function writeFileAtomic(
  path: string,
  content: string | Uint8Array,
  signal?: AbortSignal,
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
    await rename(temp, path);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    if (signal?.aborted || !(e instanceof Error) || !('code' in e)) throw e;
    throw unwritable(path, e);
  }
}
