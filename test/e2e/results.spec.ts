// The Results page in Chromium against the local host, on the demo round (12 factory
// candidates, 5 experts): the explain drawer, the discussion queue walked by keyboard, saving and
// finalising a shortlist with an override, robustness with borderline entries, what-if weights
// and the charts (checked by their data, not pixels).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { REPO_ROOT, SAMPLES, startTestHost, type TestHost } from './host';
import { choose, guideShot, inputOf } from './steps';

const demo = (file: string) => path.join(SAMPLES, 'demo-round', file);
let host: TestHost;

test.beforeAll(async () => {
  host = await startTestHost();
  await host.op('project.create', {
    path: path.join(host.workspace, 'projects', '结果.sailreview'),
  });
  await host.op('entries.import', { path: demo('entries.csv'), programme: 'pioneer' });
  await host.op('rubrics.import', {
    rubric: JSON.parse(readFileSync(demo('rubric.json'), 'utf8')),
  });
  await host.op('reviewers.import', { path: demo('reviewers.csv') });
  await host.op('rounds.create', {
    name: '复赛',
    programme: 'pioneer',
    stage: '复赛',
    sectors: ['factory'],
  });
  await host.op('scores.import', { round: '复赛', path: demo('scores.csv') });
});

test.afterAll(async () => {
  await host.stop();
});

async function openResults(page: Page): Promise<void> {
  await page.goto(host.url);
  await choose(page, page.getByTestId('round-select'), '复赛');
  await page.getByTestId('nav-ranking').click();
  await expect(page.getByTestId('ranking-table').locator('.ant-table-row')).toHaveCount(12);
}

async function openTab(page: Page, tab: string): Promise<void> {
  await page.getByTestId(`results-tab-${tab}`).click();
}

async function setTopN(page: Page, n: number): Promise<void> {
  const input = inputOf(page, 'rule-top');
  await input.fill(String(n));
  await input.press('Tab');
}

test('a click on an entry explains its reviews and the tie-break against its neighbours', async ({
  page,
}) => {
  await openResults(page);
  await guideShot(page, 'ranking');
  await page.locator('[data-testid="ranking-row"][data-entry-id="S001-010"]').click();
  const drawer = page.getByTestId('explain-drawer');
  await expect(drawer).toContainText('S001-010');
  await expect(drawer.getByTestId('explain-score')).toHaveText('74.50');
  await expect(drawer.getByTestId('explain-review')).toHaveCount(5);
  // Same score and all-judge mean as S001-009 above it: 应用成效 (impact) decides, 18.20 vs 18.40.
  const above = drawer.getByTestId('explain-above');
  await expect(above).toHaveAttribute('data-decided-by', 'criterion:impact');
  await expect(above).toContainText('S001-009');
  await expect(above).toContainText('应用成效：18.20 vs 18.40');
  await expect(drawer.getByTestId('explain-below')).toHaveAttribute('data-decided-by', 'score');
  await guideShot(page, 'explain');
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  // Under the trimmed mean the same drawer shows the two totals dropped.
  await choose(page, page.getByTestId('ranking-method'), '去掉最高分');
  await page.locator('[data-testid="ranking-row"][data-entry-id="S001-009"]').click();
  await expect(drawer.getByTestId('explain-score')).toHaveText('75.50');
  await expect(drawer.locator('[data-testid="explain-review"][data-dropped="true"]')).toHaveCount(
    2,
  );
  await expect(drawer.getByTestId('explain-method')).toContainText('去掉的总分');
});

test('the chair walks the discussion queue by keyboard and sees which criteria disagree', async ({
  page,
}) => {
  await openResults(page);
  await openTab(page, 'discussion');
  await setTopN(page, 3);
  const position = page.getByTestId('discussion-position');
  await expect(position).toHaveText('1 / 7');
  const current = page.getByTestId('discussion-current');
  await expect(current).toHaveAttribute('data-entry-id', 'S001-001');
  await expect(
    current.locator('[data-testid="spread-row"][data-driver="true"]').first(),
  ).toBeVisible();
  // Keys typed into the rule's fields stay theirs: leave the field, then walk the queue.
  await position.click();
  await page.keyboard.press('ArrowRight');
  await expect(position).toHaveText('2 / 7');
  await expect(current).toHaveAttribute('data-entry-id', 'S001-007');
  const item = page.locator('[data-testid="discussion-item"][data-entry-id="S001-007"]');
  await expect(item.locator('[data-reason="near_cut"]')).toBeVisible();
  await expect(item.locator('[data-reason="disagreement"]')).toBeVisible();
  await page.getByTestId('discussion-next').click();
  await expect(current).toHaveAttribute('data-entry-id', 'S001-008');
  await page.keyboard.press('k');
  await expect(current).toHaveAttribute('data-entry-id', 'S001-007');
  await page.getByTestId('discussion-explain').click();
  await expect(page.getByTestId('explain-drawer')).toContainText('S001-007');
});

test('a shortlist is saved with its rule and finalised with a recorded reason', async ({
  page,
}) => {
  await openResults(page);
  await openTab(page, 'shortlists');
  await setTopN(page, 9);
  await expect(page.getByTestId('shortlist-preview-count')).toHaveAttribute('data-count', '9');
  // The mean ranks S001-004 (two reviews) 9th; the other methods would not: borderline.
  await expect(
    page.locator('[data-testid="shortlist-row"][data-entry-id="S001-004"]'),
  ).toHaveAttribute('data-flags', 'insufficient_reviews borderline');
  await page.getByTestId('shortlist-name').fill('复赛入围名单');
  await page.getByTestId('shortlist-save').click();
  const saved = page.locator('[data-testid="saved-shortlist"][data-name="复赛入围名单"]');
  await expect(saved).toHaveAttribute('data-status', 'draft');
  await saved.getByTestId('shortlist-view').click();
  const detail = page.getByTestId('shortlist-detail');
  await expect(detail.getByTestId('shortlist-row')).toHaveCount(9);
  await detail.getByTestId('shortlist-finalise').click();
  await expect(page.getByTestId('override-ok')).toBeDisabled();
  await page.getByTestId('override-reason').fill('专家组一致同意，S001-004 已现场核查');
  await page.getByTestId('override-ok').click();
  await expect(detail).toHaveAttribute('data-status', 'final');
  await expect(detail).toContainText('专家组一致同意，S001-004 已现场核查');
  await guideShot(page, 'shortlist');
  await page.keyboard.press('Escape');
  await expect(saved).toHaveAttribute('data-status', 'final');
  await expect(saved.getByTestId('shortlist-delete')).toHaveCount(0);
});

test('robustness shows every method, τ-b and borderline entries; what-if writes nothing', async ({
  page,
}) => {
  await openResults(page);
  await openTab(page, 'robustness');
  await setTopN(page, 9);
  await expect(page.getByTestId('robustness-borderline')).toHaveAttribute('data-count', '3');
  await expect(
    page.locator('[data-testid="robustness-row"][data-entry-id="S001-004"]'),
  ).toHaveAttribute('data-ranks', '9,11,11,11');
  await expect(
    page.locator('[data-testid="kendall-cell"][data-a="trimmed"][data-b="zscore"]'),
  ).toHaveText('1.000');

  const auditBefore = ((await host.op('project.verify', {})) as { audit_events: number })
    .audit_events;
  await setTopN(page, 3);
  // Only 关键环节应用 (app) counts: S001-009 and S001-010 move in, S001-007 and S001-008 out.
  for (const [key, value] of Object.entries({
    net: 0,
    level: 0,
    impact: 0,
    sec: 0,
    rep: 0,
    app: 100,
  })) {
    await inputOf(page, `whatif-weight-${key}`).fill(String(value));
  }
  await expect(page.getByTestId('whatif-sum')).toContainText('100');
  const summary = page.getByTestId('whatif-summary');
  await expect(summary).toHaveAttribute('data-in', /S001-009/);
  await expect(summary).toHaveAttribute('data-in', /S001-010/);
  await expect(summary).toHaveAttribute('data-out', /S001-007/);
  await expect(
    page.locator('[data-testid="whatif-row"][data-entry-id="S001-008"]'),
  ).toHaveAttribute('data-movement', 'out');
  const verify = (await host.op('project.verify', {})) as { audit_events: number; ok: boolean };
  expect(verify).toMatchObject({ ok: true, audit_events: auditBefore });
});

test('the charts render with the round’s data', async ({ page }) => {
  await openResults(page);
  await openTab(page, 'charts');
  const series = async (id: string) => {
    const chart = page.getByTestId(id);
    await expect(chart).toHaveAttribute('data-rendered', 'true');
    await expect(chart.locator('canvas')).toHaveCount(1);
    return JSON.parse((await chart.getAttribute('data-series')) ?? '[]') as Array<{
      type: string;
      points: number;
    }>;
  };
  expect(await series('chart-reviewers')).toEqual([
    { name: '专家总分', type: 'boxplot', points: 5 },
  ]);
  expect(await series('chart-entries')).toEqual([
    { name: '项目总分', type: 'boxplot', points: 12 },
  ]);
  expect(await series('chart-sectors')).toEqual([{ name: '工厂', type: 'bar', points: 10 }]);
});

test('a score file imported from the command line shows once the window is back in focus', async ({
  page,
}) => {
  await openResults(page);
  const row = page.locator('[data-testid="ranking-row"][data-entry-id="S001-004"]');
  await expect(row).toContainText('63.50');
  // An organiser imports a third review of S001-004 (full marks) with the CLI, on the same file.
  const scores = path.join(host.workspace, 'third-review.csv');
  const full = { net: 20, level: 15, app: 25, impact: 25, sec: 10, rep: 5 };
  writeFileSync(
    scores,
    [
      'entry_id,reviewer_id,criterion,score',
      ...Object.entries(full).map(([key, points]) => `S001-004,R00102,${key},${points}`),
    ].join('\n'),
  );
  const project = path.join(host.workspace, 'projects', '结果.sailreview');
  const cli = spawnSync(
    process.execPath,
    [
      path.join(REPO_ROOT, 'bin', 'sail-review.cjs'),
      'scores',
      'import',
      project,
      scores,
      '--round',
      '复赛',
    ],
    { encoding: 'utf8' },
  );
  expect(cli.status, cli.stderr).toBe(0);
  // (127 + 100) / 3 = 75.67, once the window asks what changed.
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await expect(row).toContainText('75.67');
});
