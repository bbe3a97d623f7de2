// An in-process session over the operations, as the benchmarks build their projects: `ok` calls
// one and throws on a refusal.
import { resolve } from 'node:path';
import type { OperationInput, OperationName, OperationOutput } from '../../electron/api/contract';
import { dispatch, USER } from '../../electron/api/dispatch';
import { createHandlers } from '../../electron/api/handlers';
import { ProjectSession } from '../../electron/api/session';

export const resourcesDir = resolve(__dirname, '..', '..', 'resources');

export function benchSession() {
  const s = new ProjectSession({ configDir: null, resourcesDir });
  const handlers = createHandlers(s);
  const ok = async <N extends OperationName>(name: N, input: OperationInput<N>) => {
    const result = await dispatch(handlers, name, input, { caller: USER });
    if (!result.ok) throw new Error(`${name}: ${result.error.message_en}`);
    return result.value as OperationOutput<N>;
  };
  return { s, ok };
}
