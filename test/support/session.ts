import { join } from 'node:path';
import type { OperationInput, OperationName, OperationOutput } from '../../electron/api/contract';
import { dispatch, USER, type Handlers } from '../../electron/api/dispatch';
import { createHandlers } from '../../electron/api/handlers';
import { ProjectSession, type SessionOptions } from '../../electron/api/session';
import type { Result } from '../../electron/api/result';
import type { UserMessage } from '../../electron/core/errors';
import type { OrganiserKeys } from '../../electron/store/chain-seal';
import { resourcesDir, tempDir } from './paths';

export interface ApiSession {
  dir: string;
  session: ProjectSession;
  handlers: Handlers;
  call: <N extends OperationName>(
    name: N,
    input: OperationInput<N>,
  ) => Promise<Result<OperationOutput<N>>>;
  ok: <N extends OperationName>(name: N, input: OperationInput<N>) => Promise<OperationOutput<N>>;
  /** Calls an operation that must fail: its error. */
  fails: <N extends OperationName>(name: N, input: OperationInput<N>) => Promise<UserMessage>;
}

/**
 * An in-process API over a fresh session, as the window and the host use it; `keys`: another
 * computer's key store (default: the run's, SAIL_KEY_DIR); `options`: the session's others.
 */
export function apiSession(
  keys?: OrganiserKeys,
  options: Partial<Omit<SessionOptions, 'keys'>> = {},
): ApiSession {
  const dir = tempDir();
  const session = new ProjectSession({
    configDir: join(dir, 'config'),
    resourcesDir,
    keys,
    ...options,
  });
  const handlers = createHandlers(session);
  const call = <N extends OperationName>(name: N, input: OperationInput<N>) =>
    dispatch(handlers, name, input, { caller: USER }) as Promise<Result<OperationOutput<N>>>;
  const ok = async <N extends OperationName>(name: N, input: OperationInput<N>) => {
    const result = await call(name, input);
    if (!result.ok) throw new Error(`${name} failed: ${result.error.message_en}`);
    return result.value;
  };
  const fails = async <N extends OperationName>(name: N, input: OperationInput<N>) => {
    const result = await call(name, input);
    if (result.ok) throw new Error(`${name} succeeded: ${JSON.stringify(result.value)}`);
    return result.error;
  };
  return { dir, session, handlers, call, ok, fails };
}
