// The export page in Chromium against the local host: a scored round, a shortlist rule, the
// preview (rows and the PDF's layout), the export, and its record in the history.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { OperationInput, OperationName, OperationOutput } from '../../electron/api/contract';
import type { Result } from '../../electron/api/result';
import { ROUND, scoredRound } from '../io/export-fixture';
import { opInPage, startTestHost, type TestHost } from './host';
import { choose, guideShot, REVIEWERS_CSV } from './steps';

let host: TestHost;

test.beforeAll(async () => {
  host = await startTestHost();
});

test.afterAll(async () => {
  await host.stop();
});

/** The operations as the page itself calls them (same origin), to set the round up quickly. */
function pageApi(page: Page, dir: string) {
  return {
    dir,
    ok: async <N extends OperationName>(name: N, input: OperationInput<N>) => {
      const typed = (await opInPage(page, name, input)) as Result<OperationOutput<N>>;
      if (!typed.ok) throw new Error(`${name}: ${typed.error.message_en}`);
      return typed.value;
    },
  };
}

test('previews a shortlist, exports it as PDF and records the export', async ({ page }) => {
  test.slow();
  await page.goto(host.url);
  await scoredRound(pageApi(page, path.join(host.workspace, 'uploads')), 40, REVIEWERS_CSV);
  await page.reload();
  await choose(page, page.getByTestId('round-select'), ROUND);
  await page.getByTestId('nav-export').click();

  const count = page.getByTestId('export-preview-count');
  await expect(count).toHaveAttribute('data-rows', '40');
  await choose(page, page.getByTestId('export-rule'), '前 N 名');
  // antd puts the test id on the <input> itself.
  await page.locator('input[data-testid="export-rule-value"]').fill('5');
  await expect(count).not.toHaveAttribute('data-rows', '40');
  const shortlisted = Number(await count.getAttribute('data-rows'));
  expect(shortlisted).toBeGreaterThanOrEqual(5);
  expect(shortlisted).toBeLessThan(40);

  // The PDF's own HTML, with its embedded font, in a frame.
  const frame = page.frameLocator('[data-testid="export-preview-frame"]');
  await expect(frame.locator('h1')).toHaveText('评审结果排名表');
  await expect(frame.locator('table.ranking tbody tr')).toHaveCount(shortlisted);
  await expect(frame.locator('.signatures')).toContainText('组织单位负责人');
  await guideShot(page, 'export');

  await page.getByTestId('export-button').click();
  const result = page.getByTestId('export-result');
  await expect(result).toBeVisible({ timeout: 60_000 });
  const written = (await page.getByTestId('export-path').textContent())?.trim() ?? '';
  expect(written).toMatch(/\.pdf$/);
  expect(readFileSync(written).subarray(0, 5).toString()).toBe('%PDF-');
  await expect(result).toContainText(String(shortlisted));
  const sha = (await page.getByTestId('export-sha256').textContent())?.trim() ?? '';
  await expect(page.getByTestId('export-history')).toContainText(path.basename(written));
  await expect(page.getByTestId('export-history')).toContainText(sha.slice(0, 12));
  // What the file holds: the PDF's kind, scope, method and rule.
  await expect(page.getByTestId('export-history-content').first()).toHaveText(
    '排名表（含签字栏） · 总排名（跨领域） · 算术平均 · 前 5 名',
  );

  // The overview lists the project's latest exports too, with their round.
  await page.getByTestId('nav-overview').click();
  const recent = page.getByTestId('export-history');
  await expect(recent).toContainText(path.basename(written));
  await expect(recent).toContainText(sha.slice(0, 12));
});

test('asks before a repeated export replaces the earlier file', async ({ page }) => {
  await page.goto(host.url);
  const dir = path.join(host.workspace, 'repeat');
  mkdirSync(dir, { recursive: true });
  await scoredRound(pageApi(page, dir), 12, REVIEWERS_CSV);
  await page.reload();
  await choose(page, page.getByTestId('round-select'), ROUND);
  await page.getByTestId('nav-export').click();
  await page.getByTestId('export-format').getByText('CSV', { exact: true }).click();
  await expect(page.getByTestId('export-preview-count')).toHaveAttribute('data-rows', '12');
  const history = page.getByTestId('export-history-content');

  await page.getByTestId('export-button').click();
  await expect(page.getByTestId('export-result')).toBeVisible();
  const file = (await page.getByTestId('export-path').textContent())?.trim() ?? '';
  expect(file).toMatch(/\.csv$/);
  const exported = readFileSync(file);
  await expect(history).toHaveCount(1);
  // Since then the file was changed, as a person might have done.
  const earlier = Buffer.from('an earlier export, kept by the organiser');
  writeFileSync(file, earlier);

  // Asked, naming the file and its folder; cancelling leaves it byte for byte.
  const question = page.getByRole('dialog').filter({ hasText: '替换已有文件？' });
  await page.getByTestId('export-button').click();
  await expect(question).toContainText(path.basename(file));
  await expect(question).toContainText(path.dirname(file));
  await question.getByTestId('export-replace-cancel').click();
  await expect(question).toHaveCount(0);
  await expect(page.getByTestId('export-button')).not.toHaveClass(/loading/);
  expect(readFileSync(file).equals(earlier)).toBe(true);
  await expect(history).toHaveCount(1);
  await expect(page.locator('.ant-notification-notice')).toHaveCount(0);

  // Replacing writes this export in its place, and says so.
  await page.getByTestId('export-button').click();
  await question.getByTestId('export-replace-confirm').click();
  await expect(history).toHaveCount(2);
  await expect(page.getByTestId('export-result')).toContainText(
    `已替换原有文件 ${path.basename(file)}`,
  );
  expect(readFileSync(file).equals(exported)).toBe(true);

  // Keeping both writes this export beside it, under the next free number.
  writeFileSync(file, earlier);
  await page.getByTestId('export-button').click();
  await question.getByTestId('export-keep-both').click();
  await expect(history).toHaveCount(3);
  const beside = file.replace(/\.csv$/, ' (2).csv');
  await expect(page.getByTestId('export-path')).toHaveText(beside);
  await expect(page.getByTestId('export-result')).not.toContainText('已替换');
  expect(readFileSync(beside).equals(exported)).toBe(true);
  expect(readFileSync(file).equals(earlier)).toBe(true);
});
