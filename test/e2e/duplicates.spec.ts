// Deciding suspected duplicates in Chromium against the local host: the organiser marks one pair
// "not a duplicate" (it leaves the pairs to decide, and is listed with the note, who and when
// under 已处理), another "the same case" (shown as such in both entries' details), and takes a
// decision back.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startTestHost, type TestHost } from './host';
import { inputOf } from './steps';

const ENTRIES = [
  '项目编号,项目名称,牵头申报单位,赛区或专题',
  'B2025-0001,5G+智慧矿山无人驾驶运输应用,山西焦煤集团有限责任公司,5G+智能采矿',
  'B2025-0002,5G+智慧矿山无人驾驶运输应用项目,山西焦煤集团有限公司,5G+工业互联网',
  'B2025-0003,5G+智能考试应用,重庆交通职业技术学院,5G+数字教育',
  'B2025-0004,5G+智能考试应用系统,重庆交通职业技术学院,5G+数字教育',
].join('\n');

let host: TestHost;

test.beforeAll(async () => {
  host = await startTestHost();
  await host.op('project.create', {
    path: path.join(host.workspace, 'projects', '查重.sailreview'),
  });
  const csv = path.join(host.workspace, 'entries.csv');
  writeFileSync(csv, ENTRIES);
  await host.op('entries.import', { path: csv, programme: 'bloom' });
});

test.afterAll(async () => {
  await host.stop();
});

const pair = (page: Page, a: string) =>
  page.locator(`[data-testid="duplicate-pair"][data-a="${a}"]`);

async function decide(page: Page, a: string, button: string, note: string): Promise<void> {
  await pair(page, a).getByTestId(button).click();
  await page.getByTestId('duplicate-note').fill(note);
  await inputOf(page, 'duplicate-decider').fill('秘书处 王敏');
  await page.getByTestId('duplicate-decide-confirm').click();
  await expect(page.getByTestId('duplicate-note')).toBeHidden();
}

test('pairs are decided, listed as decided with who and when, and taken back', async ({ page }) => {
  await page.goto(host.url);
  await page.getByTestId('nav-entries').click();
  await expect(page.getByTestId('duplicates-count')).toHaveAttribute('data-count', '2');
  await page.getByTestId('entries-view').getByText('疑似重复').click();
  await expect(page.getByTestId('duplicate-pair')).toHaveCount(2);

  // Not a duplicate: the pair leaves the pairs to decide.
  await decide(page, 'B2025-0003', 'duplicate-distinct', '考试系统为二期扩建，另行评审');
  await expect(page.getByTestId('duplicates-count')).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('duplicate-pair')).toHaveCount(1);
  await expect(pair(page, 'B2025-0001')).toHaveAttribute('data-verdict', 'pending');

  // The same case, chosen in the dialog after pressing the other button.
  await pair(page, 'B2025-0001').getByTestId('duplicate-distinct').click();
  await page
    .getByTestId('duplicate-verdict-choice')
    .getByText('同一案例：同一案例重复申报')
    .click();
  await page.getByTestId('duplicate-note').fill('保留 B2025-0001，B2025-0002 撤回');
  await page.getByTestId('duplicate-decide-confirm').click();
  await expect(page.getByTestId('duplicates-count')).toHaveAttribute('data-count', '0');
  await expect(page.getByTestId('duplicates-table')).toBeHidden();
  await expect(page.getByText('所有疑似重复均已处理')).toBeVisible();

  await page.getByTestId('duplicates-view').getByText('已处理').click();
  await expect(page.getByTestId('duplicate-pair')).toHaveCount(2);
  const distinct = pair(page, 'B2025-0003');
  await expect(distinct).toHaveAttribute('data-verdict', 'distinct');
  await expect(distinct.getByTestId('duplicate-verdict')).toHaveText('不是重复');
  await expect(distinct).toContainText('考试系统为二期扩建，另行评审');
  // The name given is remembered for the next decision on this computer.
  await expect(distinct.getByTestId('duplicate-decided-by')).toHaveText(
    /^秘书处 王敏 于 \d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d 判断$/,
  );
  await expect(pair(page, 'B2025-0001').getByTestId('duplicate-verdict')).toHaveText('同一案例');

  // Both entries of the same case say so, and each leads to the other.
  await pair(page, 'B2025-0001')
    .locator('[data-testid="duplicate-entry"][data-entry-id="B2025-0002"]')
    .click();
  const drawer = page.getByTestId('entry-drawer');
  const decisions = drawer.getByTestId('entry-duplicate-decisions');
  await expect(decisions).toContainText('同一案例');
  await expect(decisions).toContainText('保留 B2025-0001，B2025-0002 撤回');
  await decisions.getByTestId('entry-duplicate-other').click();
  await expect(drawer).toContainText('B2025-0001 · 5G+智慧矿山无人驾驶运输应用');
  await expect(decisions.getByTestId('entry-duplicate-other')).toHaveText(
    'B2025-0002 · 5G+智慧矿山无人驾驶运输应用项目',
  );
  await page.keyboard.press('Escape');

  // Taken back: the pair is to decide again.
  await distinct.getByTestId('duplicate-undo').click();
  await page.getByTestId('duplicate-undo-confirm').click();
  await expect(page.getByTestId('duplicates-count')).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('duplicate-pair')).toHaveCount(1);
  await page.getByTestId('duplicates-view').getByText('待处理').click();
  await expect(pair(page, 'B2025-0003')).toHaveAttribute('data-verdict', 'pending');
});
