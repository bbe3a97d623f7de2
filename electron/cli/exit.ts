// How a refusal leaves the CLI: its message in both languages on stderr and an exit code
// (design/CLI.md: 1 usage, 2 input rejected, 3 integrity failure).
import { SailError, type UserMessage } from '../core/errors';

export class ExitError extends Error {
  constructor(
    readonly exitCode: number,
    readonly userMessage: UserMessage,
  ) {
    super(userMessage.message_en);
  }
}

/** The exit code of a refusal's code; any code not named here is rejected input (2). */
export const EXIT_BY_CODE: Record<string, number> = {
  invalid_input: 1,
  unknown_operation: 1,
  integrity_failed: 3,
  audit_broken: 3,
  score_out_of_range: 3,
};

/** A usage error (exit 1), as a refused option reports it. */
export function usageError(message_zh: string, message_en: string): ExitError {
  return new ExitError(1, { code: 'usage', message_zh, message_en });
}

/** A refusal of the api's own (a SailError) as the CLI reports an operation's. */
function rethrow(error: unknown): never {
  if (error instanceof SailError) throw new ExitError(error.exitCode, error.toUserMessage());
  throw error;
}

/**
 * Runs one of the api's own checks in the CLI, or reads a file for an option, reporting a
 * refusal as an operation's is.
 */
export function local<T>(check: () => T): T {
  try {
    const value = check();
    return (value instanceof Promise ? value.catch(rethrow) : value) as T;
  } catch (error) {
    rethrow(error);
  }
}
