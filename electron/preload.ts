// The only bridge into the sandboxed page: one function per operation plus the shell dialogs.
// ipcRenderer itself never reaches the page, and each function can only invoke its own channel.
import { contextBridge, ipcRenderer } from 'electron';
import { OPERATION_NAMES, SHELL_CHANNELS, channelOf, type ShellBridge } from './api/channels';

const invoke = (channel: string, ...args: unknown[]): Promise<unknown> =>
  ipcRenderer.invoke(channel, ...args);

const operations = Object.fromEntries(
  OPERATION_NAMES.map((name) => [name, (input: unknown) => invoke(channelOf(name), input)]),
);

const shell = {
  pickOpenProject: () => invoke(SHELL_CHANNELS.pickOpenProject),
  pickNewProject: () => invoke(SHELL_CHANNELS.pickNewProject),
  pickImportFile: () => invoke(SHELL_CHANNELS.pickImportFile),
  pickSavePath: (defaultName: string) => invoke(SHELL_CHANNELS.pickSavePath, defaultName),
  pickFolder: () => invoke(SHELL_CHANNELS.pickFolder),
} satisfies Record<keyof ShellBridge, unknown>;

contextBridge.exposeInMainWorld('sail', { ...operations, shell });
