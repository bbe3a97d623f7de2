import { createHash } from 'node:crypto';
import { FILE_LIMITS, fileError, openUserFile, streamUserFile } from './user-file';

/** SHA-256 of a regular file (user-file.ts: a FIFO or a device is refused), streamed. */
export async function sha256File(path: string): Promise<string> {
  const file = await openUserFile(path, FILE_LIMITS.hashed);
  const hash = createHash('sha256');
  try {
    for await (const chunk of streamUserFile(file)) hash.update(chunk as Buffer);
  } catch (error) {
    throw fileError(path, error);
  }
  return hash.digest('hex');
}
