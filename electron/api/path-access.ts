// Which paths a page may hand to an operation. The window (IPC) and the host's page run whatever
// they are sent, so a path from them is used only when the user chose it (a native dialog) or it
// lies in the folders the session owns (the host's workspace); a file elsewhere is never read,
// and never replaced, on a page's word alone. The user's own commands (the CLI, the app's menu,
// the host's command line) are trusted and never come here.
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { SailError } from '../core/errors';
import type { PathUse } from './contract';

/** Whether `child` is `parent` or lies inside it (both absolute and normalised). */
export function isInside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** How the user chose a path: what each native dialog (or its browser stand-in) means. */
export type PathChoice = 'file' | 'folder' | 'save' | 'new-project' | 'open-project';

/** The uses a choice allows, on that exact path ('folder': on everything inside it). */
const USES_OF: Record<PathChoice, readonly PathUse[]> = {
  file: ['read'],
  folder: ['read'],
  // A file saved there may be verified afterwards.
  save: ['write', 'read'],
  'new-project': ['create', 'open', 'read'],
  'open-project': ['open', 'read'],
};

/** A folder the session owns, and what a page may do inside it. */
export interface PathRoot {
  folder: string;
  uses: readonly PathUse[];
}

export interface PathAccessOptions {
  /** The host's workspace (every use), folders its command line lets the page read. */
  roots?: readonly PathRoot[];
  /** Projects opened before (the recent list): the window may open them again. */
  recentProjects?: () => readonly string[];
}

/**
 * The real path of a file that may not exist yet: its deepest existing folder resolved through
 * symlinks, with the rest appended. A link inside a root never leads a path out of it.
 */
async function realPathOf(file: string): Promise<string> {
  const rest: string[] = [];
  let current = path.resolve(file);
  for (;;) {
    try {
      return path.join(await realpath(current), ...rest.reverse());
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const parent = path.dirname(current);
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || parent === current) return current;
      rest.push(path.basename(current));
      current = parent;
    }
  }
}

/** The paths one window (or the host's page) may use in this session. */
export class PathAccess {
  private readonly chosen = new Map<string, Set<PathUse>>();
  private readonly chosenFolders: string[] = [];

  constructor(private readonly options: PathAccessOptions = {}) {}

  /** Records a path the user chose in a native dialog. */
  choose(file: string, how: PathChoice): void {
    const key = path.resolve(file);
    if (how === 'folder') {
      if (!this.chosenFolders.includes(key)) this.chosenFolders.push(key);
      return;
    }
    const uses = this.chosen.get(key) ?? new Set<PathUse>();
    for (const use of USES_OF[how]) uses.add(use);
    this.chosen.set(key, uses);
  }

  /** Resolves when a page may `use` the path; throws path_refused, naming it, when not. */
  async require(file: string, use: PathUse): Promise<void> {
    if (await this.allows(file, use)) return;
    throw refusal(
      file,
      use,
      (this.options.roots ?? []).filter((root) => root.uses.includes(use)),
    );
  }

  private async allows(file: string, use: PathUse): Promise<boolean> {
    const key = path.resolve(file);
    if (this.chosen.get(key)?.has(use)) return true;
    // New files go into a folder the user chose itself (they never replace a file there).
    if (use === 'write-into' && this.chosenFolders.includes(key)) return true;
    if (
      use === 'open' &&
      (this.options.recentProjects?.() ?? []).some((p) => path.resolve(p) === key)
    ) {
      return true;
    }
    const folders = [
      ...(this.options.roots ?? []).filter((root) => root.uses.includes(use)).map((r) => r.folder),
      ...(use === 'read' ? this.chosenFolders : []),
    ];
    if (folders.length === 0) return false;
    const real = await realPathOf(key);
    for (const folder of folders) {
      if (isInside(await realPathOf(folder), real)) return true;
    }
    return false;
  }
}

function refusal(file: string, use: PathUse, roots: readonly PathRoot[]): SailError {
  const folders = roots.map((root) => root.folder);
  const whereZh = folders.length ? `，或 ${folders.join('、')} 中的文件` : '';
  const whereEn = folders.length ? `, or files in ${folders.join(', ')}` : '';
  const texts: Record<PathUse, [zh: string, en: string]> = {
    read: [
      `不能读取“${file}”：只能读取你在对话框中选择的文件或文件夹${whereZh}。请在对话框中选择它。`,
      `Cannot read "${file}": only files and folders you chose in a dialog can be read${whereEn}. Choose it in a dialog.`,
    ],
    write: [
      `不能写入“${file}”：只能写入你在保存对话框中选择的位置${whereZh}，其他文件不会被替换。请在保存对话框中选择它。`,
      `Cannot write "${file}": only a place you chose in a save dialog can be written${whereEn}; no other file is replaced. Choose it in a save dialog.`,
    ],
    'write-into': [
      `不能把文件写入“${file}”：只能写入你在对话框中选择的文件夹${whereZh}。请在对话框中选择它。`,
      `Cannot write files into "${file}": only a folder you chose in a dialog can be written into${whereEn}. Choose it in a dialog.`,
    ],
    create: [
      `不能在“${file}”新建项目：只能在新建项目对话框中选择的位置新建${whereZh}。`,
      `Cannot create a project at "${file}": projects are created only where you chose in the new-project dialog${whereEn}.`,
    ],
    open: [
      `不能打开“${file}”：只能打开你在对话框中选择的项目或最近的项目${whereZh}。`,
      `Cannot open "${file}": only a project you chose in a dialog or a recent project can be opened${whereEn}.`,
    ],
  };
  const [zh, en] = texts[use];
  return new SailError('path_refused', zh, en);
}
