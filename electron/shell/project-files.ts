// Project-file names and dialog filters: plain data for the dialogs, the menu and file opening.
import { statSync } from 'node:fs';
import path from 'node:path';
import {
  droppedFileKind,
  PANEL_EXTENSION,
  PROJECT_EXTENSION,
  SCORE_PACKET_EXTENSION,
} from '../api/contract';
import type { PathChoice } from '../api/path-access';

export { PROJECT_EXTENSION, SCORE_PACKET_EXTENSION, withProjectExtension } from '../api/contract';

export const PROJECT_FILTERS = [
  {
    name: '扬帆评审项目与评审包 SailReview project or panel package',
    extensions: ['sailreview', 'sailpanel'],
  },
];
export const IMPORT_FILTERS = [
  { name: '数据文件 Data (CSV, XLSX, JSON)', extensions: ['csv', 'xlsx', 'json'] },
  { name: 'CSV', extensions: ['csv'] },
  { name: 'Excel', extensions: ['xlsx'] },
  { name: 'JSON', extensions: ['json'] },
  { name: '评分包 Score packet', extensions: ['sailscores'] },
];

/** The files the app opens by double-click: a project, a panel package, a score packet. */
const OPENED = [PROJECT_EXTENSION, PANEL_EXTENSION, SCORE_PACKET_EXTENSION];

/** A file named on the command line (file association, second instance), or null. */
export function projectPathFromArgv(argv: readonly string[]): string | null {
  const candidate = argv
    .slice(1)
    .findLast(
      (arg) =>
        !arg.startsWith('-') && OPENED.some((extension) => arg.toLowerCase().endsWith(extension)),
    );
  return candidate === undefined ? null : path.resolve(candidate);
}

/**
 * A file name the renderer suggests for a save dialog, reduced to a plain base name: the
 * renderer chooses the name, never the folder.
 */
export function suggestedFileName(value: unknown, fallback = '导出'): string {
  if (typeof value !== 'string') return fallback;
  const base = path
    .basename(value.replaceAll('\\', '/'))
    .replace(/[\p{Cc}<>:"/\\|?*]/gu, '_')
    .trim();
  return base === '' || base === '.' || base === '..' ? fallback : base.slice(-200);
}

/** Save-dialog filters for a suggested file name, by its extension. */
export function saveFiltersFor(fileName: string): Array<{ name: string; extensions: string[] }> {
  const extension = path.extname(fileName).slice(1).toLowerCase();
  const all = { name: '所有文件 All files', extensions: ['*'] };
  return extension === ''
    ? [all]
    : [{ name: extension.toUpperCase(), extensions: [extension] }, all];
}

/**
 * The path of a file dropped on the window (the preload reads it from the dropped File), checked
 * as a dialog's answer would be: an absolute path to an existing file of a kind the app takes.
 * Null otherwise. With the use the window may make of it.
 */
export function droppedPath(dropped: unknown): { path: string; choice: PathChoice } | null {
  if (typeof dropped !== 'string' || !path.isAbsolute(dropped)) return null;
  const kind = droppedFileKind(path.basename(dropped));
  if (kind === null) return null;
  try {
    if (!statSync(dropped).isFile()) return null;
  } catch {
    return null;
  }
  return { path: path.resolve(dropped), choice: kind === 'project' ? 'open-project' : 'file' };
}
