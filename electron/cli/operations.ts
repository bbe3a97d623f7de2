// The CLI's one session: each command opens its project, calls operations through dispatch as
// the window does, and closes it.
import { resolve } from 'node:path';
import type { OperationInput, OperationName, OperationOutput } from '../api/contract';
import type { Progress } from '../api/dispatch';
import type { ProjectSession } from '../api/session';
import { EXIT_BY_CODE, ExitError } from './exit';

// The bundle runs from dist/electron (bin/sail-review.cjs), beside which resources/ lies two up.
const resourcesDir = resolve(__dirname, '..', '..', 'resources');

// The api (the contract's schemas, the store, the file readers) loads at a command's first call,
// so `help` and a usage error start without it: the bundle runs a module's body when first asked.
let session: ProjectSession | undefined;

async function startApi() {
  const [{ dispatch, USER }, { createHandlers }, { ProjectSession }] = await Promise.all([
    import('../api/dispatch'),
    import('../api/handlers'),
    import('../api/session'),
  ]);
  session = new ProjectSession({ configDir: null, resourcesDir });
  return { dispatch, USER, handlers: createHandlers(session) };
}
let api: ReturnType<typeof startApi> | undefined;

/** Runs an operation; a refusal becomes an ExitError with its exit code. */
export async function call<N extends OperationName>(
  name: N,
  input: OperationInput<N>,
  progress?: (progress: Progress) => void,
): Promise<OperationOutput<N>> {
  api ??= startApi();
  const { dispatch, USER, handlers } = await api;
  const result = await dispatch(
    handlers,
    name,
    input,
    progress ? { caller: USER, progress } : { caller: USER },
  );
  if (!result.ok) throw new ExitError(EXIT_BY_CODE[result.error.code] ?? 2, result.error);
  return result.value as OperationOutput<N>;
}

/** The api's readers of the files options name (a mapping, a passphrase), loaded as the api is. */
export function optionFiles(): Promise<typeof import('../api/cli-files')> {
  return import('../api/cli-files');
}

/** Closes the project a command opened, if any. */
export function closeSession(): void {
  session?.close();
}

/** The passphrase `--passphrase-file` gave (cli/options.ts): the command's project opens with it. */
let passphrase: string | undefined;

export function openWithPassphrase(given: string): void {
  passphrase = given;
}

/** Opens the project (an encrypted panel package with its passphrase), runs `work`, closes it. */
export async function withProject<T>(path: string, work: () => Promise<T>): Promise<T> {
  try {
    await call('project.open', passphrase === undefined ? { path } : { path, passphrase });
  } catch (error) {
    // The window asks for the passphrase; a command line must name the option that gives it.
    if (error instanceof ExitError && error.userMessage.code === 'passphrase_required') {
      throw new ExitError(2, {
        code: 'passphrase_required',
        message_zh: `${path} 是加密的评审包：请用 --passphrase-file 指定存有口令（主办方另行告知）的文件。未写入任何内容。`,
        message_en: `${path} is an encrypted panel package: pass --passphrase-file with a file holding its passphrase (which the organiser gave separately). Nothing was written.`,
      });
    }
    throw error;
  }
  try {
    return await work();
  } finally {
    closeSession();
  }
}
