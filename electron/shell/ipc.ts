// IPC wiring: one handler per operation and per shell function, each behind a sender check.
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { EVENT_CHANNEL, OPERATION_NAMES, SHELL_CHANNELS, channelOf } from '../api/channels';
import type { Result } from '../api/result';
import type { SessionClient } from '../api/session-client';
import { DIALOG_CHOICES, shellDialogs } from './dialogs';
import { droppedPath } from './project-files';
import { isAllowedSender } from './security';

/** Operations after which the menu's recent-project list may change. */
const PROJECT_OPERATIONS = new Set<string>([
  'project.create',
  'project.createSample',
  'project.open',
  'project.close',
]);

const FORBIDDEN = {
  ok: false,
  error: {
    code: 'forbidden',
    message_zh: '拒绝：请求不是来自应用窗口。',
    message_en: 'Refused: the request did not come from the app window.',
  },
} as const satisfies Result<never>;

export interface IpcOptions {
  /** The session in its worker; it records the paths the user chose in the window's dialogs. */
  session: Pick<SessionClient, 'callJson' | 'choose' | 'subscribe'>;
  devOrigin: string | null;
  onProjectChanged: () => void;
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

export function registerIpc({ session, devOrigin, onProjectChanged }: IpcOptions): void {
  for (const name of OPERATION_NAMES) {
    // The Result's JSON text, passed on as the session wrote it and read by the preload: main
    // never decodes a large ranking (the page would wait on main meanwhile).
    ipcMain.handle(channelOf(name), (event, input: unknown) =>
      trustedWindow(event, devOrigin) === null
        ? JSON.stringify(FORBIDDEN)
        : session.callJson(name, input, { caller: 'window' }),
    );
  }
  // A dropped file's path (the preload reads it from the File, webUtils.getPathForFile), checked
  // as a dialog's answer: an existing file of a kind the app takes.
  ipcMain.handle(SHELL_CHANNELS.droppedFile, (event, dropped: unknown) => {
    if (trustedWindow(event, devOrigin) === null) throw new Error(FORBIDDEN.error.message_en);
    const checked = droppedPath(dropped);
    if (checked === null) return null;
    session.choose(checked.path, checked.choice);
    return checked.path;
  });
  for (const dialog of Object.keys(DIALOG_CHOICES) as Array<keyof typeof DIALOG_CHOICES>) {
    ipcMain.handle(SHELL_CHANNELS[dialog], async (event, ...args: unknown[]) => {
      const window = trustedWindow(event, devOrigin);
      if (window === null) throw new Error(FORBIDDEN.error.message_en);
      const chosen = await shellDialogs(window)[dialog](...args);
      // Chosen in a native dialog of main's own: the window may now use this path so.
      if (chosen !== null) session.choose(chosen, DIALOG_CHOICES[dialog]);
      return chosen;
    });
  }
  // Every window of ours hears the session's changes and task progress; the menu's recent list
  // follows a project opened, created or closed.
  session.subscribe((event) => {
    if (event.type === 'changed' && PROJECT_OPERATIONS.has(event.operation)) onProjectChanged();
    for (const window of BrowserWindow.getAllWindows()) {
      if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, event);
    }
  });
}
