// Closing the project while a PDF export waits for its printer, in Chromium against the local
// host: the window says a task is running and which; the export then completes with its record.
// The host prints through a stand-in for Chromium that starts the real one only once the test
// has seen the refusal.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { findChromium } from '../../electron/io/export/chromium-printer';
import { ROUND, scoredRound } from '../io/export-fixture';
import { startTestHost, type TestHost } from './host';
import { choose, REVIEWERS_CSV } from './steps';

let host: TestHost;
let stub: string;
let release: string;

test.beforeAll(async () => {
  stub = mkdtempSync(path.join(os.tmpdir(), 'sail-held-chromium-'));
  release = path.join(stub, 'release');
  const chromium = path.join(stub, 'chromium');
  writeFileSync(
    chromium,
    `#!/bin/sh\nwhile [ ! -e '${release}' ]; do sleep 0.05; done\nexec '${findChromium()}' "$@"\n`,
  );
  chmodSync(chromium, 0o755);
  host = await startTestHost({ env: { SAIL_CHROMIUM: chromium } });
  await scoredRound(
    { dir: host.workspace, ok: (name, input) => host.op(name, input) as never },
    12,
    REVIEWERS_CSV,
  );
});

test.afterAll(async () => {
  await host.stop();
  rmSync(stub, { recursive: true, force: true });
});

test('a project is not closed under a running PDF export', async ({ page }) => {
  await page.goto(host.url);
  await choose(page, page.getByTestId('round-select'), ROUND);
  await page.getByTestId('nav-export').click();
  await expect(page.getByTestId('export-preview-count')).toHaveAttribute('data-rows', '12');
  await page.getByTestId('export-button').click();
  await expect(page.getByTestId('task-progress')).toBeVisible();

  await page.getByTestId('project-close').click();
  const refusal = page.locator('.ant-notification-notice');
  await expect(refusal).toContainText(
    `有任务正在进行：导出排名（${ROUND}-排名.pdf）；请等它完成或取消它，再关闭项目。`,
  );
  // Still open, still exporting.
  await expect(page.getByTestId('project-name')).toBeVisible();

  writeFileSync(release, '');
  await expect(page.getByTestId('export-result')).toBeVisible({ timeout: 60_000 });
  const written = (await page.getByTestId('export-path').textContent())?.trim() ?? '';
  await expect(page.getByTestId('export-history')).toContainText(path.basename(written));
  expect(await host.op('export.verify', { path: written })).toMatchObject({
    ok: true,
    audited: true,
  });

  // The refusal sits over the close button: dismiss it, then close.
  await refusal.locator('.ant-notification-notice-close').click();
  await expect(refusal).toHaveCount(0);
  await page.getByTestId('project-close').click();
  await expect(page.getByTestId('project-new')).toBeVisible();
});
