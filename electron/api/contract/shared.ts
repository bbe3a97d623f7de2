// Schema pieces several domains of the contract use, and how an operation is declared.
import { z } from 'zod';
import { AGGREGATION_METHODS, PROGRAMMES } from '../../core/domain';

export const nonEmpty = z.string().trim().min(1);
export const programme = z.enum(PROGRAMMES);
export const method = z.enum(AGGREGATION_METHODS);

/**
 * What an operation does with a path it is given. A path from a page (the window, the host's
 * page) is checked against these before the handler runs (dispatch.ts, api/path-access.ts):
 * read an existing file or folder, write a file (replacing it), write new files into a folder
 * (never replacing one), create a new project file, or open a project file (which writes to it
 * too).
 */
export type PathUse = 'read' | 'write' | 'write-into' | 'create' | 'open';
export const pathUses = z.registry<{ use: PathUse }>();
const pathFor = (use: PathUse) => nonEmpty.max(4096).register(pathUses, { use });
export const readPath = pathFor('read');
export const writePath = pathFor('write');
export const writeIntoPath = pathFor('write-into');
export const createPath = pathFor('create');
export const openPath = pathFor('open');

export const roundRef = z.object({ round: nonEmpty });
/** A ranking of a round as the results screen shows it: method, trim and scope. */
export const rankRef = roundRef.extend({
  method: method.optional(),
  trim_k: z.number().int().min(1).max(10).optional(),
  /** A sector key, or 'overall' (the default) for the ranking across sectors. */
  scope: z.string().default('overall'),
});
/**
 * Names a long operation (imports, exports) so that tasks.progress can follow it and tasks.cancel
 * stop it; the client makes the id up, e.g. a random string.
 */
export const taskId = nonEmpty.max(100);

/**
 * What each operation is, for the dispatcher: a read runs at once; a write runs after the writes
 * before it; a task is long (progress, cancel) and may write; a session operation opens, creates
 * or closes the project and waits for nothing: it is refused while a task or write is under way.
 */
export type OperationKind = 'read' | 'write' | 'task' | 'session';

export interface Operation<I extends z.ZodType, O> {
  kind: OperationKind;
  input: I;
  /** Phantom: the output type travels in the type system only. */
  output?: O;
}

/** Declares an operation: `op<Output>(kind)(inputSchema)`. */
export function op<O>(kind: OperationKind) {
  return <I extends z.ZodType>(input: I): Operation<I, O> => ({ kind, input });
}
