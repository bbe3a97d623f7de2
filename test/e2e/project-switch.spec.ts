// Closing the project while a PDF export waits for its printer, in Chromium against the local
// host: the window says which task runs and asks whether to wait for it or cancel it; waiting,
// the export completes with its record before the project closes; cancelling, it leaves none.
// The host prints through a stand-in for Chromium that starts the real one only once the test
// has seen the refusal.
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { findChromium } from '../../electron/io/export/chromium-printer';
import { ROUND, scoredRound } from '../io/export-fixture';
import { startTestHost, type TestHost } from './host';
import { choose, REVIEWERS_CSV } from './steps';

let host: TestHost;
let stub: string;
let release: string;
let project: string;

test.beforeAll(async () => {
  stub = mkdtempSync(path.join(os.tmpdir(), 'sail-held-chromium-'));
  release = path.join(stub, 'release');
  const chromium = path.join(stub, 'chromium');
  writeFileSync(
    chromium,
    // A stand-in still waiting when its folder is removed (a cancelled export's) ends with it.
    `#!/bin/sh\nwhile [ ! -e '${release}' ]; do [ -d '${stub}' ] || exit 1; sleep 0.05; done\nexec '${findChromium()}' "$@"\n`,
  );
  chmodSync(chromium, 0o755);
  host = await startTestHost({ env: { SAIL_CHROMIUM: chromium } });
  project = await scoredRound(
    { dir: host.workspace, ok: (name, input) => host.op(name, input) as never },
    12,
    REVIEWERS_CSV,
  );
});

test.afterAll(async () => {
  await host.stop();
  rmSync(stub, { recursive: true, force: true });
});

/**
 * Starts a PDF export that waits for its printer (beside the one an earlier test left, if any),
 * then asks to close the project; gives the question and the export's file name.
 */
async function closeDuringExport(page: Page): Promise<{ question: Locator; file: string }> {
  const taken = existsSync(path.join(host.workspace, 'exports', `${ROUND}-排名.pdf`));
  const file = taken ? `${ROUND}-排名 (2).pdf` : `${ROUND}-排名.pdf`;
  await page.goto(host.url);
  await choose(page, page.getByTestId('round-select'), ROUND);
  await page.getByTestId('nav-export').click();
  await expect(page.getByTestId('export-preview-count')).toHaveAttribute('data-rows', '12');
  await page.getByTestId('export-button').click();
  if (taken) await page.getByTestId('export-keep-both').click();
  await expect(page.getByTestId('task-progress')).toBeVisible();

  await page.getByTestId('project-close').click();
  const question = page.locator('.ant-modal-confirm');
  await expect(question).toContainText('等待任务完成，还是取消它？');
  await expect(question).toContainText(
    `有任务正在进行：导出排名（${file}）；请等它完成或取消它，再关闭项目。`,
  );
  return { question, file };
}

test('closing under a running PDF export waits for it, then closes', async ({ page }) => {
  const { question, file } = await closeDuringExport(page);
  await question.getByTestId('switch-wait').click();
  await expect(question).toHaveCount(0);
  // Still open, still exporting, until the printer is done.
  await expect(page.getByTestId('project-name')).toBeVisible();
  await expect(page.getByTestId('task-progress')).toBeVisible();

  writeFileSync(release, '');
  await expect(page.getByTestId('project-new')).toBeVisible({ timeout: 60_000 });
  // The export finished on the project it started on, with its record.
  await host.op('project.open', { path: project });
  const pdf = path.join(host.workspace, 'exports', file);
  expect(await host.op('export.verify', { path: pdf })).toMatchObject({ ok: true, audited: true });
});

test('closing under a running PDF export can cancel it first', async ({ page }) => {
  rmSync(release, { force: true });
  const before = (await host.op('export.list', { round: ROUND })) as unknown[];
  const { question, file } = await closeDuringExport(page);
  await question.getByTestId('switch-cancel-task').click();
  await expect(page.getByTestId('project-new')).toBeVisible({ timeout: 60_000 });
  // Cancelled before its file was in place: no new file, no new record.
  await host.op('project.open', { path: project });
  expect(await host.op('export.list', { round: ROUND })).toEqual(before);
  expect(existsSync(path.join(host.workspace, 'exports', file))).toBe(false);
});
