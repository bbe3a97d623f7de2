// Every way an operation can fail reaches the person as its own message, in the language the
// window is in: a refusal of a handler (not found, already exists, name taken), input the
// contract refuses, a host that is gone or answers with something that is not a Result, and an
// unexpected internal error. Each expected message comes from the API (or the window's message
// files for failures that never reached it), not from a copy; "[object Object]" never shows.
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { HOST_TOKEN_HEADER } from '../../electron/api/channels';
import { toUserMessage as internalError } from '../../electron/api/dispatch';
import type { Result } from '../../electron/api/result';
import type { UserMessage } from '../../electron/core/errors';
import { translate, type Lang } from '../../renderer/src/shared/i18n';
import { startTestHost, type TestHost } from './host';
import { answerPathPrompt, BLOOM_CSV } from './steps';

let host: TestHost;

test.beforeAll(async () => {
  host = await startTestHost();
});

test.afterAll(async () => {
  await host.stop();
});

const projectPath = (name: string) => path.join(host.workspace, 'projects', name);

/** Runs an operation the window is about to run, and returns how the API refuses it. */
async function refusal(name: string, input: unknown): Promise<UserMessage> {
  const response = await fetch(`${host.origin}/api/op/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [HOST_TOKEN_HEADER]: host.token },
    body: JSON.stringify(input),
  });
  const result = (await response.json()) as Result<unknown>;
  if (result.ok) throw new Error(`${name} was not refused`);
  return result.error;
}

/** One of the window's own messages (for failures that never reached the API). */
const windowMessage = (code: string, key: 'error.network' | 'error.host', status?: number) => ({
  code,
  message_zh: translate('zh-CN', key, status === undefined ? undefined : { status }),
  message_en: translate('en-US', key, status === undefined ? undefined : { status }),
});

/** The error notification shows exactly this message, and nothing shows "[object Object]". */
async function expectShown(page: Page, error: UserMessage, lang: Lang = 'zh-CN'): Promise<void> {
  const text = lang === 'zh-CN' ? error.message_zh : error.message_en;
  const notice = page
    .locator('.ant-notification-notice')
    .filter({ has: page.getByText(text, { exact: true }) });
  await expect(notice).toHaveCount(1);
  await expect(notice.locator('.ant-notification-notice-description')).toHaveText(text);
  await expect(page.locator('body')).not.toContainText('[object Object]');
  // Closed, so that the next failure's notification is the only one.
  await notice.locator('.ant-notification-notice-close').click();
  await expect(notice).toHaveCount(0);
}

async function openByPath(page: Page, file: string): Promise<void> {
  await page.getByTestId('project-open').click();
  await answerPathPrompt(page, file);
}

test('opening or creating a project: each refusal in its own words, in both languages', async ({
  page,
}) => {
  const existing = projectPath('已有项目.sailreview');
  await host.op('project.create', { path: existing });
  await host.op('project.close', {});
  await page.goto(host.url);
  // The start screen has asked the host for its workspace: the path prompts can open.
  await expect(page.locator('.sail-start-note')).toContainText(host.workspace);

  const missing = projectPath('不存在.sailreview');
  await openByPath(page, missing);
  await expectShown(page, await refusal('project.open', { path: missing }));

  await page.getByTestId('project-new').click();
  await answerPathPrompt(page, existing);
  await expectShown(page, await refusal('project.create', { path: existing }));

  // A path longer than the contract takes is refused by its schema.
  const overlong = projectPath(`${'长'.repeat(4100)}.sailreview`);
  await openByPath(page, overlong);
  const invalid = await refusal('project.open', { path: overlong });
  expect(invalid.code).toBe('invalid_input');
  await expectShown(page, invalid);

  await page.getByTestId('lang-switch').getByText('EN').click();
  await openByPath(page, missing);
  await expectShown(page, await refusal('project.open', { path: missing }), 'en-US');
  await expect(page.getByTestId('project-name')).toHaveCount(0);
});

test('creating a round: a taken name, a reply that is not a Result, an internal error', async ({
  page,
}) => {
  await host.op('project.create', { path: projectPath('批次.sailreview') });
  await host.op('entries.import', { path: BLOOM_CSV, programme: 'bloom' });
  const taken = { name: '初赛第一批', programme: 'bloom', stage: '初赛' };
  await host.op('rounds.create', taken);
  await page.goto(host.url);
  await expect(page.getByTestId('project-name')).toContainText('批次');

  const submitRound = async () => {
    await page.getByTestId('round-submit').click();
  };
  await page.getByTestId('nav-rounds').click();
  await page.getByTestId('rounds-create').click();
  await page.getByTestId('round-name').fill(taken.name);
  await page.getByTestId('round-programme').getByText('绽放杯').click();
  await expect(page.getByTestId('round-preview-count')).toHaveAttribute('data-count', '300');
  await submitRound();
  await expectShown(page, await refusal('rounds.create', taken));
  // Refused: the dialog stays open with what was typed.
  await expect(page.getByTestId('round-name')).toHaveValue(taken.name);

  // Something between the window and the host answers with a page instead of a Result.
  await page.route('**/api/op/rounds.create', (route) =>
    route.fulfill({ status: 502, contentType: 'text/html', body: '<h1>Bad Gateway</h1>' }),
  );
  await submitRound();
  await expectShown(page, windowMessage('host', 'error.host', 502));
  await page.unroute('**/api/op/rounds.create');

  // A handler fails in a way nobody foresaw: the API reports it as an internal error.
  const internal = internalError(new Error('SQLITE_BUSY: database is locked'));
  await page.route('**/api/op/rounds.create', (route) =>
    route.fulfill({ json: { ok: false, error: internal } }),
  );
  await submitRound();
  await expectShown(page, internal);
  await page.unroute('**/api/op/rounds.create');
});

test('a host that has gone away is named as such', async ({ page }) => {
  const gone = await startTestHost();
  try {
    await page.goto(gone.url);
    await expect(page.locator('.sail-start-note')).toContainText(gone.workspace);
  } finally {
    await gone.stop();
  }
  await openByPath(page, path.join(gone.workspace, 'projects', '项目.sailreview'));
  await expectShown(page, windowMessage('network', 'error.network'));
});
