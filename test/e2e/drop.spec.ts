// Files dragged onto the window, in Chromium against the local host: a file of entries opens the
// import with it (the programme still asked), whatever the screen; a file the app cannot use is
// refused with a message and nothing changes; a project file is not opened from the browser,
// whose copy would be changed instead of the file dropped.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { SAMPLES, startTestHost, type TestHost } from './host';
import { guideShot } from './steps';

let host: TestHost;

test.beforeAll(async () => {
  host = await startTestHost();
  await host.op('project.create', {
    path: path.join(host.workspace, 'projects', '拖放.sailreview'),
    name: '拖放',
  });
});

test.afterAll(async () => {
  await host.stop();
});

/** Holds a file over the window, then lets it go, as the operating system's drag would. */
async function dropFile(page: Page, name: string, bytes: Buffer): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ fileName, base64 }) => {
      const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], fileName));
      return transfer;
    },
    { fileName: name, base64: bytes.toString('base64') },
  );
  await page.locator('.sail-content').dispatchEvent('dragover', { dataTransfer });
  await expect(page.getByTestId('drop-veil')).toBeVisible();
  await page.locator('.sail-content').dispatchEvent('drop', { dataTransfer });
  await expect(page.getByTestId('drop-veil')).toHaveCount(0);
}

test('a file of entries dropped on any screen opens its import; others are refused', async ({
  page,
}) => {
  await page.goto(host.url);
  await expect(page.getByTestId('project-name')).toContainText('拖放');

  await dropFile(page, 'notes.docx', Buffer.from('not a table'));
  await expect(page.locator('.ant-message')).toContainText('无法使用“notes.docx”');
  await dropFile(page, '别人的项目.sailreview', Buffer.from('SQLite format 3\0'));
  await expect(page.locator('.ant-message')).toContainText('浏览器中不能拖入项目文件');

  // Dropped on the overview: the entries screen opens with the import of that file.
  await dropFile(page, '绽放杯申报.csv', readFileSync(path.join(SAMPLES, 'bloom-submissions.csv')));
  await expect(page.getByTestId('import-dropped')).toContainText('绽放杯申报.csv');
  await guideShot(page, 'drop-import');
  await page.getByTestId('programme-select').getByText('绽放杯').click();
  await page.getByTestId('import-dropped-next').click();
  await expect(page.getByTestId('mapping-detected')).toBeVisible();
  await page.getByTestId('mapping-import').click();
  const result = page.getByTestId('import-result');
  await expect(result.getByTestId('import-inserted')).toContainText('300');
  await page.getByTestId('import-close').click();
  await expect(page.getByTestId('entries-total')).toHaveAttribute('data-total', '300');
  // Each entry names the file as it was dropped, not the upload's copy.
  const list = (await host.op('entries.list', { limit: 1 })) as { rows: Array<{ id: number }> };
  const entry = (await host.op('entries.get', { id: list.rows[0]?.id ?? 0 })) as {
    source_file: string;
  };
  expect(entry.source_file).toBe('绽放杯申报.csv');
});
