// The only bridge into the sandboxed page: one function per operation, the shell dialogs and
// the session's events. ipcRenderer itself never reaches the page, each function can only
// invoke its own channel, and an event listener receives the event alone (not the IPC message).
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import {
  EVENT_CHANNEL,
  OPERATION_NAMES,
  SHELL_CHANNELS,
  channelOf,
  type EventBridge,
  type SessionEvent,
  type ShellBridge,
} from './api/channels';

const invoke = (channel: string, ...args: unknown[]): Promise<unknown> =>
  ipcRenderer.invoke(channel, ...args);

// Main passes each Result on as its JSON text (shell/ipc.ts): it is read here, in the page's
// process.
const operations = Object.fromEntries(
  OPERATION_NAMES.map((name) => [
    name,
    async (input: unknown): Promise<unknown> =>
      JSON.parse((await invoke(channelOf(name), input)) as string) as unknown,
  ]),
);

const shell = {
  pickOpenProject: () => invoke(SHELL_CHANNELS.pickOpenProject),
  pickNewProject: () => invoke(SHELL_CHANNELS.pickNewProject),
  pickImportFile: () => invoke(SHELL_CHANNELS.pickImportFile),
  pickSavePath: (defaultName: string) => invoke(SHELL_CHANNELS.pickSavePath, defaultName),
  pickFolder: () => invoke(SHELL_CHANNELS.pickFolder),
  // The path of a File the page holds from a drop: only a real dropped file has one.
  droppedFile: (file: File) => invoke(SHELL_CHANNELS.droppedFile, webUtils.getPathForFile(file)),
} satisfies Record<keyof ShellBridge, unknown>;

const events: EventBridge = {
  subscribe(listener) {
    const relay = (_message: IpcRendererEvent, event: SessionEvent) => listener(event);
    ipcRenderer.on(EVENT_CHANNEL, relay);
    return () => void ipcRenderer.removeListener(EVENT_CHANNEL, relay);
  },
};

contextBridge.exposeInMainWorld('sail', { ...operations, shell, events });
