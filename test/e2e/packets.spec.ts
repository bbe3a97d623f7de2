// Work that travels as files, in Chromium against the local host: the organiser exports an
// encrypted panel package for one expert; the expert opens it (the passphrase asked, a wrong one
// refused), scores two entries and sends a signed score packet; back in the organiser's project,
// where one of those reviews was changed meanwhile, the import takes one review and shows the
// other as a clash side by side, which the organiser settles by taking the packet's version.
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startTestHost, type TestHost } from './host';
import {
  answerPathPrompt,
  browserDialogs,
  choose,
  guideShot,
  inputOf,
  openDemoRound,
} from './steps';

let host: TestHost;
const FILE = '评审包.sailreview';
const PASSPHRASE = 'venue-2026-评审';
const SCORES = { net: 18, level: 12, app: 20, impact: 20, sec: 8, rep: 4 };

test.beforeAll(async () => {
  host = await startTestHost();
  await openDemoRound(host, FILE);
  await host.op('assignments.run', { round: '复赛', per_entry: 3, seed: 1 });
});

test.afterAll(async () => {
  await host.stop();
});

async function scoreAndSubmit(page: Page, points: Record<string, number>): Promise<void> {
  for (const [key, value] of Object.entries(points)) {
    await inputOf(page, `score-${key}`).fill(String(value));
  }
  await page.getByTestId('submit-review').click();
}

test('a package out, a signed packet back, a clash settled side by side', async ({ page }) => {
  test.slow();
  const organiserFile = path.join(host.workspace, 'projects', FILE);
  await page.goto(host.url);
  await page.getByTestId('nav-panel').click();
  await page.getByTestId('panel-tab-packages').click();
  await page.getByTestId('package-export').click();
  await choose(page, page.getByTestId('package-reviewer'), 'R00101');
  await page.getByTestId('package-passphrase').fill(PASSPHRASE);
  await page.getByTestId('package-passphrase-again').fill(PASSPHRASE);
  await guideShot(page, 'package-export');
  await page.getByTestId('package-export-ok').click();
  const issued = page.locator('[data-testid="package-row"][data-reviewer-id="R00101"]');
  await expect(issued).toContainText('已加密');

  // The expert's side: the package opens with its passphrase only.
  await page.getByTestId('project-close').click();
  await page.getByTestId('project-open').click();
  await answerPathPrompt(page, path.join(host.workspace, 'exports', '复赛-R00101.sailpanel'));
  await page.getByTestId('passphrase-input').fill('not the passphrase');
  await page.getByTestId('passphrase-ok').click();
  await expect(page.locator('.ant-modal-confirm')).toContainText('口令');
  await page.getByTestId('passphrase-input').fill(PASSPHRASE);
  await page.getByTestId('passphrase-ok').click();
  await expect(page.getByTestId('expert-banner')).toContainText('R00101');
  const queue = page.getByTestId('queue-item');
  const first = await queue.nth(0).getAttribute('data-entry-id');
  const second = await queue.nth(1).getAttribute('data-entry-id');
  await scoreAndSubmit(page, SCORES);
  await expect(queue.nth(0)).toHaveAttribute('data-status', 'submitted');
  await expect(page.locator('[data-testid="queue-item"][aria-current="true"]')).toHaveAttribute(
    'data-entry-id',
    second ?? '',
  );
  await scoreAndSubmit(page, { ...SCORES, net: 15 });
  await expect(queue.nth(1)).toHaveAttribute('data-status', 'submitted');
  await page.getByTestId('packet-send').click();
  await expect(page.locator('.ant-message')).toContainText('评分包已保存');
  await guideShot(page, 'package-desk');
  await page.getByTestId('package-close').click();

  // The organiser's project, where R00101's second review was typed from a paper form meanwhile.
  await host.op('project.open', { path: organiserFile });
  const entryTwo = Number(second);
  await host.op('scoring.save', {
    round: '复赛',
    reviewer: 'R00101',
    entry: entryTwo,
    scores: { ...SCORES, net: 9 },
  });
  await page.reload();
  await page.getByTestId('nav-panel').click();
  await page.getByTestId('panel-tab-packages').click();
  await browserDialogs.importFile(
    page,
    () => page.getByTestId('packet-import').click(),
    path.join(host.workspace, 'exports', '复赛-R00101-评分包.sailscores'),
  );
  const result = page.getByTestId('packet-import-result');
  await expect(result).toContainText('采用的评分1');
  await expect(result).toContainText('冲突1');
  // The packet as the organiser chose it, not the host's copy of the upload.
  await expect(result).toContainText('复赛-R00101-评分包.sailscores');
  await page.getByTestId('packet-import-done').click();

  const clash = page.getByTestId('packet-clash');
  await expect(clash).toHaveCount(1);
  await expect(clash).toContainText('9');
  await expect(clash).toContainText('15');
  await guideShot(page, 'packet-clash', { fullPage: true });
  await clash.getByTestId('clash-take-packet').click();
  await expect(page.getByTestId('packet-clash')).toHaveCount(0);
  const settled = (await host.op('scoring.get', {
    round: '复赛',
    reviewer: 'R00101',
    entry: entryTwo,
  })) as { review: { scores: Record<string, number>; status: string } };
  expect(settled.review).toMatchObject({ status: 'submitted', scores: { net: 15 } });
  const taken = (await host.op('scoring.get', {
    round: '复赛',
    reviewer: 'R00101',
    entry: Number(first),
  })) as { review: { scores: Record<string, number>; status: string } };
  expect(taken.review).toMatchObject({ status: 'submitted', scores: { net: 18 } });

  // The review's history says where each version came from: the paper form typed in the
  // project, then the packet's version taken when the clash was settled.
  await choose(page, page.getByTestId('reviewer-select'), 'R00101');
  await page.getByTestId('nav-scoring').click();
  const secondItem = page.locator(`[data-testid="queue-item"][data-entry-id="${second}"]`);
  await secondItem.click();
  // The pane moves to the entry once its form has come: until then the history button is the
  // entry before's, and its dialog would close with the pane.
  await expect(secondItem).toHaveAttribute('aria-current', 'true');
  await page.getByTestId('review-history-open').click();
  const steps = page.getByTestId('review-history-step');
  await expect(steps).toHaveCount(2);
  await expect(steps.nth(0)).toHaveAttribute('data-action', 'review.save');
  await expect(steps.nth(0)).toContainText('评审表');
  await expect(steps.nth(1)).toHaveAttribute('data-action', 'packet.resolve');
  await expect(steps.nth(1)).toContainText('评分包');
  await expect(steps.nth(1)).toContainText('5G网络基础设施：9 → 15');
  await guideShot(page, 'review-history');
});
