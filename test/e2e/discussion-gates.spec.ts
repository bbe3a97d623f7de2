// Gates in the results of a round of 5G mines in Chromium: an entry two of three experts failed
// on a gate is listed in the discussion queue with the gate that put it out, the chair sees
// every gate's vote, and a top-p % shortlist states the base it counts (without that entry).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { gatedScoresCsv } from '../support/gated-scores';
import { SAMPLES, startTestHost, type TestHost } from './host';
import { choose, inputOf } from './steps';

const ROUND = '矿山复赛';
let host: TestHost;
let out = '';
let entryCount = 0;

test.beforeAll(async () => {
  host = await startTestHost();
  await host.op('project.create', {
    path: path.join(host.workspace, 'projects', '矿山.sailreview'),
  });
  await host.op('entries.import', {
    path: path.join(SAMPLES, 'pioneer-candidates.xlsx'),
    programme: 'pioneer',
  });
  await host.op('reviewers.import', { path: path.join(SAMPLES, 'reviewers.csv') });
  await host.op('rounds.create', {
    name: ROUND,
    programme: 'pioneer',
    stage: '初赛',
    sectors: ['mine'],
  });
  const detail = (await host.op('rounds.get', { round: ROUND })) as {
    pins: Array<{ rubric: Parameters<typeof gatedScoresCsv>[0] }>;
  };
  const queue = (await host.op('scoring.queue', { round: ROUND, reviewer: 'EXP001' })) as Array<{
    entry: { entry_id: string };
  }>;
  const entries = queue.map(({ entry }) => entry.entry_id);
  out = entries[0] ?? '';
  entryCount = entries.length;
  const csv = path.join(host.workspace, 'scores.csv');
  writeFileSync(
    csv,
    gatedScoresCsv(
      detail.pins[0]?.rubric ?? { criteria: [], gates: [] },
      entries,
      ['EXP001', 'EXP002', 'EXP003'],
      (entryId, gate, expert) => entryId === out && gate === 'licence' && expert < 2,
    ),
  );
  await host.op('scores.import', { round: ROUND, path: csv });
});

test.afterAll(async () => {
  await host.stop();
});

async function openResults(page: Page, tab: string): Promise<void> {
  await page.goto(host.url);
  await choose(page, page.getByTestId('round-select'), ROUND);
  await page.getByTestId('nav-ranking').click();
  await page.getByTestId(`results-tab-${tab}`).click();
}

test('an entry out on a gate is queued with the gate named and every gate’s vote', async ({
  page,
}) => {
  await openResults(page, 'discussion');
  const item = page.locator(`[data-testid="discussion-item"][data-entry-id="${out}"]`);
  await expect(item).toContainText(`${out} · 未通过门槛项：证照齐全有效`);
  await expect(item.locator('[data-reason="gate_split"]')).toHaveText('门槛项意见不一');
  await item.click();
  const current = page.getByTestId('discussion-current');
  await expect(current).toHaveAttribute('data-entry-id', out);
  await expect(current).toContainText('未通过门槛项：证照齐全有效');
  await expect(current.getByTestId('discussion-gates')).toContainText(
    '证照齐全有效（采矿许可证、安全生产许可证等） 2/3 判不通过；系统稳定运行满规定期限（2–3个月） 0/3 判不通过',
  );
});

test('a top-p % shortlist says how many ranked entries it counts and how it rounds', async ({
  page,
}) => {
  await openResults(page, 'shortlists');
  await choose(page, page.getByTestId('rule-kind'), '前 p%');
  const percent = inputOf(page, 'rule-percent');
  await percent.fill('30');
  await percent.press('Tab');
  const ranked = entryCount - 1; // the entry out on a gate is not counted
  const admitted = Math.ceil((ranked * 30) / 100);
  await expect(page.getByTestId('shortlist-percent-base')).toHaveText(
    `前 30% 按已排名的 ${ranked} 个项目计算（未通过门槛项和没有评审的项目不计）：${ranked} × 30% = ${(ranked * 30) / 100}，向上取整为 ${admitted} 个；与入围线同分的项目一并入围。`,
  );
});
