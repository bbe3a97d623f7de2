// The whole review day in Chromium against the local host: an organiser sets up a 绽放杯 round,
// an expert scores with the keyboard, and the organiser ranks and exports.
import path from 'node:path';
import { test } from '@playwright/test';
import { startTestHost, type TestHost } from './host';
import {
  addGenericRubric,
  checkRanking,
  createProject,
  createRound,
  exportCsv,
  importBloomEntries,
  importReviewers,
  scoreFirstEntry,
  searchAndOpenEntry,
  browserDialogs,
} from './steps';

let host: TestHost;

test.beforeAll(async () => {
  host = await startTestHost();
});

test.afterAll(async () => {
  await host.stop();
});

test('from an empty project to an exported ranking', async ({ page }) => {
  // A long walk (300 entries, 40 experts) on a small machine.
  test.slow();
  await page.goto(host.url);
  await createProject(
    page,
    browserDialogs,
    path.join(host.workspace, 'projects', '第八届绽放杯.sailreview'),
  );
  await importBloomEntries(page, browserDialogs);
  await searchAndOpenEntry(page);
  await addGenericRubric(page);
  await importReviewers(page, browserDialogs);
  await createRound(page, '初赛第一批');
  const scored = await scoreFirstEntry(page);
  await checkRanking(page, scored);
  await exportCsv(page, browserDialogs, scored);
});
