// Errors that reach a person carry a stable code and a message in Chinese and English.

export interface UserMessage {
  code: string;
  message_zh: string;
  message_en: string;
}

/**
 * True for anything carrying a message in both languages: a SailError, or the plain `error` of
 * a Result as it arrives over IPC (structured clone) or HTTP (JSON), where no class survives.
 */
export function isUserMessage(value: unknown): value is UserMessage {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message_zh, message_en } = value as Partial<Record<keyof UserMessage, unknown>>;
  return (
    typeof code === 'string' && typeof message_zh === 'string' && typeof message_en === 'string'
  );
}

export class SailError extends Error implements UserMessage {
  readonly code: string;
  readonly message_zh: string;
  readonly message_en: string;
  /** CLI exit code per CLI.md: 1 usage, 2 input rejected, 3 integrity failure. */
  readonly exitCode: 1 | 2 | 3;

  constructor(code: string, message_zh: string, message_en: string, exitCode: 1 | 2 | 3 = 2) {
    super(message_en);
    this.name = 'SailError';
    this.code = code;
    this.message_zh = message_zh;
    this.message_en = message_en;
    this.exitCode = exitCode;
  }

  toUserMessage(): UserMessage {
    return { code: this.code, message_zh: this.message_zh, message_en: this.message_en };
  }
}
