// IPC wiring: one handler per operation and per shell function, each behind a sender check.
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { OPERATION_NAMES, SHELL_CHANNELS, channelOf } from '../api/channels';
import { dispatch, type Handlers } from '../api/dispatch';
import type { PathAccess } from '../api/path-access';
import type { Result } from '../api/result';
import { DIALOG_CHOICES, shellDialogs } from './dialogs';
import { isAllowedSender } from './security';

/** Operations after which the menu's recent-project list may change. */
const PROJECT_OPERATIONS = new Set<string>(['project.create', 'project.open', 'project.close']);

const FORBIDDEN = {
  ok: false,
  error: {
    code: 'forbidden',
    message_zh: '拒绝：请求不是来自应用窗口。',
    message_en: 'Refused: the request did not come from the app window.',
  },
} as const satisfies Result<never>;

export interface IpcOptions {
  handlers: Handlers;
  devOrigin: string | null;
  onProjectChanged: () => void;
  /** The window's paths: those the user chose in its dialogs are recorded here. */
  paths: PathAccess;
}

/**
 * The window of a message's sender when it is trusted: the main frame of one of our windows,
 * showing an app page; never a subframe, a devtools page or a page that navigated elsewhere.
 */
function trustedWindow(
  event: IpcMainInvokeEvent,
  devOrigin: string | null,
): Electron.BrowserWindow | null {
  const window = BrowserWindow.fromWebContents(event.sender);
  const frame = event.senderFrame;
  if (window === null || frame === null) return null;
  const frameInfo = { url: frame.url, isMainFrame: frame === window.webContents.mainFrame };
  return isAllowedSender(frameInfo, devOrigin) ? window : null;
}

export function registerIpc({ handlers, devOrigin, onProjectChanged, paths }: IpcOptions): void {
  const caller = { kind: 'window', paths } as const;
  for (const name of OPERATION_NAMES) {
    ipcMain.handle(channelOf(name), async (event, input: unknown) => {
      if (trustedWindow(event, devOrigin) === null) return FORBIDDEN;
      const result = await dispatch(handlers, name, input, { caller });
      if (result.ok && PROJECT_OPERATIONS.has(name)) onProjectChanged();
      return result;
    });
  }
  for (const [key, channel] of Object.entries(SHELL_CHANNELS)) {
    const dialog = key as keyof typeof SHELL_CHANNELS;
    ipcMain.handle(channel, async (event, ...args: unknown[]) => {
      const window = trustedWindow(event, devOrigin);
      if (window === null) throw new Error(FORBIDDEN.error.message_en);
      const chosen = await shellDialogs(window)[dialog](...args);
      // Chosen in a native dialog of main's own: the window may now use this path so.
      if (chosen !== null) paths.choose(chosen, DIALOG_CHOICES[dialog]);
      return chosen;
    });
  }
}
