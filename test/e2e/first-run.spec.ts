// The first run, as a new user meets it: the welcome screen opens the sample project (built on
// the spot) in which every screen has something to show; a new project typed without its
// extension gets `.sailreview`; and every 开始使用 step opens its screen, the next one included.
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startTestHost, type TestHost } from './host';
import { answerPathPrompt, guideShot } from './steps';

let host: TestHost;

test.beforeAll(async () => {
  host = await startTestHost();
});

test.afterAll(async () => {
  await host.stop();
});

/** A new empty project, open in the host as a window opened now finds it. */
async function newProjectOpen(name: string): Promise<void> {
  await host.op('project.close', {});
  await host.op('project.create', {
    path: path.join(host.workspace, 'projects', `${name}.sailreview`),
  });
}

test('the welcome screen opens the sample project, with something on every screen', async ({
  page,
}) => {
  await page.goto(host.url);
  await expect(page.getByTestId('project-sample')).toBeVisible();
  await guideShot(page, 'welcome');
  // The user guide opens from here, offline, its pictures with it.
  await page.getByTestId('start-guide').click();
  const guide = page.getByTestId('user-guide');
  await expect(guide.locator('h1')).toHaveText('扬帆评审 用户手册');
  await expect(guide.locator('h2').first()).toContainText('第一次打开');
  const pictures = guide.locator('img');
  expect(await pictures.count()).toBeGreaterThan(10);
  await pictures.first().scrollIntoViewIfNeeded();
  await expect
    .poll(() => pictures.first().evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBeGreaterThan(0);
  await page.screenshot({ path: test.info().outputPath('guide.png') });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('guide-drawer')).toBeHidden();
  await page.getByTestId('project-sample').click();
  await expect(page.getByTestId('project-name')).toContainText('扬帆评审示例项目');
  const overview = page.locator('.sail-page');
  await expect(overview).toContainText('300');
  await expect(overview).toContainText('160');
  await guideShot(page, 'sample-overview');

  await page.getByTestId('nav-progress').click();
  await expect(page.getByTestId('progress-expert')).toHaveCount(40);
  await page.getByTestId('nav-ranking').click();
  await expect(page.getByTestId('ranking-row').first()).toBeVisible();
  await page.getByTestId('nav-scoring').click();
  await expect(page.getByTestId('scoring-reviewer-select')).toBeVisible();
});

test('a new project gets its extension, and every getting-started step opens its screen', async ({
  page,
}) => {
  await host.op('project.close', {});
  await page.goto(host.url);
  await page.getByTestId('project-new').click();
  await answerPathPrompt(page, path.join(host.workspace, 'projects', '第九届初赛'));
  await expect(page.getByTestId('project-name')).toContainText('第九届初赛');
  const current = (await host.op('project.current', {})) as { path: string };
  expect(current.path).toBe(path.join(host.workspace, 'projects', '第九届初赛.sailreview'));

  const steps = page.getByTestId('getting-started').locator('.ant-steps-item');
  await expect(steps).toHaveCount(4);
  // The next step to take (the first here: entries) opens on a click like the others.
  const heading = page.locator('.sail-page-head h4');
  for (const [index, title] of [
    [0, '申报项目'],
    [1, '评分细则'],
    [2, '评审专家'],
    [3, '评审批次'],
  ] as const) {
    await page.getByTestId('nav-overview').click();
    await steps.nth(index).click();
    await expect(heading).toHaveText(title);
  }
});

test('a window opened on an open project asked for its first screen before drawing anything', async ({
  page,
}) => {
  await newProjectOpen('启动');
  // When the window first drew: the first element React put into #root.
  await page.addInitScript(() => {
    new MutationObserver((_changes, observer) => {
      const root = document.getElementById('root');
      if (root?.firstElementChild) {
        (window as { firstDrawn?: number }).firstDrawn = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const asked: string[] = [];
  const assets: string[] = [];
  page.on('request', (request) => {
    const operation = /\/api\/op\/([\w.]+)$/.exec(request.url())?.[1];
    if (operation) asked.push(operation);
    if (request.url().includes('/assets/')) assets.push(request.url());
  });
  await page.goto(host.url);
  await expect(page.getByTestId('overview-reviewers')).toBeVisible();
  const timing = await page.evaluate(() => ({
    drawn: (window as { firstDrawn?: number }).firstDrawn ?? Infinity,
    overview:
      performance
        .getEntriesByType('resource')
        .find((entry) => entry.name.endsWith('/api/op/project.overview'))?.startTime ?? Infinity,
  }));
  expect(timing.overview).toBeLessThan(timing.drawn);
  // Each asked once: the first screen took the early answers rather than asking again.
  for (const operation of [
    'project.current',
    'project.overview',
    'project.integrity',
    'rounds.list',
    'desk.state',
  ]) {
    expect(
      asked.filter((name) => name === operation),
      operation,
    ).toHaveLength(1);
  }
  // What index.html preloads is what the app then uses: no script or stylesheet fetched twice.
  expect(assets.length).toBeGreaterThan(1);
  expect(assets.filter((url, i) => assets.indexOf(url) !== i)).toEqual([]);
});

test('a screen shown for the first time replaces the one before with no spinner between', async ({
  page,
}) => {
  await newProjectOpen('切换');
  await page.goto(host.url);
  await expect(page.getByTestId('overview-reviewers')).toBeVisible();
  // Whatever the content area is given from here on: a spinner in place of a screen is counted.
  await page.evaluate(() => {
    const noted = window as { spinners?: number };
    noted.spinners = 0;
    new MutationObserver((changes) => {
      for (const change of changes) {
        change.addedNodes.forEach((node) => {
          if (
            node instanceof Element &&
            (node.matches('.sail-boot') || node.querySelector('.sail-boot'))
          ) {
            noted.spinners = (noted.spinners ?? 0) + 1;
          }
        });
      }
    }).observe(document.querySelector('.sail-content') ?? document.body, {
      childList: true,
      subtree: true,
    });
  });
  // The rounds screen's code is not loaded until it is first shown.
  await page.getByTestId('nav-rounds').click();
  await expect(page.locator('.sail-page-head h4')).toHaveText('评审批次');
  expect(await page.evaluate(() => (window as { spinners?: number }).spinners)).toBe(0);
});
