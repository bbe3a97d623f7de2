// The expert's queue and the organiser's board in Chromium against the local host: an expert puts
// an entry off (it moves to the end) and recuses from another with the reason (it leaves the
// queue); the progress board names the entry left short and follows scores that another process
// (the CLI) writes into the file; results stay hidden at the expert desk until the round is
// locked and the organiser shares them.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { opInPage, REPO_ROOT, startTestHost, type TestHost } from './host';
import { choose, guideShot, openDemoRound } from './steps';

let host: TestHost;
const FILE = '进度.sailreview';
const SCORES = { net: 18, level: 12, app: 20, impact: 20, sec: 8, rep: 4 };

test.beforeAll(async () => {
  host = await startTestHost();
  await openDemoRound(host, FILE);
  await host.op('assignments.run', { round: '复赛', per_entry: 3, seed: 1 });
});

test.afterAll(async () => {
  await host.stop();
});

const queueItems = (page: Page) => page.getByTestId('queue-item');

test('an expert puts an entry off and recuses from another; the board shows it and follows the CLI', async ({
  page,
}) => {
  await page.goto(host.url);
  await page.getByTestId('nav-scoring').click();
  await choose(page, page.getByTestId('scoring-reviewer-select'), 'R00101');
  await expect(queueItems(page).first()).toBeVisible();
  const before = await queueItems(page).evaluateAll((items) =>
    items.map((item) => item.getAttribute('data-entry-id') ?? ''),
  );
  expect(before.length).toBeGreaterThanOrEqual(4);
  const [first, second] = before;

  // 稍后再评: the first entry goes to the end, marked, and the form moves on to the next.
  await expect(queueItems(page).first()).toHaveAttribute('aria-current', 'true');
  await page.getByTestId('entry-defer').click();
  await expect(queueItems(page).last()).toHaveAttribute('data-entry-id', first ?? '');
  await expect(queueItems(page).last()).toHaveAttribute('data-deferred', 'true');
  await expect(page.locator(`[data-testid="queue-item"][aria-current="true"]`)).toHaveAttribute(
    'data-entry-id',
    second ?? '',
  );

  // 声明回避 on the second, with a draft typed: the reason is required, then it leaves the queue.
  await page.locator('input[data-testid="score-net"]').fill('11');
  await page.getByTestId('entry-recuse').click();
  await expect(page.getByTestId('entry-recuse-ok')).toBeDisabled();
  await page.getByTestId('entry-recuse-reason').fill('本人曾参与该项目的方案设计');
  await page.getByTestId('entry-recuse-ok').click();
  await expect(queueItems(page)).toHaveCount(before.length - 1);
  await expect(page.locator(`[data-testid="queue-item"][data-entry-id="${second}"]`)).toHaveCount(
    0,
  );
  await page.screenshot({ path: test.info().outputPath('queue-after-recusal.png') });
  // A click on the entry already open takes the caret back to its form.
  await page.locator('[data-testid="queue-item"][aria-current="true"]').click();
  await expect(page.locator('input[data-testid="score-net"]')).toBeFocused();

  // The organiser's board: the entry is short of an expert, with the recusal counted.
  const entries = (await host.op('scoring.queue', { round: '复赛', reviewer: 'R00102' })) as Array<{
    entry: { id: number; entry_id: string };
  }>;
  const recusedId = await host.op('conflicts.list', { round: '复赛', reviewer_id: 'R00101' });
  const recused = (
    recusedId as { conflicts: Array<{ entry_id: string; source: string }> }
  ).conflicts.find((c) => c.source === 'declared');
  expect(recused).toBeDefined();
  await page.getByTestId('nav-progress').click();
  const short = page.getByTestId('progress-short-entry');
  await expect(short).toHaveCount(1);
  await expect(short).toHaveAttribute('data-entry-id', recused?.entry_id ?? '');
  await expect(page.getByTestId('progress-short')).toContainText('少于 3 位');
  const r102 = page.locator('[data-testid="progress-expert"][data-reviewer-id="R00102"]');
  await expect(r102.getByTestId('progress-submitted')).toHaveText(`0 / ${entries.length}`);
  await guideShot(page, 'progress-board', { fullPage: true });

  // Another process submits two of R00102's reviews: the board follows without a click.
  const project = path.join(host.workspace, 'projects', FILE);
  const scores = test.info().outputPath('R00102.csv');
  writeFileSync(
    scores,
    [
      'entry_id,reviewer_id,criterion,score',
      ...entries
        .slice(0, 2)
        .flatMap(({ entry }) =>
          Object.entries(SCORES).map(
            ([key, points]) => `${entry.entry_id},R00102,${key},${points}`,
          ),
        ),
    ].join('\n'),
  );
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
  await expect(r102.getByTestId('progress-submitted')).toHaveText(`2 / ${entries.length}`, {
    timeout: 20_000,
  });
});

async function signIn(page: Page, reviewer: string, pin: string): Promise<void> {
  await page.getByTestId('desk-expert').click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: reviewer })
    .click();
  await page.getByTestId('desk-pin').fill(pin);
  await page.getByTestId('desk-sign-in-button').click();
  await expect(page.getByTestId('expert-banner')).toContainText(reviewer);
}

test('experts see the panel’s results only once the round is locked and shared', async ({
  page,
}) => {
  // The organiser locks the round and opens the desk without sharing the results.
  await host.op('rounds.lock', { round: '复赛' });
  await host.op('reviewers.setPin', { reviewer_id: 'R00103', pin: '3579' });
  await host.op('desk.settings', { organiser_pin: '9999' });
  await host.op('desk.open', {});
  await page.goto(host.url);
  await signIn(page, 'R00103', '3579');
  await expect(page.getByTestId('round-locked-banner')).toBeVisible();
  await expect(page.getByTestId('desk-tab-results')).toHaveCount(0);
  expect((await opInPage(page, 'ranking.rank', { round: '复赛' })).ok).toBe(false);

  // The organiser leaves the desk with their PIN, shares the results, and opens it again.
  await host.op('desk.close', { organiser_pin: '9999' });
  await host.op('rounds.shareResults', { round: '复赛', shown: true });
  await host.op('desk.open', {});
  await page.reload();
  await signIn(page, 'R00103', '3579');
  await page.getByTestId('desk-tab-results').click();
  const rows = page.getByTestId('desk-result-row');
  await expect(rows).toHaveCount(12);
  await expect(page.getByTestId('desk-results')).toContainText('评审结果');
  await guideShot(page, 'desk-results');
  // Back to the queue, read-only in a locked round.
  await page.getByText('我的评审').click();
  await expect(page.getByTestId('scoring-queue')).toBeVisible();
  await host.op('desk.close', { organiser_pin: '9999' });
});
