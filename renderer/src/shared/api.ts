// How the window reaches the operations: the preload bridge (window.sail) in Electron, or the
// local test/dev host over HTTP on the same origin. Both speak the contract's Result shape.
import type { OperationInput, OperationName, OperationOutput, SailClient } from '@api/contract';
import {
  HOST_TOKEN_HEADER,
  OPERATION_NAMES,
  type EventBridge,
  type ShellBridge,
} from '@api/channels';
import type { Result } from '@api/result';
import { isUserMessage } from '@core/errors';
import { promptPath } from './pathPrompt';
import { droppedFileKind, withProjectExtension } from '@core/project-file-names';
import { bilingual, SailApiError, toUserMessage } from './userMessage';

declare global {
  interface Window {
    sail?: SailClient & { shell: ShellBridge; events: EventBridge };
  }
}

const bridge = window.sail;

/** True when running in a browser against the local host rather than in the Electron window. */
export const isWebMode = bridge === undefined;

export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new SailApiError(result.error);
}

// ---------- HTTP transport (browser mode) ----------

const TOKEN_KEY = 'sail-host-token';

/**
 * The local host's session token. The link the host printed carries it in the fragment
 * (#token=…), which no request sends; it moves to this tab's session storage and out of the
 * address bar and its history. A reload keeps it; another tab needs the link again.
 */
function takeHostToken(): string | null {
  const found = /(?:^#|&)token=([^&]+)/.exec(window.location.hash)?.[1];
  if (found) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(found));
    history.replaceState(history.state, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

const hostToken = isWebMode ? takeHostToken() : null;
if (isWebMode) {
  // The link pasted over a page opened without it changes only the fragment: start afresh.
  window.addEventListener('hashchange', () => {
    if (takeHostToken() !== hostToken) window.location.reload();
  });
}

/** Headers of every request to the host: the session token with any others. */
function withToken(headers: Record<string, string> = {}): Record<string, string> {
  return hostToken === null ? headers : { ...headers, [HOST_TOKEN_HEADER]: hostToken };
}

/** The headers a request to the host needs (its session token), for the event stream. */
export const hostHeaders = (): Record<string, string> => withToken();

/** A reply that is a Result: `ok: true` with its value, or `ok: false` with a message. */
function isResult(reply: unknown): reply is Result<unknown> {
  if (typeof reply !== 'object' || reply === null) return false;
  const { ok, error } = reply as { ok?: unknown; error?: unknown };
  return ok === true ? 'value' in reply : ok === false && isUserMessage(error);
}

async function readResult<T>(response: Response): Promise<Result<T>> {
  const hostError = (): Result<T> => ({
    ok: false,
    error: bilingual('host', 'error.host', { status: response.status }),
  });
  if (!(response.headers.get('content-type') ?? '').includes('json')) return hostError();
  let reply: unknown;
  try {
    reply = await response.json();
  } catch {
    return hostError();
  }
  return isResult(reply) ? (reply as Result<T>) : hostError();
}

async function request<T>(
  url: string,
  init: Omit<RequestInit, 'headers'> & { headers?: Record<string, string> } = {},
): Promise<Result<T>> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: withToken(init.headers) });
  } catch {
    return { ok: false, error: bilingual('network', 'error.network') };
  }
  return readResult<T>(response);
}

function httpClient(): SailClient {
  const client: Record<string, (input: unknown) => Promise<Result<unknown>>> = {};
  for (const name of OPERATION_NAMES) {
    client[name] = (input) =>
      request(`/api/op/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
  }
  return client as SailClient;
}

export const sail: SailClient = bridge ?? httpClient();

/** Answers asked for while the window's code still loads (app/earlyCalls.ts), by name and input. */
const early = new Map<string, Promise<Result<unknown>>>();

/**
 * Asks now what the first screen will ask once drawn, so that the session works while the
 * window's code loads: the first `call` with the same name and input takes the answer.
 */
export function callEarly<N extends OperationName>(
  name: N,
  input: OperationInput<N>,
): Promise<Result<OperationOutput<N>>> {
  const answer = call(name, input);
  early.set(earlyKey(name, input), answer);
  return answer;
}

const earlyKey = (name: string, input: unknown) => `${name} ${JSON.stringify(input)}`;

/** The first screen has asked: early answers nobody took are dropped, never served stale. */
export function forgetEarlyCalls(): void {
  early.clear();
}

/** Calls an operation; never throws (transport failures become an error Result). */
export async function call<N extends OperationName>(
  name: N,
  input: OperationInput<N>,
): Promise<Result<OperationOutput<N>>> {
  // Only while the window starts: afterwards no call pays for the key.
  if (early.size > 0) {
    const key = earlyKey(name, input);
    const asked = early.get(key);
    if (asked) {
      early.delete(key);
      return asked as Promise<Result<OperationOutput<N>>>;
    }
  }
  try {
    return await sail[name](input);
  } catch (error) {
    return { ok: false, error: toUserMessage(error) };
  }
}

// ---------- shell: native dialogs, or their browser-mode stand-ins ----------

let workspace: Promise<string> | null = null;

/** The folder where the local host keeps projects, uploads and exports (browser mode). */
export function hostWorkspace(): Promise<string> {
  workspace ??= request<{ workspace: string }>('/api/host').then((result) => {
    if (!result.ok) workspace = null;
    return unwrap(result).workspace;
  });
  return workspace;
}

function joinPath(folder: string, name: string): string {
  const separator = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return `${folder.replace(/[\\/]+$/, '')}${separator}${name}`;
}

/** Original names of uploaded files, by the host path they were stored under. */
const uploadNames = new Map<string, string>();

/** The name to record for an imported file: the original name of an upload (browser mode). */
export function importFileName(path: string): string | undefined {
  return uploadNames.get(path);
}

function chooseFile(): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.csv,.txt,.xlsx,.xls,.json';
    input.hidden = true;
    input.dataset.testid = 'file-input';
    const finish = (file: File | null) => {
      input.remove();
      resolve(file);
    };
    input.addEventListener('change', () => finish(input.files?.[0] ?? null), { once: true });
    input.addEventListener('cancel', () => finish(null), { once: true });
    document.body.append(input);
    input.click();
  });
}

async function upload(file: File): Promise<string> {
  const { path } = unwrap(
    await request<{ path: string }>(`/api/upload?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      body: file,
    }),
  );
  uploadNames.set(path, file.name);
  return path;
}

// The host keeps projects and exports in these folders of its workspace.
const defaultProjectPath = async () =>
  joinPath(joinPath(await hostWorkspace(), 'projects'), '项目.sailreview');

const webShell: ShellBridge = {
  pickNewProject: async () => {
    const path = await promptPath('new', await defaultProjectPath());
    return path === null ? null : withProjectExtension(path);
  },
  pickOpenProject: async () => promptPath('open', await defaultProjectPath()),
  pickImportFile: async () => {
    const file = await chooseFile();
    return file ? upload(file) : null;
  },
  pickSavePath: async (defaultName) =>
    joinPath(joinPath(await hostWorkspace(), 'exports'), defaultName),
  pickFolder: async () => promptPath('folder', await hostWorkspace()),
  // A dropped file is uploaded like a picked one; a project is not: its copy would be opened
  // and changed instead of the file the person dropped.
  droppedFile: async (file) => (droppedFileKind(file.name) === 'project' ? null : upload(file)),
};

export const shell: ShellBridge = bridge?.shell ?? webShell;

/**
 * Saves a file the host wrote (an export) through the browser's downloads. Fetched rather than
 * linked: a link cannot send the session token. Browser mode only (`isWebMode`).
 */
export async function downloadFile(path: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`/api/download?path=${encodeURIComponent(path)}`, {
      headers: withToken(),
    });
  } catch {
    throw new SailApiError(bilingual('network', 'error.network'));
  }
  if (!response.ok) {
    const failure = await readResult(response);
    throw new SailApiError(
      failure.ok ? bilingual('host', 'error.host', { status: response.status }) : failure.error,
    );
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = baseName(path);
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL by now; a minute later no browser still reads it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Whether the save path comes from a dialog that has already asked before replacing a file: the
 * native one does (showOverwriteConfirmation); browser mode names a file in the exports folder.
 */
export const saveDialogAsksToReplace = !isWebMode;

/** File name of a path, for display. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
