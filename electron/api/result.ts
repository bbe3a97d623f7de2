import type { UserMessage } from '../core/errors';

/** What every operation returns, over IPC, HTTP and in-process alike. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: UserMessage };
