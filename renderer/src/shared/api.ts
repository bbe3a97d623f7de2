// How the window reaches the operations: the preload bridge (window.sail) in Electron, or the
// local test/dev host over HTTP on the same origin. Both speak the contract's Result shape.
import type { OperationInput, OperationName, OperationOutput, SailClient } from '@api/contract';
import { OPERATION_NAMES, type ShellBridge } from '@api/channels';
import type { Result } from '@api/result';
import { isUserMessage } from '@core/errors';
import { promptPath } from './pathPrompt';
import { bilingual, SailApiError, toUserMessage } from './userMessage';

declare global {
  interface Window {
    sail?: SailClient & { shell: ShellBridge };
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

async function request<T>(url: string, init?: RequestInit): Promise<Result<T>> {
  let response: Response;
  try {
    response = await fetch(url, init);
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

/** Calls an operation; never throws (transport failures become an error Result). */
export async function call<N extends OperationName>(
  name: N,
  input: OperationInput<N>,
): Promise<Result<OperationOutput<N>>> {
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
  pickNewProject: async () => promptPath('new', await defaultProjectPath()),
  pickOpenProject: async () => promptPath('open', await defaultProjectPath()),
  pickImportFile: async () => {
    const file = await chooseFile();
    return file ? upload(file) : null;
  },
  pickSavePath: async (defaultName) =>
    joinPath(joinPath(await hostWorkspace(), 'exports'), defaultName),
  pickFolder: async () => promptPath('folder', await hostWorkspace()),
};

export const shell: ShellBridge = bridge?.shell ?? webShell;

/**
 * Whether the save path comes from a dialog that has already asked before replacing a file: the
 * native one does (showOverwriteConfirmation); browser mode names a file in the exports folder.
 */
export const saveDialogAsksToReplace = !isWebMode;

/** A link to fetch a file the host wrote (browser mode); null in the desktop window. */
export function downloadUrl(path: string): string | null {
  return isWebMode ? `/api/download?path=${encodeURIComponent(path)}` : null;
}

/** File name of a path, for display. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
