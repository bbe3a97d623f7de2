// Importing a file whose headers detection cannot map, in Chromium against the local host: the
// organiser maps the columns by drop-down, imports, saves the rejected rows as a CSV, fixes them
// and imports that file, which opens with the saved mapping and reports what changed.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import Papa from 'papaparse';
import { REPO_ROOT, startTestHost, type TestHost } from './host';
import { browserDialogs, choose, createProject, guideShot } from './steps';

const MANUAL_CSV = path.join(REPO_ROOT, 'test', 'fixtures', 'import', 'manual-mapping.csv');

let host: TestHost;

test.beforeAll(async () => {
  host = await startTestHost();
});

test.afterAll(async () => {
  await host.stop();
});

/** From the import modal's first step: a 绽放杯 file, up to its preview. */
async function chooseFile(page: Page, file: string): Promise<void> {
  await page.getByTestId('programme-select').getByText('绽放杯').click();
  await browserDialogs.importFile(page, () => page.getByTestId('import-choose-file').click(), file);
  await expect(page.getByTestId('mapping-table')).toBeVisible();
}

test('map columns by hand, export the rejected rows, fix and re-import them', async ({ page }) => {
  await page.goto(host.url);
  await createProject(
    page,
    browserDialogs,
    path.join(host.workspace, 'projects', '手工映射.sailreview'),
  );
  await page.getByTestId('nav-entries').click();

  // 编号 is recognised; 名字 and 单位 are not, so the import waits for them.
  await page.getByTestId('import-button').click();
  await chooseFile(page, MANUAL_CSV);
  await expect(page.getByTestId('mapping-detected')).toBeVisible();
  await expect(page.getByTestId('mapping-table')).toContainText('5G智慧港口调度');
  await expect(page.getByTestId('mapping-field-0')).toContainText('编号');
  await expect(page.getByTestId('mapping-missing')).toContainText('项目名称');
  await expect(page.getByTestId('mapping-import')).toBeDisabled();
  await guideShot(page, 'import-mapping');
  await expect(page.getByTestId('required-title')).toHaveAttribute('data-mapped', 'false');

  await choose(page, page.getByTestId('mapping-field-1'), '项目名称');
  await choose(page, page.getByTestId('mapping-field-2'), '牵头申报单位');
  await expect(page.getByTestId('mapping-missing')).toBeHidden();
  await expect(page.getByTestId('required-applicant')).toHaveAttribute('data-mapped', 'true');
  await page.getByTestId('mapping-import').click();

  const result = page.getByTestId('import-result');
  await expect(result.getByTestId('import-inserted')).toContainText('2');
  await expect(result.getByTestId('import-rejected')).toContainText('2');
  await expect(page.getByTestId('rejections-table')).toContainText('牵头申报单位为空');

  await page.getByTestId('export-rejected').click();
  const written = (await page.getByTestId('rejected-path').textContent())?.trim() ?? '';
  expect(path.basename(written)).toBe('manual-mapping-被拒绝的行.csv');
  const text = readFileSync(written, 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  const rows = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
  expect(rows[0]).toEqual(['编号', '名字', '单位', '备注', '错误原因', 'error']);
  expect(rows.slice(1).map((row) => row[0])).toEqual(['M-002', 'M-003']);
  expect(rows[1]?.slice(4)).toEqual(['牵头申报单位为空', 'Applicant is empty']);

  // Fixed in a spreadsheet: the applicant filled in, the second submission renumbered, and one
  // more row that renames an entry already imported.
  rows[1]![2] = '乙港务集团';
  rows[2]![0] = 'M-004';
  rows.push(['M-001', '5G智慧工厂示范（二期）', '甲制造有限公司', '首批', '', '']);
  const fixed = path.join(host.workspace, '已改正.csv');
  writeFileSync(fixed, `\uFEFF${Papa.unparse(rows)}\r\n`);
  await page.getByTestId('import-again').click();

  await chooseFile(page, fixed);
  await expect(page.getByTestId('mapping-saved')).toBeVisible();
  await expect(page.getByTestId('mapping-field-1')).toContainText('项目名称');
  await page.getByTestId('mapping-import').click();
  await expect(result.getByTestId('import-inserted')).toContainText('2');
  await expect(result.getByTestId('import-updated')).toContainText('1');
  await expect(result.getByTestId('import-rejected')).toContainText('0');
  const change = page.locator('[data-testid="change-row"][data-entry-id="M-001"]');
  await expect(change).toContainText('项目名称');
  await expect(change).toContainText('5G智慧工厂示范（二期）');
  await page.getByTestId('import-close').click();
  await expect(page.getByTestId('entries-total')).toHaveAttribute('data-total', '4');
});
