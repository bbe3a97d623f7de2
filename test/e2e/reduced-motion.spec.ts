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
 * Every class the page's elements took on while the new-project prompt opened, each state kept
 * (the observer records the class before each change, so no state is missed however many changes
 * a busy machine batches into one callback). Ant Design's zoom runs while `ant-zoom-appear-active`
 * is on the dialog; with reduce motion it is never applied.
 */
async function classesOpeningPrompt(page: Page): Promise<string[]> {
  await page.addInitScript(() => {
    const seen = new Set<string>();
    Object.assign(window, { seenClasses: seen });
    new MutationObserver((records) => {
      for (const record of records) {
        for (const value of [record.oldValue, (record.target as Element).getAttribute('class')]) {
          for (const name of value?.split(/\s+/) ?? []) if (name) seen.add(name);
        }
      }
    }).observe(document, {
      attributes: true,
      attributeFilter: ['class'],
      attributeOldValue: true,
      subtree: true,
    });
  });
  await page.goto(host.url);
  await page.getByTestId('project-new').click();
  await expect(page.getByTestId('path-prompt-input')).toBeVisible();
  // The dialog has settled: its motion, if any, has ended.
  await expect(page.locator('.ant-modal')).not.toHaveClass(/ant-zoom-appear/);
  return page.evaluate(() => [...(window as unknown as { seenClasses: Set<string> }).seenClasses]);
}

test.describe('with reduce motion', () => {
  test.use({ reducedMotion: 'reduce' });
  test('the new-project prompt opens without zooming', async ({ page }) => {
    const classes = await classesOpeningPrompt(page);
    expect(classes).not.toContain('ant-zoom-appear-active');
  });
});

test.describe('without a preference', () => {
  test.use({ reducedMotion: 'no-preference' });
  test('the new-project prompt zooms in', async ({ page }) => {
    const classes = await classesOpeningPrompt(page);
    expect(classes).toContain('ant-zoom-appear-active');
  });
});
