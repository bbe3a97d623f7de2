// How any failure reaches a person: as its own message in both languages. A refusal arrives as
// the plain `error` of a Result (over IPC a structured clone, over HTTP parsed JSON), never as an
// instance of a class, so it is recognised by its shape.
import { isUserMessage, type UserMessage } from '@core/errors';
import { translate, type MessageKey, type Vars } from './i18n';

/** A failed operation, carrying the user-facing message in both languages. */
export class SailApiError extends Error implements UserMessage {
  readonly code: string;
  readonly message_zh: string;
  readonly message_en: string;

  constructor(error: UserMessage) {
    super(error.message_en);
    this.name = 'SailApiError';
    this.code = error.code;
    this.message_zh = error.message_zh;
    this.message_en = error.message_en;
  }
}

/** One of the window's own messages (transport failures), in both languages. */
export function bilingual(code: string, key: MessageKey, vars?: Vars): UserMessage {
  return {
    code,
    message_zh: translate('zh-CN', key, vars),
    message_en: translate('en-US', key, vars),
  };
}

const IPC_PREFIX = /^Error invoking remote method '[^']*': /;

/** What went wrong, as text, for a thrown value that carries no message of its own. */
function detailOf(error: unknown): string {
  // Electron prefixes what main threw with the channel it came through: the person needs the rest.
  if (error instanceof Error) return error.message.replace(IPC_PREFIX, '');
  if (typeof error !== 'object' || error === null) return String(error);
  const { message } = error as { message?: unknown };
  if (typeof message === 'string') return message;
  try {
    return JSON.stringify(error);
  } catch {
    // Cyclic (or holding a BigInt): its kind is all there is to say.
    return (error as { constructor?: { name?: string } }).constructor?.name ?? 'object';
  }
}

/** Any failure (a Result's error, a SailApiError, anything thrown) as a message to show. */
export function toUserMessage(error: unknown): UserMessage {
  if (isUserMessage(error)) {
    return { code: error.code, message_zh: error.message_zh, message_en: error.message_en };
  }
  return bilingual('unexpected', 'error.unexpected', { detail: detailOf(error) });
}
