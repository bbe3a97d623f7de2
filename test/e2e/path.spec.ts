// The whole review day in Chromium against the local host: an organiser sets up a 绽放杯 round,
// an expert scores with the keyboard, and the organiser ranks and exports.
import path from 'node:path';
import { test, type Page } from '@playwright/test';
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
  type Dialogs,
} from './steps';

/** Browser mode: a path prompt for project files, a file chooser for imports. */
const browserDialogs: Dialogs = {
  async newProject(page: Page, open, file) {
    await open();
    await page.getByTestId('path-prompt-input').fill(file);
    await page.getByTestId('path-prompt-ok').click();
  },
  async importFile(page: Page, open, file) {
    const chooser = page.waitForEvent('filechooser');
    await open();
    await (await chooser).setFiles(file);
  },
  // The host writes exports into its workspace without asking.
  saveExport: (_page, open) => open(),
};

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
