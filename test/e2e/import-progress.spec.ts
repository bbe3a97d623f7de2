// A long import in Chromium against the local host: the progress bar moves while the file is
// read, 取消 stops it with nothing written, and the same file then imports to the end. Every wait
// is on a state of the page (timeout 0: as long as the test may run), not on a number of seconds
// that a busy machine can overrun.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { writeBloomCsv } from '../support/big-csv';
import { startTestHost, type TestHost } from './host';
import { answerPathPrompt } from './steps';

// Large enough that reading takes seconds even on a fast machine, so the bar is seen moving
// and 取消 lands while the file is still being read.
const ROWS = 200_000;

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

/**
 * Records each state of the progress bar in the page itself; with `cancel`, presses 取消 there
 * at the first reading between 0 and 100 %, early in the read. From the test, each look at the
 * page is a round trip that takes seconds on a busy machine, by which time the whole file may
 * have been read and the import be past the point where it can stop.
 */
function recordProgress(page: Page, cancel: boolean): Promise<void> {
  return page.evaluate((cancelling) => {
    window.shown = [];
    const observer = new MutationObserver(() => {
      const bar = document.querySelector('[data-testid="task-progress"]');
      if (!bar) return;
      const percent = Number(bar.getAttribute('data-percent'));
      const text = bar.querySelector('[data-testid="task-progress-text"]')?.textContent ?? '';
      const last = window.shown.at(-1);
      if (last?.percent === percent && last.text === text) return;
      window.shown.push({ percent, text });
      if (cancelling && percent > 0 && percent < 100) {
        observer.disconnect();
        bar.querySelector<HTMLButtonElement>('[data-testid="task-cancel"]')?.click();
      }
    });
    observer.observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
    });
  }, cancel);
}

test('an import shows its progress, can be cancelled, and runs again to the end', async ({
  page,
}) => {
  test.slow();
  await page.goto(host.url);
  await page.getByTestId('project-new').click();
  await answerPathPrompt(page, path.join(host.workspace, 'projects', '进度.sailreview'));
  await expect(page.getByTestId('project-name')).toContainText('进度');

  await page.getByTestId('nav-entries').click();
  await page.getByTestId('import-button').click();
  await page.getByTestId('programme-select').getByText('绽放杯').click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-choose-file').click();
  await (await chooser).setFiles(csv);
  await expect(page.getByTestId('mapping-detected')).toBeVisible();
  await recordProgress(page, true);
  await page.getByTestId('mapping-import').click();

  await expect(page.getByTestId('import-cancelled')).toContainText('已取消', { timeout: 0 });
  await expect(page.getByTestId('import-cancelled')).toContainText('未写入任何数据');
  await expect(page.getByTestId('task-progress')).toBeHidden();
  await expect(page.getByTestId('entries-total')).toHaveAttribute('data-total', '0', {
    timeout: 0,
  });

  // The same file again, left to finish.
  await recordProgress(page, false);
  await page.getByTestId('mapping-import').click();
  await expect(page.getByTestId('import-cancelled')).toBeHidden();
  const result = page.getByTestId('import-result');
  await expect(result.getByTestId('import-inserted')).toContainText(/200,?000/, { timeout: 0 });
  const shown = await page.evaluate(() => window.shown);
  // The bar moved, telling bytes of the file and rows read so far, e.g.
  // 正在读取 · 3.2 MB / 28.4 MB · 已读取 17,000 行.
  expect(
    new Set(shown.map((s) => s.percent).filter((p) => p > 0 && p < 100)).size,
  ).toBeGreaterThanOrEqual(2);
  expect(
    shown.some((s) => /^正在读取 · [\d.]+ MB \/ [\d.]+ MB · 已读取 [\d,]+ 行$/.test(s.text)),
  ).toBe(true);
  await expect(result.getByTestId('import-rejected')).toContainText('0');
  await page.getByTestId('import-close').click();
  // After a write the page reloads the list and the duplicate check over every entry; the check
  // runs in parts and does not hold the list back.
  await expect(page.getByTestId('entries-total')).toHaveAttribute('data-total', String(ROWS), {
    timeout: 0,
  });
  await expect(page.getByTestId('entry-row').first()).toHaveAttribute('data-entry-id', 'B0000001');
  await expect(page.getByTestId('duplicates-count')).toHaveAttribute('data-count', /^\d+$/, {
    timeout: 0,
  });
});
