// A long import in Chromium against the local host: the progress bar moves while the file is
// read, 取消 stops it with nothing written, and the same file then imports to the end.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { writeBloomCsv } from '../support/big-csv';
import { startTestHost, type TestHost } from './host';

// Large enough that reading takes seconds even on a fast machine, so the bar is seen moving
// before 取消 is pressed.
const ROWS = 300_000;

let host: TestHost;
let csv: string;

test.beforeAll(async () => {
  host = await startTestHost();
  csv = path.join(host.workspace, '大批量申报.csv');
  await writeBloomCsv(csv, ROWS);
});

test.afterAll(async () => {
  rmSync(csv, { force: true });
  await host.stop();
});

declare global {
  interface Window {
    /** What the progress bar showed, recorded in the page as it changed. */
    shown: Array<{ percent: number; text: string }>;
  }
}

/** Records each state of the progress bar in the page itself, with no round trip per reading. */
function recordProgress(page: Page): Promise<void> {
  return page.evaluate(() => {
    window.shown = [];
    new MutationObserver(() => {
      const bar = document.querySelector('[data-testid="task-progress"]');
      if (!bar) return;
      window.shown.push({
        percent: Number(bar.getAttribute('data-percent')),
        text: bar.querySelector('[data-testid="task-progress-text"]')?.textContent ?? '',
      });
    }).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
    });
  });
}

test('an import shows its progress, can be cancelled, and runs again to the end', async ({
  page,
}) => {
  test.slow();
  await page.goto(host.url);
  await page.getByTestId('project-new').click();
  await page
    .getByTestId('path-prompt-input')
    .fill(path.join(host.workspace, 'projects', '进度.sailreview'));
  await page.getByTestId('path-prompt-ok').click();
  await expect(page.getByTestId('project-name')).toContainText('进度');

  await page.getByTestId('nav-entries').click();
  await page.getByTestId('import-button').click();
  await page.getByTestId('programme-select').getByText('绽放杯').click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-choose-file').click();
  await (await chooser).setFiles(csv);
  await expect(page.getByTestId('mapping-detected')).toBeVisible();
  await recordProgress(page);
  await page.getByTestId('mapping-import').click();

  // The bar moves: two different readings between 0 and 100 %, then 取消 at once, well before
  // the file is read to the end.
  await page.waitForFunction(
    () => new Set(window.shown.map((s) => s.percent).filter((p) => p > 0 && p < 100)).size >= 2,
    null,
    { polling: 20 },
  );
  await page.getByTestId('task-cancel').click();
  const shown = await page.evaluate(() => window.shown);
  // Bytes of the file and rows read so far, e.g. 正在读取 · 3.2 MB / 56.6 MB · 已读取 17,000 行.
  expect(
    shown.some((s) => /^正在读取 · [\d.]+ MB \/ [\d.]+ MB · 已读取 [\d,]+ 行$/.test(s.text)),
  ).toBe(true);
  const progress = page.getByTestId('task-progress');
  await expect(page.getByTestId('import-cancelled')).toContainText('已取消');
  await expect(page.getByTestId('import-cancelled')).toContainText('未写入任何数据');
  await expect(progress).toBeHidden();
  await expect(page.getByTestId('entries-total')).toHaveAttribute('data-total', '0');

  // The same file again, left to finish.
  await page.getByTestId('mapping-import').click();
  await expect(page.getByTestId('import-cancelled')).toBeHidden();
  const result = page.getByTestId('import-result');
  await expect(result.getByTestId('import-inserted')).toContainText(/300,?000/, {
    timeout: 90_000,
  });
  await expect(result.getByTestId('import-rejected')).toContainText('0');
  await page.getByTestId('import-close').click();
  await expect(page.getByTestId('entries-total')).toHaveAttribute('data-total', String(ROWS));
});
