// Rounds in Chromium against the local host: an organiser creates a 绽放杯 round by track and
// another from a pasted id list and starts one. An expert scoring when the round is locked
// elsewhere sees the form turn read-only under a banner (no retry, no command line); the
// organiser reopens it with a reason that the round's history keeps, locks it again, and the
// expert's form then opens read-only. An entry whose sector a re-import changed is listed on its
// round, which still ranks it in the group it joined until the organiser moves it in setup.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { opInPage, startTestHost, type TestHost } from './host';
import {
  BLOOM_CSV,
  browserDialogs,
  choose,
  createProject,
  GENERIC_SCORES,
  guideShot,
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

/** Runs an operation as another window on the same project would (the organiser's). */
async function elsewhere(page: Page, operation: string, input: object): Promise<unknown> {
  const result = await opInPage(page, operation, input);
  expect(result.ok).toBe(true);
  return result.value;
}

/** The scoring form of a locked round: read-only under its banner, nothing to retry or submit. */
async function expectLockedForm(page: Page): Promise<void> {
  const banner = page.getByTestId('round-locked-banner');
  await expect(banner).toContainText('本批次已锁定，评分不能修改。如需修改请联系主办方。');
  for (const [key] of GENERIC_SCORES) {
    await expect(page.locator(`input[data-testid="score-${key}"]`)).toBeDisabled();
  }
  await expect(page.getByTestId('review-comment')).toBeDisabled();
  await expect(page.getByTestId('submit-review')).toBeDisabled();
  await expect(page.getByTestId('save-state')).toHaveCount(0);
  await expect(page.getByTestId('score-form')).not.toContainText('sail-review');
}

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
  // The import result dialog covers the navigation until it has closed.
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // By list: the preview names the id that matches nothing.
  await openCreate(page, '复赛名单');
  await page.getByTestId('round-mode').getByText('按编号清单').click();
  await page.getByTestId('round-ids').fill('B2025-0001\nB2025-0002\nB2099-9999');
  await expect(page.getByTestId('round-preview-count')).toHaveAttribute('data-count', '2');
  // The programme is named, not left as a place to fill.
  await expect(page.getByTestId('round-missing-ids')).toHaveText(
    '清单中有 1 个编号在绽放杯项目中找不到：B2099-9999',
  );
  // No stage chosen: the round starts at the first, as the form shows.
  await expect(page.getByTestId('round-stage').getByRole('radio', { checked: true })).toHaveValue(
    '初赛',
  );
  await page.getByTestId('round-submit').click();
  await expect(
    page.getByTestId('rounds-table').locator('tr', { hasText: '复赛名单' }),
  ).toContainText('初赛');

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
  await guideShot(page, 'round', { fullPage: true });

  // Settings change in setup only.
  await page.getByTestId('round-edit-settings').click();
  await page.getByRole('spinbutton', { name: /分歧/ }).fill('15');
  await page.getByTestId('round-settings-save').click();
  await expect(page.getByTestId('round-settings')).toContainText('分歧阈值 15 分');

  // In setup an expert's form says so and takes nothing: a keystroke must not start the round.
  await choose(page, page.getByTestId('reviewer-select'), 'EXP001');
  await page.getByTestId('nav-scoring').click();
  const [[firstKey, firstValue], [secondKey]] = GENERIC_SCORES;
  const first = page.locator(`input[data-testid="score-${firstKey}"]`);
  const second = page.locator(`input[data-testid="score-${secondKey}"]`);
  await expect(page.getByTestId('round-setup-banner')).toContainText('本批次尚在筹备中');
  await expect(first).toBeDisabled();
  await page.getByTestId('nav-rounds').click();
  await expect(status(page)).toHaveAttribute('data-status', 'setup');

  await page.getByTestId('round-start').click();
  await page.getByTestId('round-start-confirm').click();
  await expect(status(page)).toHaveAttribute('data-status', 'scoring');
  await expect(page.getByTestId('round-edit-settings')).toBeHidden();

  // An expert scores; meanwhile the organiser locks the round from another window.
  await page.getByTestId('nav-scoring').click();
  await expect(page.getByTestId('round-setup-banner')).toBeHidden();
  await first.fill(firstValue);
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  await elsewhere(page, 'rounds.lock', { round: '初赛·工业互联网' });

  // The window hears of the lock at once (the session's event): the form turns read-only,
  // showing what was saved, before anything else is typed.
  await expectLockedForm(page);
  await expect(first).toHaveValue(firstValue);
  await expect(second).toHaveValue('');
  await expect(second).toBeDisabled();

  await page.getByTestId('nav-rounds').click();
  await expect(status(page)).toHaveAttribute('data-status', 'locked');
  await page.getByTestId('round-reopen').click();
  await expect(page.getByTestId('round-reopen-confirm')).toBeDisabled();
  await page.getByTestId('round-reopen-reason').fill('专家 EXP001 补录评分');
  await page.getByTestId('round-reopen-confirm').click();
  await expect(status(page)).toHaveAttribute('data-status', 'scoring');
  const history = page.getByTestId('round-history');
  await expect(history.getByTestId('round-event')).toHaveCount(5);
  await expect(history).toContainText('重新开放，原因：专家 EXP001 补录评分');

  // Locked in this window: the expert's form opens read-only.
  await page.getByTestId('round-lock').click();
  await page.getByTestId('round-lock-confirm').click();
  await expect(status(page)).toHaveAttribute('data-status', 'locked');
  await page.getByTestId('nav-scoring').click();
  await expectLockedForm(page);
  await expect(page.locator(`input[data-testid="score-${firstKey}"]`)).toHaveValue(firstValue);

  // The pinned version now shows which round uses it.
  await page.getByTestId('nav-rubrics').click();
  await expect(page.getByTestId('rubric-badges-generic-1')).toContainText('初赛·工业互联网');

  // A newer version saved since: the round still in setup points to it and can use it.
  const generic = (await elsewhere(page, 'rubrics.export', { sector: 'generic' })) as object;
  await elsewhere(page, 'rubrics.save', { rubric: { ...generic, name_zh: '通用细则（修订）' } });
  await page.getByTestId('nav-rounds').click();
  await page.getByTestId('round-select-复赛名单').click();
  const newer = page.getByTestId('round-pin-newer-campus');
  await expect(newer).toContainText('有更新的第 2 版');
  await page.getByTestId('round-pin-use-newer-campus').click();
  await expect(newer).toBeHidden();
  await expect(page.getByTestId('pin-select-campus')).toContainText('通用细则（修订）');
  await expect(page.getByTestId('round-history')).toContainText(
    '“校园”的评分细则改为通用细则第 2 版（原为通用细则第 1 版）',
  );
});

test('an entry whose sector changed stays in its group until the organiser moves it', async ({
  page,
}) => {
  // The first test left its project open: this one opens its own beside it.
  await page.goto(host.url);
  await elsewhere(page, 'project.create', {
    path: path.join(host.workspace, 'projects', '领域.sailreview'),
  });
  // The first two submissions (数字教育 → 校园), then B2025-0001 corrected to 智慧电力 (电厂).
  const [header = '', first = '', second = ''] = readFileSync(BLOOM_CSV, 'utf8').split(/\r?\n/);
  const file = (name: string, rows: string[]) => {
    const target = path.join(host.workspace, name);
    writeFileSync(target, [header, ...rows].join('\n'));
    return target;
  };
  const before = file('two.csv', [first, second]);
  const corrected = file('corrected.csv', [first.replace('5G+数字教育', '5G+智慧电力'), second]);
  await elsewhere(page, 'entries.import', { path: before, programme: 'bloom' });
  await elsewhere(page, 'rounds.create', { name: '复赛', programme: 'bloom', stage: '复赛' });
  await elsewhere(page, 'entries.import', { path: corrected, programme: 'bloom' });

  // The project's only round opens as the current one.
  await page.reload();
  await page.getByTestId('nav-rounds').click();
  const changes = page.getByTestId('round-sector-changes');
  await expect(changes).toContainText('B2025-0001');
  await expect(changes).toContainText('现为“电厂”，在“校园”中排名');
  await expect(changes).toContainText('本批次还没有“电厂”的评分细则');
  await page.getByTestId('round-regroup').click();
  await page.getByTestId('round-regroup-confirm').click();
  await expect(changes).toBeHidden();
  await expect(page.getByTestId('round-pins')).toContainText('电厂');
  await expect(page.getByTestId('round-history')).toContainText(
    '1 个项目移入现在的领域：B2025-0001（校园 → 电厂）',
  );
});
