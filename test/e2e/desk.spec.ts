// The expert desk in Chromium against the local host: the organiser sets PINs and opens the
// desk; an expert signs in (a wrong PIN is refused), sees a banner naming them, only the scoring
// screen and their own queue; what the page asks for beyond that is refused by the session; the
// desk locks on request and when idle (the page's clock run forward); another expert signs in
// with their own PIN; the organiser's PIN leaves the desk.
import { expect, test } from '@playwright/test';
import { opInPage, startTestHost, type TestHost } from './host';
import { guideShot, inputOf, openDemoRound } from './steps';

let host: TestHost;

test.beforeAll(async () => {
  host = await startTestHost();
  await openDemoRound(host, '专家台.sailreview');
  await host.op('reviewers.setPin', { reviewer_id: 'R00102', pin: '2468' });
});

test.afterAll(async () => {
  await host.stop();
});

test('experts sign in with their PIN, see only their own desk, and it locks when idle', async ({
  page,
}) => {
  await page.clock.install();
  await page.goto(host.url);
  await expect(page.getByTestId('nav-ranking')).toBeVisible();

  // The organiser: their PIN, one expert's PIN in the window, a short idle time, then open.
  await page.getByTestId('desk-settings').click();
  await expect(page.getByTestId('desk-open')).toBeDisabled();
  await page.getByTestId('desk-organiser-pin-new').fill('9999');
  await page.getByTestId('desk-organiser-pin-save').click();
  await page.getByTestId('desk-pin-R00101').fill('1357');
  await page.getByTestId('desk-pin-save-R00101').click();
  await inputOf(page, 'desk-idle').fill('1');
  await inputOf(page, 'desk-idle').press('Tab');
  await page.getByTestId('desk-open').click();

  // Locked: nothing of the project shows, and the navigation is gone.
  const signIn = page.getByTestId('desk-sign-in');
  await expect(signIn).toBeVisible();
  await expect(page.getByTestId('nav-ranking')).toHaveCount(0);
  await page.getByTestId('desk-expert').click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'R00101' })
    .click();
  await page.getByTestId('desk-pin').fill('0000');
  await page.getByTestId('desk-sign-in-button').click();
  await expect(page.locator('.ant-notification')).toContainText('PIN 不正确');
  await expect(signIn).toBeVisible();
  await page.getByTestId('desk-pin').fill('1357');
  await page.getByTestId('desk-sign-in-button').click();

  await expect(page.getByTestId('expert-banner')).toContainText('专家01（R00101）');
  await expect(page.getByTestId('scoring-queue')).toBeVisible();
  await expect(page.getByTestId('reviewer-select')).toHaveCount(0);
  await expect(page.getByTestId('project-close')).toHaveCount(0);
  // What the page may ask for is decided by the session, not by what the page shows.
  for (const [name, input] of [
    ['ranking.rank', { round: '复赛' }],
    ['reviewers.list', {}],
    ['scoring.queue', { round: '复赛', reviewer: 'R00102' }],
  ] as const) {
    const refused = await opInPage(page, name, input);
    expect(refused.ok, name).toBe(false);
  }
  expect((await opInPage(page, 'scoring.queue', { round: '复赛', reviewer: 'R00101' })).ok).toBe(
    true,
  );

  // Left alone for the idle time, the desk locks itself.
  await page.clock.runFor('01:05');
  await expect(signIn).toBeVisible();
  expect((await opInPage(page, 'scoring.queue', { round: '复赛', reviewer: 'R00101' })).ok).toBe(
    false,
  );

  // The next expert signs in with their own PIN.
  await page.getByTestId('desk-expert').click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'R00102' })
    .click();
  await page.getByTestId('desk-pin').fill('2468');
  await page.getByTestId('desk-sign-in-button').click();
  await expect(page.getByTestId('expert-banner')).toContainText('专家02（R00102）');
  await guideShot(page, 'desk');
  await page.getByTestId('desk-lock').click();
  await expect(signIn).toBeVisible();

  // Only the organiser's PIN leaves expert mode.
  await page.getByTestId('desk-leave').click();
  await page.getByTestId('desk-organiser-pin').fill('1357');
  await page.getByTestId('desk-leave-ok').click();
  await expect(page.locator('.ant-notification')).toContainText('PIN 不正确');
  await page.getByTestId('desk-organiser-pin').fill('9999');
  await page.getByTestId('desk-leave-ok').click();
  await expect(page.getByTestId('nav-ranking')).toBeVisible();
});
