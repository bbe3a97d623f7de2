// Export files appear whole or not at all: written beside the target, flushed, then renamed.
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';

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
    throw e;
  }
}
