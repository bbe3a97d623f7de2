// Attachment files on disk: listing a folder of files named by entry id, and reading one back
// only when it is still the file that was linked.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import { isIgnoredFileName } from '../core/attachments';
import { SailError } from '../core/errors';
import {
  FILE_LIMITS,
  fileError,
  openUserFile,
  readOpened,
  streamUserFile,
  systemReason,
} from './user-file';

export interface FolderFile {
  /** Path within the folder, '/'-separated. */
  name: string;
  /** The name an entry id must start: the file's own, or that of the subfolder holding it. */
  match: string;
  path: string;
}

export interface FolderListing {
  /** Absolute path of the folder. */
  folder: string;
  files: FolderFile[];
  /** Folders below the first level, which are not looked into (shown with a trailing '/'). */
  nested: string[];
}

function folderError(folder: string, error: unknown): SailError {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') {
    return new SailError(
      'attachments_folder_not_found',
      `找不到附件文件夹：${folder}`,
      `Attachments folder not found: ${folder}`,
    );
  }
  // A file, a FIFO or a device where the folder should be.
  const reason =
    code === 'ENOTDIR' ? { zh: '它不是文件夹', en: 'it is not a folder' } : systemReason(error);
  return new SailError(
    'attachments_folder_unreadable',
    `无法读取附件文件夹 ${folder}：${reason.zh}`,
    `Cannot read the attachments folder ${folder}: ${reason.en}`,
  );
}

/** Names in a folder, hidden files and OS litter left out, in a stable order. */
async function namesIn(folder: string): Promise<string[]> {
  try {
    const names = await fs.readdir(folder);
    return names.filter((name) => !isIgnoredFileName(name)).sort();
  } catch (error) {
    throw folderError(folder, error);
  }
}

/**
 * The files of `folder` and of its subfolders one level down; whether a name fits an entry is
 * decided later, against the project. Hidden files and OS litter are left out.
 */
export async function listAttachmentFolder(folder: string): Promise<FolderListing> {
  const root = resolve(folder);
  const listing: FolderListing = { folder: root, files: [], nested: [] };
  for (const top of await namesIn(root)) {
    const path = join(root, top);
    const stat = await fs.stat(path).catch(() => null);
    if (stat?.isDirectory()) {
      for (const inner of await namesIn(path)) {
        const innerPath = join(path, inner);
        const name = `${top}/${inner}`;
        const innerStat = await fs.stat(innerPath).catch(() => null);
        if (innerStat?.isFile()) {
          listing.files.push({ name, match: top, path: innerPath });
        } else if (innerStat?.isDirectory()) listing.nested.push(`${name}/`);
      }
    } else if (stat?.isFile()) {
      listing.files.push({ name: top, match: top, path });
    }
  }
  return listing;
}

/**
 * SHA-256 and size from one read, so that both always describe the same bytes: of a regular
 * file only (user-file.ts), so a file swapped for a FIFO since the folder was listed is refused.
 */
export async function fingerprintFile(
  file: Pick<FolderFile, 'name' | 'path'>,
): Promise<{ sha256: string; size: number }> {
  const opened = await openUserFile(file.path, FILE_LIMITS.hashed);
  const hash = createHash('sha256');
  let size = 0;
  try {
    for await (const chunk of streamUserFile(opened)) {
      hash.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
  } catch (error) {
    throw fileError(file.path, error);
  }
  return { sha256: hash.digest('hex'), size };
}

const MIB = 1024 * 1024;

function changed(fileName: string): SailError {
  return new SailError(
    'attachment_changed',
    `附件已被修改或移动：${fileName}。请重新关联附件文件夹。`,
    `The attachment was modified or moved: ${fileName}. Link the attachments folder again.`,
  );
}

/**
 * The bytes of a linked file, refused when it is larger than `maxBytes` or is no longer the file
 * that was linked (missing, another size, another SHA-256).
 */
export async function readLinkedFile(
  file: { file_name: string; path: string; size: number; sha256: string },
  maxBytes: number,
): Promise<Buffer> {
  // Gone, or no longer a regular file (a FIFO in its place would never be read to the end).
  const opened = await openUserFile(file.path, FILE_LIMITS.hashed).catch(() => null);
  if (opened === null) throw changed(file.file_name);
  try {
    if (opened.size !== file.size) throw changed(file.file_name);
    if (opened.size > maxBytes) {
      throw new SailError(
        'attachment_too_large',
        `附件 ${file.file_name} 有 ${(opened.size / MIB).toFixed(1)} MB，超过 ${maxBytes / MIB} MB，无法在应用内查看。请直接打开：${file.path}`,
        `The attachment ${file.file_name} is ${(opened.size / MIB).toFixed(1)} MB, over the ${maxBytes / MIB} MB that can be viewed in the app. Open it directly: ${file.path}`,
      );
    }
    const bytes = await readOpened(file.path, opened).catch(() => null);
    if (bytes === null || bytes.length !== file.size) throw changed(file.file_name);
    if (createHash('sha256').update(bytes).digest('hex') !== file.sha256) {
      throw changed(file.file_name);
    }
    return bytes;
  } finally {
    await opened.handle.close();
  }
}
