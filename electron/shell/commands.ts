// What the menu, the command line and macOS file events do with projects: run the same
// operations the renderer calls, then refresh the menu and the window.
import { Menu, app, dialog } from 'electron';
import path from 'node:path';
import { EVENT_CHANNEL, type SessionEvent } from '../api/channels';
import type { RecentProject } from '../api/contract';
import type { SessionClient } from '../api/session-client';
import { shellDialogs } from './dialogs';
import { buildMenuTemplate } from './menu';
import { PROJECT_EXTENSION, SCORE_PACKET_EXTENSION } from './project-files';

export interface ProjectCommands {
  open: (file: string) => Promise<void>;
  refreshMenu: () => Promise<void>;
}

export function createProjectCommands(options: {
  session: Pick<SessionClient, 'call' | 'choose'>;
  getWindow: () => Electron.BrowserWindow | null;
}): ProjectCommands {
  const { session, getWindow } = options;

  async function run(
    name: 'project.create' | 'project.open',
    input: { path: string; name?: string },
  ): Promise<void> {
    // The menu's own dialogs, the command line and the recent list: the user's choice.
    const result = await session.call(name, input, { caller: 'user' });
    if (!result.ok && result.error.code === 'passphrase_required') {
      // The passphrase is asked in the window, where it can be typed: the user chose the file,
      // so the window may open it.
      session.choose(input.path, 'open-project');
      const request: SessionEvent = { type: 'open_requested', path: input.path };
      getWindow()?.webContents.send(EVENT_CHANNEL, request);
      return;
    }
    if (!result.ok) {
      dialog.showErrorBox(
        '无法打开项目 Cannot open the project',
        `${result.error.message_zh}\n${result.error.message_en}`,
      );
      return;
    }
    // The menu's recent list follows the session's event (ipc.ts).
    app.addRecentDocument(input.path);
    // The renderer reads the current project when it loads, so a reload shows the new one.
    getWindow()?.webContents.reload();
  }

  /** A score packet is imported into the open project; anything else opens as a project. */
  async function open(file: string): Promise<void> {
    if (!file.toLowerCase().endsWith(SCORE_PACKET_EXTENSION)) {
      await run('project.open', { path: file });
      return;
    }
    const result = await session.call('packets.import', { path: file }, { caller: 'user' });
    const window = getWindow();
    const box: Electron.MessageBoxOptions = result.ok
      ? {
          type: 'info',
          title: '评分包已导入 Score packet imported',
          message: path.basename(file),
          detail: (() => {
            const value = result.value as {
              accepted: number;
              unchanged: number;
              clashes: unknown[];
            };
            return (
              `采用 ${value.accepted} 份，无变化 ${value.unchanged} 份，冲突 ${value.clashes.length} 份（在“专家分配 → 评审包与评分包”中处理）。\n` +
              `Taken ${value.accepted}, unchanged ${value.unchanged}, clashes ${value.clashes.length} (settle them under Assignment → Packages and packets).`
            );
          })(),
        }
      : {
          type: 'error',
          title: '评分包未导入 Score packet not imported',
          message: result.error.message_zh,
          detail: result.error.message_en,
        };
    await (window ? dialog.showMessageBox(window, box) : dialog.showMessageBox(box));
    window?.webContents.reload();
  }

  async function newProject(): Promise<void> {
    const file = await shellDialogs(getWindow()).pickNewProject();
    if (file !== null) {
      await run('project.create', { path: file, name: path.basename(file, PROJECT_EXTENSION) });
    }
  }

  async function openChosen(): Promise<void> {
    const file = await shellDialogs(getWindow()).pickOpenProject();
    if (file !== null) await open(file);
  }

  async function about(): Promise<void> {
    const options: Electron.MessageBoxOptions = {
      type: 'info',
      title: `关于 ${app.getName()}`,
      message: `扬帆评审 SailReview ${app.getVersion()}`,
      detail:
        '5G 应用案例专家评审与打分（绽放杯、5G应用领航者）。离线运行，数据只保存在本机的项目文件中。\n' +
        'Offline expert review and scoring of 5G application cases. Data stays in project files on this computer.',
    };
    const window = getWindow();
    await (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options));
  }

  async function refreshMenu(): Promise<void> {
    const recent = await session.call('project.recent', {}, { caller: 'user' });
    const template = buildMenuTemplate({
      isDev: !app.isPackaged,
      isMac: process.platform === 'darwin',
      appName: app.getName(),
      recent: recent.ok ? (recent.value as RecentProject[]) : [],
      actions: {
        newProject: () => void newProject(),
        openProject: () => void openChosen(),
        openRecent: (file) => void open(file),
        about: () => void about(),
      },
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  }

  return { open, refreshMenu };
}
