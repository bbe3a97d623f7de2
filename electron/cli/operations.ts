// The CLI's one session: each command opens its project, calls operations through dispatch as
// the window does, and closes it.
import { resolve } from 'node:path';
import type { OperationInput, OperationName, OperationOutput } from '../api/contract';
import { dispatch, USER, type Progress } from '../api/dispatch';
import { createHandlers } from '../api/handlers';
import { ProjectSession } from '../api/session';
import { EXIT_BY_CODE, ExitError } from './exit';

// The bundle runs from dist/electron (bin/sail-review.cjs), beside which resources/ lies two up.
const resourcesDir = resolve(__dirname, '..', '..', 'resources');
export const session = new ProjectSession({ configDir: null, resourcesDir });
const handlers = createHandlers(session);

/** Runs an operation; a refusal becomes an ExitError with its exit code. */
export async function call<N extends OperationName>(
  name: N,
  input: OperationInput<N>,
  progress?: (progress: Progress) => void,
): Promise<OperationOutput<N>> {
  const result = await dispatch(
    handlers,
    name,
    input,
    progress ? { caller: USER, progress } : { caller: USER },
  );
  if (!result.ok) throw new ExitError(EXIT_BY_CODE[result.error.code] ?? 2, result.error);
  return result.value as OperationOutput<N>;
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
    session.close();
  }
}
