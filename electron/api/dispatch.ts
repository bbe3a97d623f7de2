// Validates an operation's input against the contract, runs its handler and wraps the outcome
// in a Result, so every way in (IPC, HTTP, CLI) reports errors identically.
import { SailError, type UserMessage } from '../core/errors';
import { storageProblem } from '../store/storage-errors';
import {
  operations,
  pathFields,
  type OperationName,
  type OperationOutput,
  type OperationParsedInput,
  type TaskPhase,
} from './contract';
import type { PathAccess } from './path-access';
import type { Result } from './result';

export interface Progress {
  done: number;
  total: number | null;
  phase?: TaskPhase;
  unit?: 'bytes' | 'rows';
  /** Data rows read so far (imports). */
  rows?: number;
}

/**
 * Who asked: the user's own command (the CLI, the app's menu, the host's command line), or a
 * page (the window over IPC, the host's page over HTTP), whose paths must be the user's choice
 * or lie in the session's own folders. Set by each way in, never by the payload.
 */
/** Throws when the caller may not make this call now (the expert desk, api/desk.ts). */
export type CallGuard = (name: OperationName, input: unknown) => void;

export type Caller =
  { kind: 'user'; guard?: CallGuard } | { kind: 'window'; paths: PathAccess; guard?: CallGuard };

export const USER: Caller = { kind: 'user' };

export interface OperationContext {
  caller: Caller;
  signal?: AbortSignal;
  progress?: (progress: Progress) => void;
}

export type Handlers = {
  [N in OperationName]: (
    input: OperationParsedInput<N>,
    context: OperationContext,
  ) => Promise<OperationOutput<N>> | OperationOutput<N>;
};

export function isOperationName(name: string): name is OperationName {
  return Object.hasOwn(operations, name);
}

export function toUserMessage(error: unknown): UserMessage {
  if (error instanceof SailError) return error.toUserMessage();
  const storage = storageProblem(error);
  if (storage) return storage.toUserMessage();
  const detail = error instanceof Error ? error.message : String(error);
  return {
    code: 'internal',
    message_zh: `内部错误：${detail}`,
    message_en: `Internal error: ${detail}`,
  };
}

export async function dispatch(
  handlers: Handlers,
  name: string,
  rawInput: unknown,
  context: OperationContext,
): Promise<Result<unknown>> {
  if (!isOperationName(name)) {
    return {
      ok: false,
      error: {
        code: 'unknown_operation',
        message_zh: `未知操作：${name}`,
        message_en: `Unknown operation: ${name}`,
      },
    };
  }
  const parsed = operations[name].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || '(input)'}: ${issue.message}`)
      .join('; ');
    return {
      ok: false,
      error: {
        code: 'invalid_input',
        message_zh: `输入不正确（${name}）：${detail}`,
        message_en: `Invalid input to ${name}: ${detail}`,
      },
    };
  }
  try {
    const { caller } = context;
    caller.guard?.(name, parsed.data);
    if (caller.kind === 'window') {
      const input = parsed.data as Record<string, unknown>;
      for (const { field, use } of pathFields(name)) {
        const value = input[field];
        if (typeof value === 'string') await caller.paths.require(value, use);
      }
    }
    const handler = handlers[name] as (input: unknown, context: OperationContext) => unknown;
    const value = await handler(parsed.data, context);
    return { ok: true, value: value ?? null };
  } catch (error) {
    return { ok: false, error: toUserMessage(error) };
  }
}
