// A crash in the middle of an entry: the host (the process that holds the file, as the app's
// main process does) is killed with SIGKILL while the expert types. Every score the form showed
// as saved (已保存) is in the file when it is opened again; what was typed after that is either
// there whole or not at all.
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startTestHost, type TestHost } from './host';
import { choose, inputOf, openDemoRound } from './steps';

const FILE = '断电.sailreview';
const TYPED = [
  ['net', '18'],
  ['level', '12.5'],
  ['app', '21'],
  ['impact', '19.5'],
] as const;
const COMMENT = '现场查看了5G专网与MEC部署情况';

let restarted: TestHost | null = null;

test.afterAll(async () => {
  await restarted?.stop();
});

test('a crash mid-entry loses no score that was shown as saved', async ({ page }) => {
  const host = await startTestHost();
  await openDemoRound(host, FILE);
  await page.goto(host.url);
  await page.getByTestId('nav-scoring').click();
  await choose(page, page.getByTestId('scoring-reviewer-select'), 'R00101');
  const current = page.locator('[data-testid="queue-item"][aria-current="true"]');
  const entry = Number(await current.getAttribute('data-entry-id'));
  const saveState = page.getByTestId('save-state');

  // Each score is typed, then shown as saved before the next: the state the expert trusts.
  for (const [key, value] of TYPED) {
    await inputOf(page, `score-${key}`).fill(value);
    await expect(saveState).toHaveAttribute('data-state', 'saved');
  }
  // More typed, and the process dies before (or while) it is saved.
  await page.getByTestId('review-comment').pressSequentially(COMMENT);
  await host.crash();

  restarted = await startTestHost({ workspace: host.workspace });
  await restarted.op('project.open', { path: path.join(host.workspace, 'projects', FILE) });
  const form = (await restarted.op('scoring.get', {
    round: '复赛',
    reviewer: 'R00101',
    entry,
  })) as { review: { scores: Record<string, number | null>; comment: string } };
  for (const [key, value] of TYPED) expect(form.review.scores[key], key).toBe(Number(value));
  // The comment was saved as some prefix of what was typed, never as anything else.
  expect(COMMENT.startsWith(form.review.comment)).toBe(true);
  expect(
    (await restarted.op('project.verify', {})) as { ok: boolean },
    'the file is intact after the crash',
  ).toMatchObject({ ok: true });
});
