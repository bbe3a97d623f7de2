// The expert's queue in Chromium against the local host: its header (我的评审任务, progress,
// filter) stays on top of the entries scrolled under it, and none of them shows through.
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startTestHost, type TestHost } from './host';
import { BLOOM_CSV, choose, REVIEWERS_CSV } from './steps';

let host: TestHost;

test.beforeAll(async () => {
  host = await startTestHost();
  await host.op('project.create', {
    path: path.join(host.workspace, 'projects', '队列.sailreview'),
  });
  await host.op('entries.import', { path: BLOOM_CSV, programme: 'bloom' });
  await host.op('reviewers.import', { path: REVIEWERS_CSV });
  await host.op('rounds.create', { name: '初赛', programme: 'bloom', stage: '初赛' });
  await host.op('rounds.start', { round: '初赛' });
});

test.afterAll(async () => {
  await host.stop();
});

test('entries scrolled under the queue header do not show through it', async ({ page }) => {
  await page.goto(host.url);
  await choose(page, page.getByTestId('reviewer-select'), 'EXP001');
  await page.getByTestId('nav-scoring').click();
  const queue = page.getByTestId('scoring-queue');
  const head = queue.locator('.sail-queue-head');
  const items = queue.getByTestId('queue-item');
  await expect(items.first()).toBeVisible();
  await expect(page.getByTestId('queue-progress')).toContainText('300');
  // The pointer rests elsewhere, so no item is drawn hovered.
  await page.mouse.move(900, 600);
  const unscrolled = await head.screenshot();

  // Scroll the queue until entries lie under the header.
  const scroller = page.locator('.sail-scoring-queue');
  await scroller.evaluate((element) => element.scrollTo({ top: 600, behavior: 'instant' }));
  await expect.poll(() => scroller.evaluate((element) => element.scrollTop)).toBe(600);
  const headBox = await head.boundingBox();
  if (!headBox) throw new Error('the queue header is not shown');
  const underHead = await items.evaluateAll(
    (buttons, box) =>
      buttons.filter((button) => {
        const rect = button.getBoundingClientRect();
        return rect.bottom > box.y && rect.top < box.y + box.height;
      }).length,
    headBox,
  );
  expect(underHead).toBeGreaterThan(0);

  // The header still shows exactly what it showed before: nothing from beneath.
  expect((await head.screenshot()).equals(unscrolled)).toBe(true);
  // Its own background, not the queue's showing through a transparent one.
  const background = await head.evaluate((element) => getComputedStyle(element).backgroundColor);
  expect(background).toMatch(/^rgb\(/);
});

test('a click draws the entry once, with its form; a held Alt+→ moves on, kept in view', async ({
  page,
}) => {
  await page.goto(host.url);
  await choose(page, page.getByTestId('reviewer-select'), 'EXP001');
  await page.getByTestId('nav-scoring').click();
  const items = page.getByTestId('queue-item');
  const summary = page.getByTestId('entry-summary');
  const codeOf = (index: number) =>
    items.nth(index).locator('.sail-queue-meta .ant-typography').innerText();
  await expect(page.locator('input[data-score-input]:focus')).toHaveCount(1);

  // From here on, anything drawn empty while an entry loads (antd's Skeleton) is counted.
  await page.getByTestId('scoring-page').evaluate((element) => {
    const seen = { skeletons: 0 };
    Object.assign(window, { seen });
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of Array.from(record.addedNodes)) {
          if (node instanceof Element && node.matches('.ant-skeleton, :has(.ant-skeleton)')) {
            seen.skeletons += 1;
          }
        }
      }
    }).observe(element, { childList: true, subtree: true });
  });
  const skeletons = () =>
    page.evaluate(() => (window as unknown as { seen: { skeletons: number } }).seen.skeletons);

  await items.nth(3).click();
  await expect(summary).toContainText(await codeOf(3));
  await expect(page.locator('input[data-score-input]:focus')).toHaveCount(1);
  expect(await skeletons()).toBe(0);

  // Fourteen presses as fast as a held key repeats, none waiting for the form before: each moves
  // on from where the one before was going, and the queue follows the current entry down.
  const target = await codeOf(17);
  for (let i = 0; i < 14; i++) await page.keyboard.press('Alt+ArrowRight');
  await expect(summary).toContainText(target);
  const current = page.locator('[data-testid="queue-item"][aria-current="true"]');
  await expect(current).toContainText(target);
  await expect(current).toBeInViewport();
  expect(await skeletons()).toBe(0);
});

test('the comment grows with its text from three lines to ten, then scrolls', async ({ page }) => {
  await page.goto(host.url);
  await choose(page, page.getByTestId('reviewer-select'), 'EXP001');
  await page.getByTestId('nav-scoring').click();
  const comment = page.getByTestId('review-comment');
  await expect(comment).toBeVisible();
  const size = () =>
    comment.evaluate((element) => ({
      height: element.clientHeight,
      scroll: element.scrollHeight,
      line: parseFloat(getComputedStyle(element).lineHeight),
    }));
  const empty = await size();
  // Three lines tall when empty.
  expect(empty.height).toBeGreaterThanOrEqual(3 * empty.line);
  expect(empty.height).toBeLessThan(4 * empty.line);
  const lines = (n: number) => Array.from({ length: n }, (_, i) => `第${i + 1}行`).join('\n');
  await comment.fill(lines(6));
  await expect.poll(async () => (await size()).height).toBeGreaterThanOrEqual(6 * empty.line);
  await comment.fill(lines(30));
  await expect.poll(async () => (await size()).scroll).toBeGreaterThanOrEqual(30 * empty.line);
  const full = await size();
  expect(full.height).toBeGreaterThanOrEqual(10 * empty.line);
  expect(full.height).toBeLessThan(11 * empty.line);
  await comment.fill('');
});
