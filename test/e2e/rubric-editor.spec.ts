// The rubric editor in Chromium against the local host: an organiser copies the factory
// template from the library, changes points while the sum is checked live, reorders criteria,
// previews the scoring form and saves it as the sector's next version.
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startTestHost, type TestHost } from './host';
import { browserDialogs, createProject } from './steps';

let host: TestHost;

test.beforeAll(async () => {
  host = await startTestHost();
});

test.afterAll(async () => {
  await host.stop();
});

const inputOf = (page: Page, testId: string) =>
  page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`);

async function setMax(page: Page, index: number, value: string): Promise<void> {
  const input = inputOf(page, `editor-max-${index}`);
  await input.fill(value);
  await input.blur();
}

test('copy a template, fix its points with the live sum, reorder, preview and save', async ({
  page,
}) => {
  await page.goto(host.url);
  await createProject(
    page,
    browserDialogs,
    path.join(host.workspace, 'projects', '细则.sailreview'),
  );
  await page.getByTestId('nav-rubrics').click();
  await page.getByTestId('rubrics-tab-factory').click();
  const versions = page.getByTestId('rubric-versions-factory');
  await expect(versions.getByTestId('rubric-version-row')).toHaveCount(1);

  await page.getByTestId('rubrics-library').click();
  await page.getByTestId('library-clone-factory').click();
  const editor = page.getByTestId('rubric-editor');
  await expect(editor).toBeVisible();
  const sum = page.getByTestId('editor-sum');
  await expect(sum).toHaveAttribute('data-sum', '100');
  await expect(page.getByTestId('editor-save')).toBeEnabled();

  const firstMax = Number(await inputOf(page, 'editor-max-0').inputValue());
  const secondMax = Number(await inputOf(page, 'editor-max-1').inputValue());
  // Five more points on the first criterion: 105, refused until another gives them back.
  await setMax(page, 0, String(firstMax + 5));
  await expect(sum).toHaveAttribute('data-sum', '105');
  await expect(sum).toContainText('105 / 100');
  await expect(page.getByTestId('editor-save')).toBeDisabled();
  await expect(page.getByTestId('editor-problems')).toContainText(
    '各评分项满分之和应为 100，现为 105',
  );
  await setMax(page, 1, String(secondMax - 5));
  await expect(sum).toHaveAttribute('data-sum', '100');
  await expect(page.getByTestId('editor-problems')).toBeHidden();

  // Move the first criterion down one place.
  const firstKey = await inputOf(page, 'editor-key-0').inputValue();
  const secondKey = await inputOf(page, 'editor-key-1').inputValue();
  await page.getByTestId('editor-down-0').click();
  await expect(inputOf(page, 'editor-key-0')).toHaveValue(secondKey);
  await expect(inputOf(page, 'editor-key-1')).toHaveValue(firstKey);
  await expect(inputOf(page, 'editor-max-1')).toHaveValue(String(firstMax + 5));

  const name = '5G工厂评审细则（本届调整）';
  await inputOf(page, 'editor-name-zh').fill(name);

  // The preview is the scoring form in the new order and points; typing there saves nothing.
  await page.getByTestId('editor-tab-preview').click();
  const preview = page.getByTestId('score-form-preview');
  await expect(preview).toBeVisible();
  await expect(preview.getByTestId('score-form-rubric')).toContainText(name);
  const rows = preview.locator('.sail-criterion-name');
  await expect(rows.nth(1)).toContainText(`满分 ${firstMax + 5}`);
  await inputOf(page, `score-${firstKey}`).fill(String(firstMax + 5));
  await expect(preview.getByTestId('score-total')).toHaveText(String(firstMax + 5));
  await expect(preview.getByTestId('submit-review')).toBeDisabled();

  await page.getByTestId('editor-save').click();
  await expect(page.locator('.ant-message')).toContainText(`已保存「${name}」为第 2 版`);
  await expect(editor).toBeHidden();
  await expect(versions.getByTestId('rubric-version-row')).toHaveCount(2);
  const newest = versions.locator('[data-testid="rubric-version-row"][data-version="2"]');
  await expect(newest).toContainText(name);
  await expect(newest).toContainText('v2');
  await expect(page.getByTestId('rubric-factory')).toContainText(`${firstMax + 5}`);

  // A version nobody uses is edited in place: the version count stays.
  await page.getByTestId('rubric-edit-factory-2').click();
  await expect(page.getByTestId('editor-base')).toContainText('将直接修改第 2 版');
  await inputOf(page, 'editor-name-zh').fill(`${name}·定稿`);
  await page.getByTestId('editor-save').click();
  await expect(page.locator('.ant-message')).toContainText('已更新');
  await expect(versions.getByTestId('rubric-version-row')).toHaveCount(2);
  await expect(newest).toContainText(`${name}·定稿`);
});
