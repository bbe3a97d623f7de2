// Looks: the window follows the system's light or dark setting until the person chooses one,
// which it keeps; keyboard focus is always visible.
import { expect, test, type Page } from '@playwright/test';
import { startTestHost, type TestHost } from './host';
import { choose, guideShot } from './steps';

let host: TestHost;

test.beforeAll(async () => {
  host = await startTestHost();
});

test.afterAll(async () => {
  await host.stop();
});

/** The lightness (0–1) of the background the screens sit on (the first opaque one up). */
const backdrop = (page: Page) =>
  page.locator('.sail-content').evaluate((start) => {
    for (let element: Element | null = start; element; element = element.parentElement) {
      const [r = 0, g = 0, b = 0, a = 1] =
        getComputedStyle(element)
          .backgroundColor.match(/[\d.]+/g)
          ?.map(Number) ?? [];
      if (a > 0) return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    }
    return 1;
  });

/** An option of the theme switch (its icon is what shows). */
const themeOption = (page: Page, choice: string) =>
  page.locator('.ant-segmented-item', { has: page.getByTestId(`theme-${choice}`) });

test('follows the system until a choice is made, then keeps it', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(host.url);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await backdrop(page)).toBeLessThan(0.2);

  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await backdrop(page)).toBeGreaterThan(0.8);

  // Chosen dark on a light system: kept after a reload.
  await themeOption(page, 'dark').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await backdrop(page)).toBeLessThan(0.2);
  await themeOption(page, 'system').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});

test('keyboard focus shows on every control it reaches', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('project-sample')).toBeVisible();
  // Tab through the start screen: each control focused has a visible outline or ring.
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    const shown = await page.evaluate(() => {
      const element = document.activeElement;
      if (!element || element === document.body) return true;
      const style = getComputedStyle(element);
      const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
      return outline || style.boxShadow !== 'none';
    });
    expect(shown, `focus ring on tab stop ${i + 1}`).toBe(true);
  }
});

test('? shows the keys of the screen on view and of every screen; Alt + digit moves between screens', async ({
  page,
}) => {
  await page.goto(host.url);
  await page.getByTestId('project-sample').click();
  await expect(page.getByTestId('project-name')).toBeVisible();
  const overlay = page.getByTestId('shortcuts-overlay');

  // The overview has no keys of its own: the ones of every screen only.
  await page.keyboard.press('?');
  await expect(overlay).toContainText('所有页面');
  await expect(overlay).not.toContainText('本页');
  await page.keyboard.press('Escape');
  await expect(overlay).toBeHidden();

  await page.keyboard.press('Alt+2');
  const search = page.locator('input[data-testid="entries-search"]');
  await expect(search).toBeVisible();
  // Typed into a text field, '?' is text.
  await search.press('?');
  await expect(search).toHaveValue('?');
  await expect(overlay).toBeHidden();
  await search.fill('');
  await search.blur();
  await page.keyboard.press('?');
  await expect(overlay).toContainText('本页（申报项目）');
  await expect(overlay).toContainText('打开选中的申报项目');
  await guideShot(page, 'shortcuts-entries');
  await page.keyboard.press('?');
  await expect(overlay).toBeHidden();

  await page.keyboard.press('Alt+7');
  await expect(page.locator('.ant-menu-item-selected')).toHaveAttribute(
    'data-testid',
    'nav-scoring',
  );
  // The scoring screen asks who is scoring first; once chosen, '?' in a score field is help.
  await choose(page, page.getByTestId('reviewer-select'), 'EXP001');
  await expect(page.getByTestId('scoring-page')).toBeVisible();
  // The form puts the cursor in its first empty score once the entry has loaded; until then the
  // cursor is still in the expert picker, where '?' is text.
  await expect(page.locator('input[data-score-input]:focus')).toHaveCount(1);
  await page.keyboard.press('?');
  await expect(overlay).toBeVisible();
  await expect(overlay).toContainText('本页（评分）');
  await expect(overlay).toContainText('提交评审');
});
