// Native file dialogs behind the ShellBridge. Each returns a path, or null when cancelled.
import { app, dialog } from 'electron';
import path from 'node:path';
import type { ShellBridge } from '../api/channels';
import type { PathChoice } from '../api/path-access';
import {
  IMPORT_FILTERS,
  PROJECT_FILTERS,
  saveFiltersFor,
  suggestedFileName,
  withProjectExtension,
} from './project-files';

async function pickOne(
  window: Electron.BrowserWindow | null,
  options: Electron.OpenDialogOptions,
): Promise<string | null> {
  const result = window
    ? await dialog.showOpenDialog(window, options)
    : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

async function pickSave(
  window: Electron.BrowserWindow | null,
  options: Electron.SaveDialogOptions,
): Promise<string | null> {
  const result = window
    ? await dialog.showSaveDialog(window, options)
    : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}

const documents = (name: string) => path.join(app.getPath('documents'), name);

/** What the user's answer to each dialog lets the window do with that path. */
export const DIALOG_CHOICES: Record<Exclude<keyof ShellBridge, 'droppedFile'>, PathChoice> = {
  pickOpenProject: 'open-project',
  pickNewProject: 'new-project',
  pickImportFile: 'file',
  pickFolder: 'folder',
  pickSavePath: 'save',
};

/** The shell's dialogs for one window. `pickSavePath` takes an untrusted name from the renderer. */
export function shellDialogs(window: Electron.BrowserWindow | null): {
  [K in keyof typeof DIALOG_CHOICES]: (...args: unknown[]) => Promise<string | null>;
} {
  return {
    pickOpenProject: () =>
      pickOne(window, {
        title: '打开项目',
        filters: PROJECT_FILTERS,
        properties: ['openFile'],
      }),
    pickNewProject: async () => {
      const chosen = await pickSave(window, {
        title: '新建项目',
        defaultPath: documents('评审项目.sailreview'),
        filters: PROJECT_FILTERS,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      return chosen === null ? null : withProjectExtension(chosen);
    },
    pickImportFile: () =>
      pickOne(window, { title: '导入文件', filters: IMPORT_FILTERS, properties: ['openFile'] }),
    pickFolder: () => pickOne(window, { title: '选择文件夹', properties: ['openDirectory'] }),
    pickSavePath: (defaultName: unknown) => {
      const name = suggestedFileName(defaultName);
      return pickSave(window, {
        title: '保存',
        defaultPath: documents(name),
        filters: saveFiltersFor(name),
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
    },
  };
}
