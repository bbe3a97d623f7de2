// The entries import in the window, in Chromium against the local host: a file with a header
// and no rows is refused with the reason (nothing imported), and the platform's JSON of the
// submissions already imported as CSV is reported as unchanged, with no change listed.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { SAMPLES, startTestHost, type TestHost } from './host';
import { BLOOM_CSV, browserDialogs } from './steps';

let host: TestHost;

// The 300 entries a refusal must leave alone, imported over the host's API: importing them
// through the window is path.spec's (and panel's, and rounds').
test.beforeAll(async () => {
  host = await startTestHost();
  await host.op('project.create', {
    path: path.join(host.workspace, 'projects', '拒绝.sailreview'),
  });
  await host.op('entries.import', { path: BLOOM_CSV, programme: 'bloom' });
});

test.afterAll(async () => {
  await host.stop();
});

/** The import modal from its first step to the preview of a 绽放杯 file. */
async function openImport(page: Page, file: string): Promise<void> {
  await page.getByTestId('import-button').click();
  await page.getByTestId('programme-select').getByText('绽放杯').click();
  await browserDialogs.importFile(page, () => page.getByTestId('import-choose-file').click(), file);
  await expect(page.getByTestId('mapping-table')).toBeVisible();
}

test('a header-only file is refused; the same data as JSON is unchanged', async ({ page }) => {
  await page.goto(host.url);
  await page.getByTestId('nav-entries').click();
  await expect(page.getByTestId('entries-total')).toHaveAttribute('data-total', '300');

  const headerOnly = path.join(host.workspace, '只有表头.csv');
  writeFileSync(headerOnly, '\uFEFF项目编号,项目名称,牵头申报单位\r\n');
  await openImport(page, headerOnly);
  // The refusal as the window receives it (how the window shows an error is not this test's).
  const refused = page.waitForResponse((r) => r.url().endsWith('/api/op/entries.import'));
  await page.getByTestId('mapping-import').click();
  expect(await (await refused).json()).toMatchObject({
    ok: false,
    error: {
      code: 'no_data_rows',
      message_zh: expect.stringContaining('只有表头，没有数据行，未导入任何内容') as unknown,
    },
  });
  await page.screenshot({ path: test.info().outputPath('header-only.png') });
  await expect(page.getByTestId('import-result')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('entries-total')).toHaveAttribute('data-total', '300');

  await openImport(page, path.join(SAMPLES, 'bloom-submissions-platform.json'));
  await page.getByTestId('mapping-import').click();
  const result = page.getByTestId('import-result');
  await expect(result.getByTestId('import-unchanged')).toContainText('60');
  await expect(result.getByTestId('import-updated')).toContainText('0');
  await expect(page.getByTestId('import-changes')).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('json-unchanged.png') });
});
