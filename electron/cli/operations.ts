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

/** Opens the project (an encrypted panel package with its passphrase), runs `work`, closes it. */
export async function withProject<T>(
  path: string,
  work: () => Promise<T>,
  passphrase?: string,
): Promise<T> {
  await call('project.open', passphrase === undefined ? { path } : { path, passphrase });
  try {
    return await work();
  } finally {
    closeSession();
  }
}
