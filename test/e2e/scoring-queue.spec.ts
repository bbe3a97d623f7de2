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
