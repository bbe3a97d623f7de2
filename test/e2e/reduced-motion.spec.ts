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

/** Names of the CSS animations that started while the new-project prompt opened. */
async function animationsOpeningPrompt(page: Page): Promise<string[]> {
  await page.addInitScript(() => {
    const started: string[] = [];
    Object.assign(window, { startedAnimations: started });
    document.addEventListener('animationstart', (event) => started.push(event.animationName), true);
  });
  await page.goto(host.url);
  await page.getByTestId('project-new').click();
  await expect(page.getByTestId('path-prompt-input')).toBeVisible();
  // The dialog has settled: its own motion (if any) has run and no animation is left on the page.
  await page.locator('.ant-modal').waitFor();
  await page.waitForFunction(
    () =>
      new Promise<boolean>((resolve) =>
        requestAnimationFrame(() =>
          requestAnimationFrame(() =>
            resolve(
              document.getAnimations().length === 0 &&
                !document.querySelector('[class*="-appear"], [class*="-enter"]'),
            ),
          ),
        ),
      ),
  );
  return page.evaluate(
    () => (window as unknown as { startedAnimations: string[] }).startedAnimations,
  );
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
