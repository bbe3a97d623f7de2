// Rounds in Chromium against the local host: an organiser creates a 绽放杯 round by track and
// another from a pasted id list, starts one, locks it, sees a locked round refuse a score, and
// reopens it with a reason that the round's history keeps.
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startTestHost, type TestHost } from './host';
import {
  browserDialogs,
  choose,
  createProject,
  GENERIC_SCORES,
  importBloomEntries,
  importReviewers,
} from './steps';

let host: TestHost;

test.beforeAll(async () => {
  host = await startTestHost();
});

test.afterAll(async () => {
  await host.stop();
});

async function openCreate(page: Page, name: string): Promise<void> {
  await page.getByTestId('nav-rounds').click();
  await page.getByTestId('rounds-create').click();
  await page.getByTestId('round-name').fill(name);
  await page.getByTestId('round-programme').getByText('绽放杯').click();
}

const status = (page: Page) => page.getByTestId('round-status');

test('create rounds by track and by list, start, lock and reopen with a reason', async ({
  page,
}) => {
  test.slow();
  await page.goto(host.url);
  await createProject(
    page,
    browserDialogs,
    path.join(host.workspace, 'projects', '批次.sailreview'),
  );
  await importBloomEntries(page, browserDialogs);
  await importReviewers(page, browserDialogs);

  // By list: the preview names the id that matches nothing.
  await openCreate(page, '复赛名单');
  await page.getByTestId('round-mode').getByText('按编号清单').click();
  await page.getByTestId('round-ids').fill('B2025-0001\nB2025-0002\nB2099-9999');
  await expect(page.getByTestId('round-preview-count')).toHaveAttribute('data-count', '2');
  await expect(page.getByTestId('round-missing-ids')).toContainText('B2099-9999');
  await page.getByTestId('round-submit').click();
  await expect(page.getByTestId('rounds-table')).toContainText('复赛名单');

  // By track: the count follows the filter; every sector pins the generic rubric by default.
  await openCreate(page, '初赛·工业互联网');
  await page.getByTestId('round-stage').getByText('初赛').click();
  await expect(page.getByTestId('round-preview-count')).toHaveAttribute('data-count', '300');
  await choose(page, page.getByTestId('round-tracks'), '工业互联网');
  await expect(page.getByTestId('round-preview-count')).not.toHaveAttribute('data-count', '300');
  const count = await page.getByTestId('round-preview-count').getAttribute('data-count');
  await expect(page.getByTestId('round-form-pins')).toContainText(
    '绽放杯5G应用征集大赛通用评审细则',
  );
  await page.getByRole('spinbutton', { name: /最少/ }).fill('1');
  await page.getByTestId('round-submit').click();
  const detail = page.getByTestId('round-detail');
  await expect(detail).toContainText('初赛·工业互联网');
  await expect(detail).toContainText(`${count}`);
  await expect(status(page)).toHaveAttribute('data-status', 'setup');
  await expect(page.getByTestId('round-pins')).toContainText('v1');

  // Settings change in setup only.
  await page.getByTestId('round-edit-settings').click();
  await page.getByRole('spinbutton', { name: /分歧/ }).fill('15');
  await page.getByTestId('round-settings-save').click();
  await expect(page.getByTestId('round-settings')).toContainText('分歧阈值 15 分');

  await page.getByTestId('round-start').click();
  await page.getByTestId('round-start-confirm').click();
  await expect(status(page)).toHaveAttribute('data-status', 'scoring');
  await expect(page.getByTestId('round-edit-settings')).toBeHidden();

  await page.getByTestId('round-lock').click();
  await page.getByTestId('round-lock-confirm').click();
  await expect(status(page)).toHaveAttribute('data-status', 'locked');

  // A locked round refuses a score, saying how to reopen it.
  await choose(page, page.getByTestId('reviewer-select'), 'EXP001');
  await page.getByTestId('nav-scoring').click();
  const [key, value] = GENERIC_SCORES[0];
  const score = page.locator(`input[data-testid="score-${key}"]`);
  await score.fill(value);
  const saveState = page.getByTestId('save-state');
  await expect(saveState).toHaveAttribute('data-state', 'error');
  await expect(saveState).toContainText('已锁定');
  await expect(saveState).toContainText('重新开放');

  await page.getByTestId('nav-rounds').click();
  await page.getByTestId('round-reopen').click();
  await expect(page.getByTestId('round-reopen-confirm')).toBeDisabled();
  await page.getByTestId('round-reopen-reason').fill('专家 EXP001 补录评分');
  await page.getByTestId('round-reopen-confirm').click();
  await expect(status(page)).toHaveAttribute('data-status', 'scoring');
  const history = page.getByTestId('round-history');
  await expect(history.getByTestId('round-event')).toHaveCount(5);
  await expect(history).toContainText('重新开放，原因：专家 EXP001 补录评分');

  // The pinned version now shows which round uses it.
  await page.getByTestId('nav-rubrics').click();
  await expect(page.getByTestId('rubric-badges-generic-1')).toContainText('初赛·工业互联网');
});
