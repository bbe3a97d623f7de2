// Panel package files (.sailpanel): written whole or not at all, plain (a project file like any
// other) or encrypted (crypto.ts); and opening any project file, encrypted packages included.
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  linkSync,
  openSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { SailError } from '../../core/errors';
import { ProjectStore, type StoreOptions } from '../../store/project-store';
import { fileExists } from '../export/atomic-file';
import { FILE_LIMITS, openUserFile, readOpened, readUserFile } from '../user-file';
import { decryptImage, encryptImage, isEncryptedPackage, type PackageKey } from './crypto';

/** An encrypted package is read whole into memory: a round's package is a few megabytes. */
export const PACKAGE_MAX_BYTES = 1024 * 1024 * 1024;

function unwritable(path: string, error: unknown): SailError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const [zh, en] =
    code === 'ENOSPC'
      ? ['磁盘空间不足', 'the disk is full']
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? ['没有写入该位置的权限', 'no permission to write there']
        : code === 'ENOENT' || code === 'ENOTDIR'
          ? [`文件夹不存在：${dirname(path)}`, `the folder does not exist: ${dirname(path)}`]
          : [`系统错误 ${code}`, `system error ${code}`];
  return new SailError(
    'file_unwritable',
    `无法写入文件 ${path}：${zh}。`,
    `Cannot write ${path}: ${en}.`,
  );
}

/**
 * Writes `bytes` to a temporary file beside `path`, flushes it and moves it into place
 * (synchronously: a package in memory is stored inside its write transaction). With
 * `replace: false` a file already at `path` is refused and left alone.
 */
export function writeFileWhole(path: string, bytes: Uint8Array, replace: boolean): void {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const fd = openSync(temp, 'wx');
    try {
      let written = 0;
      while (written < bytes.length) {
        written += writeSync(fd, bytes, written, bytes.length - written);
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (replace) renameSync(temp, path);
    else {
      try {
        linkSync(temp, path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw fileExists(path);
        throw error;
      }
      unlinkSync(temp);
    }
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // Never created, or already moved into place.
    }
    if (error instanceof SailError) throw error;
    throw unwritable(path, error);
  }
}

/** A package's bytes as its file holds them: the image itself, or encrypted under `key`. */
export function packageBytes(image: Buffer, key: PackageKey | null): Buffer {
  return key ? encryptImage(image, key) : image;
}

export interface OpenProjectOptions extends StoreOptions {
  passphrase?: string | undefined;
}

/**
 * Opens a project file: an encrypted package is decrypted into memory (its passphrase required)
 * and written back, encrypted, with every write; any other file opens as a project.
 */
export async function openProjectFile(
  path: string,
  options: OpenProjectOptions = {},
): Promise<ProjectStore> {
  const head = await readHead(path);
  if (head?.length === 0) {
    // SQLite would take an empty file for a new database and write a schema into it.
    throw new SailError(
      'not_a_project',
      `${path} 是空文件，不是扬帆评审项目文件。`,
      `${path} is empty: it is not a SailReview project.`,
    );
  }
  if (!head || !isEncryptedPackage(head)) {
    return ProjectStore.open(path, { nativeBinding: options.nativeBinding, keys: options.keys });
  }
  if (!options.passphrase) {
    throw new SailError(
      'passphrase_required',
      '这是加密的评审包，请输入主办方另行告知的口令。',
      'This panel package is encrypted: enter the passphrase the organiser gave you separately.',
    );
  }
  const file = await readUserFile(path, PACKAGE_MAX_BYTES);
  const { image, key } = decryptImage(file, options.passphrase, path);
  return ProjectStore.openImage(
    image,
    path,
    (next) => writeFileWhole(path, encryptImage(next, key), true),
    { nativeBinding: options.nativeBinding, keys: options.keys },
  );
}

/** The first bytes of a file, or null when it cannot be read here (opening then says why). */
async function readHead(path: string): Promise<Buffer | null> {
  let file;
  try {
    file = await openUserFile(path, FILE_LIMITS.hashed);
  } catch {
    return null;
  }
  try {
    const head = await readOpened(path, { ...file, size: Math.min(file.size, 16) });
    return head;
  } catch {
    return null;
  } finally {
    await file.handle.close();
  }
}
