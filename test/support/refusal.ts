// What a refusal a person reads must be: our own code and words, in both languages, saying what
// is wrong; never a library's or the engine's ("SyntaxError", "Bug : …", "undefined", a stack).
import { expect } from 'vitest';
import type { UserMessage } from '../../electron/core/errors';

/** Words that only a library, the engine or a crash would put in a message. */
const NOT_OURS =
  /SyntaxError|TypeError|RangeError|ReferenceError|\w+Error:|\bBug\b|undefined|NaN|\[object|Unexpected token|unexpected end|\bat \S+ \(|:\d+:\d+\)|\bE[A-Z]{3,}\b|mismatch|ERR_/;

export function expectOwnRefusal(error: UserMessage): void {
  expect(error.code).toMatch(/^[a-z][a-z0-9_]*$/);
  // An internal error is an exception nobody expected: a crash by another name.
  expect(error.code).not.toBe('internal');
  for (const message of [error.message_zh, error.message_en]) {
    expect(message, message).not.toMatch(NOT_OURS);
  }
  expect(error.message_zh).toMatch(/[\u4e00-\u9fff]/);
  expect(error.message_en).toMatch(/[A-Za-z]{3}/);
  // Chinese, apart from names it quotes (files, parts, sheets) and terms such as CSV UTF-8.
  const unquoted = error.message_zh.replace(/“[^”]*”|"[^"]*"|（[^）]*）/g, '');
  expect(unquoted, error.message_zh).not.toMatch(/[A-Za-z]{2,}(?:[ ,]+[A-Za-z]{2,}){2,}/);
}
