// The rubric editor in Chromium against the local host, as an organiser uses it: copy a template,
// change points with the live sum, rescale the guides to the new points, reorder, add and remove
// criteria and gates, order the tie-break, preview the scoring form and save as the sector's
// next version; export and import JSON (a bad file says why in Chinese); and closing with
// unsaved changes asks first.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { REPO_ROOT, startTestHost, type TestHost } from './host';
import { browserDialogs, choose, guideShot, inputOf } from './steps';

let host: TestHost;

// A host per test: the host keeps one project open, and each test starts with its own.
test.beforeEach(async () => {
  host = await startTestHost();
});

test.afterEach(async () => {
  await host.stop();
});

interface RubricJson {
  sector: string;
  name_zh: string;
  criteria: Array<{ key: string; name_zh: string; max: number; guide_zh: string }>;
}

const libraryRubric = (sector: string) =>
  JSON.parse(
    readFileSync(path.join(REPO_ROOT, 'resources', 'rubrics', `${sector}.json`), 'utf8'),
  ) as RubricJson;

// The project is created over the host's API: creating one through the window is path.spec's
// (and panel's, and rounds'); the window opens on it.
async function openProject(page: Page, name: string): Promise<void> {
  await host.op('project.create', {
    path: path.join(host.workspace, 'projects', `${name}.sailreview`),
  });
  await page.goto(host.url);
  await expect(page.getByTestId('project-name')).toContainText(name);
  await page.getByTestId('nav-rubrics').click();
}

/** Opens a copy of a library template in the editor. */
async function cloneTemplate(page: Page, sector: string): Promise<void> {
  await page.getByTestId('rubrics-library').click();
  await page.getByTestId(`library-clone-${sector}`).click();
  await expect(page.getByTestId('rubric-editor')).toBeVisible();
}

async function setMax(page: Page, index: number, value: string): Promise<void> {
  const input = inputOf(page, `editor-max-${index}`);
  await input.fill(value);
  await input.blur();
}

const versionRows = (page: Page, sector: string) =>
  page.getByTestId(`rubric-versions-${sector}`).getByTestId('rubric-version-row');

const problems = (page: Page) => page.getByTestId('editor-problems');
const warnings = (page: Page) => page.getByTestId('editor-warnings');

test('copy a template, change points, rescale the guides, reorder, preview and save', async ({
  page,
}) => {
  await openProject(page, '细则');
  await page.getByTestId('rubrics-tab-factory').click();
  await expect(versionRows(page, 'factory')).toHaveCount(1);

  await cloneTemplate(page, 'factory');
  const sum = page.getByTestId('editor-sum');
  const save = page.getByTestId('editor-save');
  await expect(sum).toHaveAttribute('data-sum', '100');
  await expect(save).toBeEnabled();
  await expect(problems(page)).toBeHidden();
  await expect(warnings(page)).toBeHidden();

  // 5G网络基础设施 20 → 25: the sum is 105 and the guide's levels no longer fit 25.
  await setMax(page, 0, '25');
  await expect(sum).toHaveAttribute('data-sum', '105');
  await expect(sum).toContainText('105 / 100');
  await expect(save).toBeDisabled();
  await expect(problems(page)).toContainText('各评分项满分之和应为 100，现为 105');
  await expect(warnings(page)).toContainText(
    '第 1 个评分项（5G网络基础设施）的中文评分指引分档为 0 / 8 / 14 / 20，与满分 25 不符（通常为 0 / 10 / 17.5 / 25）',
  );
  // 建设层级与现场升级 15 → 10: the sum is right again, but its guide offers 10.5 and 15 points.
  await setMax(page, 1, '10');
  await expect(sum).toHaveAttribute('data-sum', '100');
  await expect(problems(page)).toContainText(
    '第 2 个评分项（建设层级与现场升级）的中文评分指引：“10.5分、15分”高于满分 10，专家给不出这样的分数',
  );
  await expect(problems(page)).not.toContainText('各评分项满分之和');
  await expect(save).toBeDisabled();

  // One click each rescales both guides' levels and keeps their words.
  await page.getByTestId('editor-rescale-1').click();
  await expect(problems(page)).toBeHidden();
  await expect(page.getByTestId('editor-guide-zh-1')).toHaveValue(
    /^0分：未说明建设层级.*；4分：达到产线级.*；7分：达到车间级.*；10分：达到工厂级/,
  );
  await expect(page.getByTestId('editor-guide-en-1')).toHaveValue(
    /^0: construction level not stated.*; 4: production-line level.*; 7: workshop level.*; 10: factory level/,
  );
  await expect(save).toBeEnabled();
  await expect(warnings(page)).toBeVisible();
  await page.getByTestId('editor-rescale-0').click();
  await expect(warnings(page)).toBeHidden();
  await expect(page.getByTestId('editor-rescale-0')).toBeHidden();
  await expect(page.getByTestId('editor-guide-zh-0')).toHaveValue(
    /；10分：建有5G网络.*；17\.5分：.*；25分：全厂区覆盖/,
  );

  // Move the first criterion down one place.
  await page.getByTestId('editor-down-0').click();
  await expect(inputOf(page, 'editor-key-0')).toHaveValue('level');
  await expect(inputOf(page, 'editor-key-1')).toHaveValue('net');
  await expect(inputOf(page, 'editor-max-1')).toHaveValue('25');

  const name = '5G工厂评审细则（本届调整）';
  await inputOf(page, 'editor-name-zh').fill(name);

  // The preview is the scoring form in the new order, points and guide levels; typing there
  // saves nothing.
  await page.getByTestId('editor-tab-preview').click();
  const preview = page.getByTestId('score-form-preview');
  await expect(preview.getByTestId('score-form-rubric')).toContainText(name);
  await guideShot(page, 'rubric-editor');
  await expect(preview.locator('.sail-criterion-name').nth(1)).toContainText('满分 25');
  await inputOf(page, 'score-level').click();
  await expect(preview.getByTestId('criterion-guide').locator('li strong')).toHaveText([
    '0分',
    '4分',
    '7分',
    '10分',
  ]);
  await inputOf(page, 'score-net').fill('25');
  await expect(preview.getByTestId('score-total')).toHaveText('25');
  await expect(preview.getByTestId('submit-review')).toBeDisabled();

  await save.click();
  await expect(page.locator('.ant-message')).toContainText(`已保存「${name}」为第 2 版`);
  await expect(page.getByTestId('rubric-editor')).toBeHidden();
  await expect(versionRows(page, 'factory')).toHaveCount(2);
  const newest = page.locator('[data-testid="rubric-version-row"][data-version="2"]');
  await expect(newest).toContainText(name);
  await expect(page.getByTestId('rubric-factory')).toContainText('17.5分：');

  // A version nobody uses is edited in place: the version count stays.
  await page.getByTestId('rubric-edit-factory-2').click();
  await expect(page.getByTestId('editor-base')).toContainText('将直接修改第 2 版');
  await inputOf(page, 'editor-name-zh').fill(`${name}·定稿`);
  await save.click();
  await expect(page.locator('.ant-message')).toContainText('已更新');
  await expect(versionRows(page, 'factory')).toHaveCount(2);
  await expect(newest).toContainText(`${name}·定稿`);
});

test('add and remove criteria, add a gate, order the tie-break and save', async ({ page }) => {
  await openProject(page, '矿山细则');
  await cloneTemplate(page, 'mine');
  const sum = page.getByTestId('editor-sum');

  // Remove 推广价值 (10): 90 points; add a criterion (10 by default): 100 again.
  await page.getByTestId('editor-remove-5').click();
  await expect(sum).toHaveAttribute('data-sum', '90');
  await expect(problems(page)).toContainText('各评分项满分之和应为 100，现为 90');
  await page.getByTestId('editor-add-criterion').click();
  await expect(sum).toHaveAttribute('data-sum', '100');
  await expect(problems(page)).toContainText(
    '第 6 个评分项（未命名）：标识须以英文字母开头，只含字母、数字、_ 或 -',
  );
  await expect(problems(page)).toContainText('第 6 个评分项（未命名）：请填写中文和英文名称');
  await inputOf(page, 'editor-key-5').fill('carbon');
  await inputOf(page, 'editor-name-zh-5').fill('绿色低碳');
  await inputOf(page, 'editor-name-en-5').fill('Low-carbon operation');
  await page
    .getByTestId('editor-guide-zh-5')
    .fill(
      '0分：未统计能耗；4分：有能耗统计；7分：吨煤能耗逐年下降；10分：能耗下降并获绿色矿山认定',
    );
  await page
    .getByTestId('editor-guide-en-5')
    .fill(
      '0: no energy records; 4: energy recorded; 7: energy per tonne falling; 10: falling and certified green',
    );
  await expect(problems(page)).toBeHidden();
  await expect(warnings(page)).toBeHidden();

  // Every key is readable in full ("stability" was cut off in a squeezed input).
  const keyInputs = page.locator('[data-testid^="editor-key-"]');
  await expect(keyInputs).toHaveCount(6);
  for (const input of await keyInputs.all()) {
    expect(await input.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  }

  // A new gate: unnamed at first, then a key a criterion has, then its own.
  await page.getByTestId('editor-add-gate').click();
  await expect(problems(page)).toContainText('第 4 个门槛项（未命名）：请填写中文和英文名称');
  await inputOf(page, 'editor-gate-key-3').fill('safety');
  await inputOf(page, 'editor-gate-name-zh-3').fill('防治水措施到位');
  await inputOf(page, 'editor-gate-name-en-3').fill('Water hazard prevention in place');
  await expect(problems(page)).toHaveText(
    '第 4 个门槛项（防治水措施到位）的标识：“safety”已是一个评分项的标识',
  );
  await inputOf(page, 'editor-gate-key-3').fill('water');
  await expect(problems(page)).toBeHidden();

  // Tie-break: 安全 → 系统; add 绿色低碳 and move it up one place.
  const tieBreak = page.getByTestId('editor-tie-break').locator('li');
  await expect(tieBreak).toHaveText([/安全与减人成效/, /智能化系统覆盖/]);
  await choose(page, page.getByTestId('editor-tie-break-add'), '绿色低碳');
  await expect(tieBreak).toHaveText([/安全与减人成效/, /智能化系统覆盖/, /绿色低碳/]);
  await tieBreak.nth(2).getByRole('button', { name: '上移' }).click();
  await expect(tieBreak).toHaveText([/安全与减人成效/, /绿色低碳/, /智能化系统覆盖/]);

  await page.getByTestId('editor-save').click();
  await expect(page.locator('.ant-message')).toContainText(
    `已保存「${libraryRubric('mine').name_zh}」为第 2 版`,
  );
  const view = page.getByTestId('rubric-mine');
  await expect(view).toContainText('绿色低碳');
  await expect(view).not.toContainText('推广价值');
  await expect(view).toContainText('防治水措施到位');
  await expect(view).toContainText('安全与减人成效 → 绿色低碳 → 智能化系统覆盖');
});

test('export JSON, import it back, and refuse a bad file in Chinese', async ({ page }) => {
  await openProject(page, '导入导出');
  await page.getByTestId('rubrics-tab-mine').click();
  await page.getByTestId('rubric-export-mine-1').click();
  // The message names the file written, for a few seconds: checked in one wait, as it shows.
  const file = path.join(host.workspace, 'exports', 'rubric-mine-v1.json');
  await expect(page.getByTestId('rubric-exported')).toHaveAttribute('data-path', file);
  const mine = libraryRubric('mine');
  expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(mine);

  // The same rubric again adds no version.
  await page.getByTestId('rubrics-import-json').click();
  await browserDialogs.importFile(page, () => page.getByTestId('rubric-import-file').click(), file);
  await expect(page.getByTestId('rubric-editor')).toBeVisible();
  await page.getByTestId('editor-save').click();
  await expect(page.locator('.ant-message')).toContainText(
    `「${mine.name_zh}」与第 1 版相同，未新建版本`,
  );
  await expect(versionRows(page, 'mine')).toHaveCount(1);

  // Pasted and changed, it becomes version 2.
  await page.getByTestId('rubrics-import-json').click();
  await page
    .getByTestId('rubric-import-text')
    .fill(JSON.stringify({ ...mine, name_zh: '矿山复赛细则' }));
  await page.getByTestId('rubric-import-ok').click();
  await expect(inputOf(page, 'editor-name-zh')).toHaveValue('矿山复赛细则');
  await page.getByTestId('editor-save').click();
  await expect(page.locator('.ant-message')).toContainText('已保存「矿山复赛细则」为第 2 版');
  await expect(versionRows(page, 'mine')).toHaveCount(2);

  // A file with a misspelt sector and field: the reasons in Chinese, at their place.
  const bad = path.join(host.workspace, 'bad-rubric.json');
  const [first, ...rest] = mine.criteria;
  const { max, ...withoutMax } = first!;
  writeFileSync(
    bad,
    JSON.stringify({
      ...mine,
      sector: 'mines',
      criteria: [{ ...withoutMax, maximum: max }, ...rest],
    }),
  );
  await page.getByTestId('rubrics-import-json').click();
  await browserDialogs.importFile(page, () => page.getByTestId('rubric-import-file').click(), bad);
  const problem = page.getByTestId('rubric-import-problem');
  await expect(problem).toContainText('评分细则格式不正确');
  await expect(problem).toContainText(
    'sector（领域）："mines" 不是可用的领域；可用的领域为 generic（通用细则）、factory（工厂）',
  );
  await expect(problem).toContainText('criteria[0].maximum：不认识的字段（是否应为 max？）');
  await expect(problem).toContainText('criteria[0].max（满分）：缺少此项');
  await expect(problem).not.toContainText('Invalid');

  // Pasted text that is not JSON: where it breaks, in the UI language.
  const notJson = '{"sector": "mine",\n  "name_zh" 5G矿山}';
  await page.getByTestId('rubric-import-text').fill(notJson);
  await expect(problem).toBeHidden();
  await page.getByTestId('rubric-import-ok').click();
  await expect(problem).toHaveText('不是有效的 JSON：第 2 行第 13 列附近有语法错误');
  await page.keyboard.press('Escape');
  await expect(problem).toBeHidden();
  await page.getByTestId('lang-switch').getByText('EN').click();
  await page.getByTestId('rubrics-import-json').click();
  await page.getByTestId('rubric-import-text').fill(notJson);
  await page.getByTestId('rubric-import-ok').click();
  await expect(problem).toContainText('Not valid JSON: syntax error near line 2, column 13');

  // Pasted JSON of the wrong shape.
  await page
    .getByTestId('rubric-import-text')
    .fill(JSON.stringify({ ...mine, tiebreak: ['safety'], criteria: [{ ...first, max: '20分' }] }));
  await page.getByTestId('rubric-import-ok').click();
  await expect(problem).toContainText('tiebreak: unknown field (did you mean tie_break?)');
  await expect(problem).toContainText('criteria[0].max: expected a number, got text');
  // Nothing opened: the JSON stays there to be fixed.
  await expect(page.getByTestId('rubric-import-text')).toBeVisible();
  await expect(page.getByTestId('rubric-editor')).toBeHidden();
});

test('a pasted rubric listing a tie-break twice, and a cleared max, are fixed in the editor', async ({
  page,
}) => {
  await openProject(page, '粘贴');
  const mine = libraryRubric('mine');
  await page.getByTestId('rubrics-import-json').click();
  await page
    .getByTestId('rubric-import-text')
    .fill(JSON.stringify({ ...mine, tie_break: ['safety', 'safety', 'systems'] }));
  await page.getByTestId('rubric-import-ok').click();
  const tieBreak = page.getByTestId('editor-tie-break').locator('li');
  await expect(tieBreak).toHaveText([/安全与减人成效/, /安全与减人成效/, /智能化系统覆盖/]);
  await expect(problems(page)).toContainText('“safety”重复出现，每个评分项只能比较一次');
  // Removing the second row removes that row only.
  await tieBreak.nth(1).getByRole('button', { name: '删除' }).click();
  await expect(tieBreak).toHaveText([/安全与减人成效/, /智能化系统覆盖/]);
  await expect(problems(page)).toBeHidden();

  // A cleared max stays empty and says so; the preview's total is out of what the draft sums to.
  const sum = page.getByTestId('editor-sum');
  await setMax(page, 0, '');
  await expect(inputOf(page, 'editor-max-0')).toHaveValue('');
  await expect(sum).toHaveAttribute('data-sum', '80');
  await expect(problems(page)).toContainText('第 1 个评分项（5G网络与信息基础设施）：满分须大于 0');
  await expect(problems(page)).toContainText('各评分项满分之和应为 100，现为 80');
  await page.getByTestId('editor-tab-preview').click();
  await expect(page.getByTestId('score-form-preview').getByTestId('score-possible')).toHaveText(
    '/ 80',
  );
  await page.getByTestId('editor-tab-edit').click();
  await setMax(page, 0, '20');
  await expect(problems(page)).toBeHidden();
  await page.getByTestId('editor-tab-preview').click();
  await expect(page.getByTestId('score-form-preview').getByTestId('score-possible')).toHaveText(
    '/ 100',
  );
});

// The library fading out is what took focus: this one runs with motion, as most people have it.
test.describe('with motion', () => {
  test.use({ reducedMotion: 'no-preference' });

  test('typing as soon as the editor opens: focus stays in the field', async ({ page }) => {
    await openProject(page, '先打字');
    await cloneTemplate(page, 'mine');
    const name = inputOf(page, 'editor-name-zh');
    // The library is still fading out while the organiser is already in the name field. When it
    // has gone, focus must not have left the field (keys typed meanwhile would be lost).
    await name.focus();
    await name.evaluate((field) =>
      field.addEventListener('blur', () => field.setAttribute('data-left', 'yes')),
    );
    await expect(page.getByTestId('library-table')).toBeHidden();
    await page.keyboard.press('End');
    await page.keyboard.type('·草稿');
    await expect(name).toBeFocused();
    await expect(name).not.toHaveAttribute('data-left', 'yes');
    await expect(name).toHaveValue(`${libraryRubric('mine').name_zh}·草稿`);
  });
});

test('closing with unsaved changes asks first; names follow the UI language', async ({ page }) => {
  await openProject(page, '未保存');
  const editor = page.getByTestId('rubric-editor');

  // Nothing changed: Esc closes at once.
  await cloneTemplate(page, 'mine');
  await page.keyboard.press('Escape');
  await expect(editor).toBeHidden();

  await cloneTemplate(page, 'mine');
  await setMax(page, 1, '20');
  await page.keyboard.press('Escape');
  const confirm = page.locator('.ant-modal-confirm');
  await expect(confirm).toContainText('放弃未保存的修改？');
  await confirm.getByRole('button', { name: '继续编辑' }).click();
  await expect(confirm).toBeHidden();
  await expect(inputOf(page, 'editor-max-1')).toHaveValue('20');

  // Changed back, nothing is lost by closing.
  await setMax(page, 1, '25');
  await page.keyboard.press('Escape');
  await expect(editor).toBeHidden();

  await cloneTemplate(page, 'mine');
  await inputOf(page, 'editor-name-zh').fill('草稿');
  await editor.locator('.ant-drawer-close').click();
  await page.getByTestId('editor-discard').click();
  await expect(editor).toBeHidden();
  await expect(versionRows(page, 'generic')).toHaveCount(1);

  // English: a problem names the criterion in English, or in Chinese when it has no English name.
  await page.getByTestId('lang-switch').getByText('EN').click();
  await cloneTemplate(page, 'mine');
  await inputOf(page, 'editor-key-1').fill('');
  await expect(problems(page)).toContainText(
    'Criterion 2 (Coverage of intelligent systems): the key',
  );
  await inputOf(page, 'editor-name-en-1').fill('');
  await expect(problems(page)).toContainText(
    'Criterion 2 (智能化系统覆盖): give a Chinese and an English name',
  );
});
