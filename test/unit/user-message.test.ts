// The window's error normalisation: a refusal reaches the person as its own message in both
// languages however it travelled (a Result's error over IPC or HTTP, an unwrapped SailApiError),
// and whatever else is thrown is named, never shown as "[object Object]".
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { UserMessage } from '../../electron/core/errors';
import { translate } from '../../renderer/src/shared/i18n';
import { SailApiError, toUserMessage } from '../../renderer/src/shared/userMessage';
import { apiSession, type ApiSession } from '../support/session';

let api: ApiSession;

beforeAll(async () => {
  api = apiSession();
  await api.ok('project.create', { path: join(api.dir, '已有.sailreview') });
});

/** A refusal of the real API, as its error. */
async function refusal(...args: Parameters<ApiSession['call']>): Promise<UserMessage> {
  const result = await api.call(...args);
  if (result.ok) throw new Error(`${args[0]} was not refused`);
  return result.error;
}

const unexpected = (detail: string): UserMessage => ({
  code: 'unexpected',
  message_zh: translate('zh-CN', 'error.unexpected', { detail }),
  message_en: translate('en-US', 'error.unexpected', { detail }),
});

describe('a refusal of the API', () => {
  it('keeps its own message over IPC (a structured clone) and over HTTP (JSON)', async () => {
    const refusals = [
      // A SailError from a handler: not found, already exists.
      await refusal('project.open', { path: join(api.dir, '没有.sailreview') }),
      await refusal('project.create', { path: join(api.dir, '已有.sailreview') }),
      // Input the contract refuses.
      await refusal('project.open', { path: 'x'.repeat(5000) }),
    ];
    expect(refusals.map((error) => error.code)).toEqual([
      'project_not_found',
      'project_exists',
      'invalid_input',
    ]);
    for (const error of refusals) {
      const overIpc = structuredClone({ ok: false, error }).error;
      const overHttp = (JSON.parse(JSON.stringify({ ok: false, error })) as { error: unknown })
        .error;
      expect(toUserMessage(overIpc)).toEqual(error);
      expect(toUserMessage(overHttp)).toEqual(error);
      expect(toUserMessage(new SailApiError(error))).toEqual(error);
    }
  });
});

describe('anything else thrown', () => {
  it('says what it was', () => {
    expect(toUserMessage(new TypeError('fetch failed'))).toEqual(unexpected('fetch failed'));
    // As ipcRenderer.invoke rejects when a handler in the main process throws.
    const overIpc = new Error(
      "Error invoking remote method 'shell:pickSavePath': Error: 磁盘未就绪",
    );
    expect(toUserMessage(overIpc)).toEqual(unexpected('Error: 磁盘未就绪'));
    expect(toUserMessage('磁盘已满')).toEqual(unexpected('磁盘已满'));
    expect(toUserMessage(undefined)).toEqual(unexpected('undefined'));
    expect(toUserMessage({ message: '连接中断' })).toEqual(unexpected('连接中断'));
    // Half a message (no English) is not a user message: it is shown whole.
    expect(toUserMessage({ code: 'x', message_zh: '只有中文' })).toEqual(
      unexpected('{"code":"x","message_zh":"只有中文"}'),
    );
  });

  it('is never shown as [object Object]', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const thrown of [{}, cyclic, Object.create(null), [1, 2], { toString: undefined }]) {
      const message = toUserMessage(thrown);
      expect(message.message_zh).not.toContain('[object');
      expect(message.message_en).not.toContain('[object');
    }
  });
});
