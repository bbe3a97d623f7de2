// Dialogs follow the system's "reduce motion" setting: with it they open without zooming (and the
// rest of the Chromium suite runs that way, so no click lands on a dialog still in motion);
// without it they zoom in as usual.
import { expect, test, type Page } from '@playwright/test';
import { startTestHost, type TestHost } from './host';

let host: TestHost;

test.beforeAll(async () => {
  host = await startTestHost();
});

test.afterAll(async () => {
  await host.stop();
});

/**
 * The CSS animations the page's styles gave any element while the new-project prompt opened,
 * read as each element's classes change. Styles, not `animationstart` events: Ant Design drops
 * an animation that has not started by its deadline, which a busy machine can miss.
 */
async function animationsOpeningPrompt(page: Page): Promise<string[]> {
  await page.addInitScript(() => {
    const seen = new Set<string>();
    Object.assign(window, { styledAnimations: seen });
    new MutationObserver((records) => {
      for (const record of records) {
        const element = record.target as Element;
        const { animationName } = getComputedStyle(element);
        if (animationName !== 'none') seen.add(animationName);
      }
    }).observe(document, { attributes: true, attributeFilter: ['class'], subtree: true });
  });
  await page.goto(host.url);
  await page.getByTestId('project-new').click();
  await expect(page.getByTestId('path-prompt-input')).toBeVisible();
  return page.evaluate(() => [
    ...(window as unknown as { styledAnimations: Set<string> }).styledAnimations,
  ]);
}

test.describe('with reduce motion', () => {
  test.use({ reducedMotion: 'reduce' });
  test('the new-project prompt opens without zooming', async ({ page }) => {
    const animations = await animationsOpeningPrompt(page);
    expect(animations.filter((name) => /zoom/i.test(name))).toEqual([]);
  });
});

test.describe('without a preference', () => {
  test.use({ reducedMotion: 'no-preference' });
  test('the new-project prompt zooms in', async ({ page }) => {
    const animations = await animationsOpeningPrompt(page);
    expect(animations.filter((name) => /zoom/i.test(name)).length).toBeGreaterThan(0);
  });
});
