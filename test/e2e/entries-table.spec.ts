// The entry table in Chromium against the local host: filters by province and track beside the
// search and a sort, and a column of the imported file (联系人) shown from the source rows.
// Expected values are read from the sample file itself.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import Papa from 'papaparse';
import { startTestHost, type TestHost } from './host';
import { BLOOM_CSV, choose, inputOf } from './steps';

type Row = Record<string, string>;
let host: TestHost;
const rows = Papa.parse<Row>(readFileSync(BLOOM_CSV, 'utf8').replace(/^\uFEFF/, ''), {
  header: true,
  skipEmptyLines: true,
}).data;

test.beforeAll(async () => {
  host = await startTestHost();
  await host.op('project.create', {
    path: path.join(host.workspace, 'projects', '列表.sailreview'),
  });
  await host.op('entries.import', { path: BLOOM_CSV, programme: 'bloom' });
});

test.afterAll(async () => {
  await host.stop();
});

const total = (page: Page) => page.getByTestId('entries-total');

test('entries are filtered by province and track and show a column of the imported file', async ({
  page,
}) => {
  await page.goto(host.url);
  await page.getByTestId('nav-entries').click();
  await expect(total(page)).toHaveAttribute('data-total', String(rows.length));

  // Two provinces, then a track: each narrows the list to what the file holds.
  const [first, second] = ['江苏省', '浙江省'];
  await choose(page, page.getByTestId('entries-province'), first);
  await choose(page, page.getByTestId('entries-province'), second);
  await page.keyboard.press('Escape');
  const inProvinces = rows.filter((row) => row['省份'] === first || row['省份'] === second);
  await expect(total(page)).toHaveAttribute('data-total', String(inProvinces.length));
  const track = inProvinces[0]?.['赛区或专题'] ?? '';
  await choose(page, page.getByTestId('entries-track'), track);
  await page.keyboard.press('Escape');
  const filtered = inProvinces.filter((row) => row['赛区或专题'] === track);
  await expect(total(page)).toHaveAttribute('data-total', String(filtered.length));

  // Search and sort keep working within the filters (ids in lower case too).
  const byTitle = [...filtered].sort((a, b) =>
    (a['项目名称'] ?? '') < (b['项目名称'] ?? '') ? -1 : 1,
  );
  await page.getByTestId('entries-sort-title').click();
  await expect(page.getByTestId('entry-row').first()).toHaveAttribute(
    'data-entry-id',
    byTitle[0]?.['项目编号'] ?? '',
  );
  const one = filtered[0]?.['项目编号'] ?? '';
  await inputOf(page, 'entries-search').fill(one.toLowerCase());
  await expect(total(page)).toHaveAttribute('data-total', '1');

  // 联系人, a column of the file no listed field shows, as a column of the table.
  await page.getByTestId('entries-columns').click();
  await page.locator('[data-testid="entries-source-column"][data-column="联系人"]').click();
  await page.keyboard.press('Escape');
  await expect(
    page.locator('[data-testid="entries-source-header"][data-column="联系人"]'),
  ).toBeVisible();
  const row = page.locator(`[data-testid="entry-row"][data-entry-id="${one}"]`);
  await expect(row.locator('[data-column="source:联系人"]')).toHaveText(
    filtered[0]?.['联系人'] ?? '',
  );

  // Cleared, the filters give every entry back; the chosen column stays.
  await inputOf(page, 'entries-search').fill('');
  await page.getByTestId('entries-province').hover();
  await page.getByTestId('entries-province').locator('.ant-select-clear').click();
  await page.getByTestId('entries-track').hover();
  await page.getByTestId('entries-track').locator('.ant-select-clear').click();
  await expect(total(page)).toHaveAttribute('data-total', String(rows.length));
  await expect(
    page.locator('[data-testid="entries-source-header"][data-column="联系人"]'),
  ).toBeVisible();
});
