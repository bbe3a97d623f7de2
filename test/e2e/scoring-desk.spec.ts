// The expert's desk in Chromium against the local host, driven by the keyboard as experts work:
// the caret starts in the first empty score, Enter moves on, Ctrl+Enter submits and the desk
// goes to the next entry (keystrokes per entry counted), or names what is missing and goes
// there. A submitted review is read-only until reopened with a reason; a save from a form that
// another window has overtaken is refused and the newer review shown, with what was typed.
import { expect, test, type Page } from '@playwright/test';
import { opInPage, startTestHost, type TestHost } from './host';
import { choose, guideShot, inputOf, openDemoRound } from './steps';

/** The demo rubric's six criteria (net 20, level 15, app 25, impact 25, sec 10, rep 5). */
const SCORES = [
  ['net', '18'],
  ['level', '12.5'],
  ['app', '20'],
  ['impact', '22'],
  ['sec', '8'],
  ['rep', '4'],
] as const;

let host: TestHost;

test.beforeAll(async () => {
  host = await startTestHost();
  await openDemoRound(host, '评分台.sailreview');
});

test.afterAll(async () => {
  await host.stop();
});

/** The keyboard, counting every key an expert presses (a typed character is one key). */
function countingKeyboard(page: Page) {
  let keys = 0;
  return {
    type: async (text: string) => {
      keys += text.length;
      await page.keyboard.type(text);
    },
    press: async (key: string) => {
      keys += 1;
      await page.keyboard.press(key);
    },
    get count() {
      return keys;
    },
  };
}

const current = (page: Page) => page.locator('[data-testid="queue-item"][aria-current="true"]');

async function openDesk(page: Page): Promise<void> {
  await page.goto(host.url);
  await choose(page, page.getByTestId('reviewer-select'), 'R00101');
  await page.getByTestId('nav-scoring').click();
  // The caret is in a score of the first entry not yet submitted.
  await expect(page.locator('input[data-score-input]:focus')).toHaveCount(1);
}

test('two entries scored and submitted from the keyboard alone, at most 25 keys each', async ({
  page,
}) => {
  await openDesk(page);
  await expect(inputOf(page, 'score-net')).toBeFocused();
  const keyboard = countingKeyboard(page);
  await guideShot(page, 'scoring');
  const submitted: string[] = [];
  for (let entry = 0; entry < 2; entry++) {
    const id = (await current(page).getAttribute('data-entry-id')) ?? '';
    for (const [key, value] of SCORES) {
      await expect(inputOf(page, `score-${key}`)).toBeFocused();
      await keyboard.type(value);
      await keyboard.press('Enter');
    }
    await expect(page.getByTestId('review-comment')).toBeFocused();
    await keyboard.press('ControlOrMeta+Enter');
    await expect(page.locator(`[data-testid="queue-item"][data-entry-id="${id}"]`)).toHaveAttribute(
      'data-status',
      'submitted',
    );
    // The next entry is open with the caret in its first score.
    await expect(current(page)).not.toHaveAttribute('data-entry-id', id);
    await expect(inputOf(page, 'score-net')).toBeFocused();
    submitted.push(id);
  }
  expect(keyboard.count / submitted.length).toBeLessThanOrEqual(25);
  const stored = await opInPage(page, 'scoring.get', {
    round: '复赛',
    reviewer: 'R00101',
    entry: Number(submitted[0]),
  });
  expect(stored.value).toMatchObject({
    review: { status: 'submitted', scores: { net: 18, level: 12.5, rep: 4 } },
  });
});

test('full-width digits, Ctrl+Enter on an incomplete form, and moving with the keyboard', async ({
  page,
}) => {
  await openDesk(page);
  await expect(inputOf(page, 'score-net')).toBeFocused();
  // An IME's full-width digits become ASCII as they are typed.
  await page.keyboard.type('１７．５');
  await expect(inputOf(page, 'score-net')).toHaveValue('17.5');
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(page.locator('.ant-message')).toContainText('还不能提交');
  await expect(page.locator('.ant-message')).toContainText('建设层级与现场升级');
  await expect(inputOf(page, 'score-level')).toBeFocused();
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');

  const first = await current(page).getAttribute('data-entry-id');
  await page.keyboard.press('Alt+ArrowRight');
  await expect(current(page)).not.toHaveAttribute('data-entry-id', first ?? '');
  await expect(inputOf(page, 'score-net')).toBeFocused();
  // Outside a field, k goes back (and the caret returns to the form: the first empty score).
  await page.getByTestId('entry-summary').click();
  await page.keyboard.press('k');
  await expect(current(page)).toHaveAttribute('data-entry-id', first ?? '');
  await expect(inputOf(page, 'score-level')).toBeFocused();
});

test('a submitted review reopens only with a reason; a save overtaken elsewhere is refused', async ({
  page,
}) => {
  await openDesk(page);
  await page
    .locator('[data-testid="queue-item"][data-status="new"]:not([aria-current="true"])')
    .first()
    .click();
  await expect(inputOf(page, 'score-net')).toBeFocused();
  const id = Number(await current(page).getAttribute('data-entry-id'));
  const review = { round: '复赛', reviewer: 'R00101', entry: id };
  for (const [, value] of SCORES) {
    await page.keyboard.type(value);
    await page.keyboard.press('Enter');
  }
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(current(page)).not.toHaveAttribute('data-entry-id', String(id));
  await page.locator(`[data-testid="queue-item"][data-entry-id="${id}"]`).click();

  // Read-only until reopened; the reason is required.
  await expect(page.getByTestId('review-submitted-banner')).toBeVisible();
  await expect(inputOf(page, 'score-net')).toBeDisabled();
  await page.getByTestId('review-reopen').click();
  await expect(page.getByTestId('review-reopen-ok')).toBeDisabled();
  await page.getByTestId('review-reopen-reason').fill('复核时发现应用水平评分偏高');
  await page.getByTestId('review-reopen-ok').click();
  await expect(inputOf(page, 'score-net')).toBeEnabled();
  await expect(page.getByTestId('review-status')).toContainText('草稿');

  // Another window saves the same review meanwhile, from the version both windows showed.
  const shown = (await opInPage(page, 'scoring.get', review)).value as {
    review: { version: number };
  };
  const elsewhere = await opInPage(page, 'scoring.save', {
    ...review,
    scores: { net: 3, level: 3, app: 3, impact: 3, sec: 3, rep: 3 },
    base_version: shown.review.version,
  });
  expect(elsewhere.ok).toBe(true);

  // This window's change is refused, not written over it: the newer review is shown.
  await inputOf(page, 'score-level').fill('10');
  const clash = page.getByTestId('review-clash');
  await expect(clash).toContainText('其他窗口');
  await expect(clash).toContainText('10');
  await expect(inputOf(page, 'score-level')).toHaveValue('3');
  const stored = (await opInPage(page, 'scoring.get', review)).value as {
    review: { scores: Record<string, number> };
  };
  expect(stored.review.scores.level).toBe(3);

  // Changed again on the newer version, it saves.
  await inputOf(page, 'score-level').fill('11');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  const after = (await opInPage(page, 'scoring.get', review)).value as {
    review: { scores: Record<string, number> };
  };
  expect(after.review.scores.level).toBe(11);
  await page.screenshot({ path: test.info().outputPath('clash.png') });
});
