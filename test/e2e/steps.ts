// The review path through the real UI, shared by the Chromium spec (local host) and the
// Electron spec (desktop window). Only how a file dialog is answered differs between them.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import Papa from 'papaparse';
import { SAMPLES, type TestHost } from './host';

export const BLOOM_CSV = path.join(SAMPLES, 'bloom-submissions.csv');
export const REVIEWERS_CSV = path.join(SAMPLES, 'reviewers.csv');

/** Answers the dialog that `open` shows: a path prompt or file chooser, or a native dialog. */
export interface Dialogs {
  newProject(page: Page, open: () => Promise<void>, file: string): Promise<void>;
  importFile(page: Page, open: () => Promise<void>, file: string): Promise<void>;
  /** A save dialog for an export; the written path is read from the page afterwards. */
  saveExport(page: Page, open: () => Promise<void>): Promise<void>;
}

/** Browser mode (the local host): a path prompt for project files, a file chooser for imports. */
export const browserDialogs: Dialogs = {
  async newProject(page: Page, open, file) {
    await open();
    await answerPathPrompt(page, file);
  },
  async importFile(page: Page, open, file) {
    const chooser = page.waitForEvent('filechooser');
    await open();
    await (await chooser).setFiles(file);
  },
  // The host writes exports into its workspace without asking.
  saveExport: (_page, open) => open(),
};

/**
 * A screenshot for the user guide (docs/用户手册.md), kept with the test's output; written to
 * the guide's pictures as well when SAIL_GUIDE_IMAGES names their folder (npm run guide:images),
 * so every picture in the guide is what the window showed in a test.
 */
export async function guideShot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  const shot = await page.screenshot({
    path: test.info().outputPath(`${name}.png`),
    fullPage: options.fullPage ?? false,
  });
  const folder = process.env.SAIL_GUIDE_IMAGES;
  if (folder) writeFileSync(path.resolve(folder, `${name}.png`), shot);
}

/**
 * Answers browser mode's path prompt (new project, folder) as people do: type the path, press
 * Enter, rather than clicking OK.
 */
export async function answerPathPrompt(page: Page, file: string): Promise<void> {
  const input = page.getByTestId('path-prompt-input');
  await input.fill(file);
  await input.press('Enter');
  await expect(input).toHaveCount(0);
}

/** The generic 绽放杯 rubric (resources/rubrics/generic.json): five criteria adding up to 100. */
export const GENERIC_SCORES = [
  ['innovation', '18'],
  ['technology', '16.5'],
  ['impact', '22'],
  ['business', '15'],
  ['maturity', '12.5'],
] as const;
export const GENERIC_TOTAL = 84;

const nav = (page: Page, view: string) => page.getByTestId(`nav-${view}`).click();

/** The <input> of an antd input, whether the test id sits on it or on its wrapper. */
export const inputOf = (page: Page, testId: string) =>
  page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`);

/** Picks an option of an antd Select by typing part of its label. */
export async function choose(page: Page, select: Locator, text: string): Promise<void> {
  await select.click();
  await page.keyboard.type(text);
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text })
    .first()
    .click();
}

export async function createProject(page: Page, dialogs: Dialogs, file: string): Promise<void> {
  await dialogs.newProject(page, () => page.getByTestId('project-new').click(), file);
  await expect(page.getByTestId('project-name')).toContainText(path.basename(file, '.sailreview'));
}

export async function importBloomEntries(page: Page, dialogs: Dialogs): Promise<void> {
  await nav(page, 'entries');
  await page.getByTestId('import-button').click();
  await page.getByTestId('programme-select').getByText('绽放杯').click();
  await dialogs.importFile(page, () => page.getByTestId('import-choose-file').click(), BLOOM_CSV);
  // The standard header wording needs no manual mapping: confirm the detected one.
  await expect(page.getByTestId('mapping-detected')).toBeVisible();
  await page.getByTestId('mapping-import').click();
  const result = page.getByTestId('import-result');
  await expect(result.getByTestId('import-rows')).toContainText('300');
  await expect(result.getByTestId('import-inserted')).toContainText('300');
  await expect(result.getByTestId('import-rejected')).toContainText('0');
  await page.getByTestId('import-close').click();
  // The next step clicks the navigation: wait until the dialog's cover is gone.
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('entries-total')).toHaveAttribute('data-total', '300');
}

/** Searches the entries, opens one and checks its source row; returns its entry id. */
export async function searchAndOpenEntry(page: Page): Promise<string> {
  const firstLine = readFileSync(BLOOM_CSV, 'utf8').split(/\r?\n/)[1] ?? '';
  const [entryId = '', , , , title = ''] = firstLine.split(',');
  await inputOf(page, 'entries-search').fill(entryId);
  await expect(page.getByTestId('entries-total')).toHaveAttribute('data-total', '1');
  await page.locator(`[data-testid="entry-row"][data-entry-id="${entryId}"]`).click();
  const drawer = page.getByTestId('entry-drawer');
  await expect(drawer).toContainText(`${entryId} · ${title}`);
  await expect(page.getByTestId('entry-source-table')).toContainText('牵头申报单位');
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await inputOf(page, 'entries-search').fill('');
  await expect(page.getByTestId('entries-total')).toHaveAttribute('data-total', '300');
  return entryId;
}

export async function addGenericRubric(page: Page): Promise<void> {
  await nav(page, 'rubrics');
  await page.getByTestId('rubrics-library').click();
  await page.getByTestId('library-add-generic').click();
  await expect(page.locator('.ant-message')).toContainText('绽放杯5G应用征集大赛通用评审细则');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('rubric-generic')).toBeVisible();
}

export async function importReviewers(page: Page, dialogs: Dialogs): Promise<void> {
  await nav(page, 'reviewers');
  await dialogs.importFile(page, () => page.getByTestId('reviewers-import').click(), REVIEWERS_CSV);
  // A preview first: what would be written, and nothing is until the organiser confirms.
  await expect(page.getByTestId('reviewers-preview')).toContainText('胡建国');
  await expect(page.getByTestId('reviewers-table')).not.toContainText('胡建国');
  await page.getByTestId('reviewers-import-confirm').click();
  await expect(page.getByTestId('reviewers-preview')).toHaveCount(0);
  await expect(page.getByTestId('import-result').getByTestId('import-inserted')).toContainText(
    '40',
  );
  await page.getByTestId('import-close').click();
  // The next step clicks the navigation: wait until the dialog's cover is gone.
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('reviewers-table')).toContainText('胡建国');
}

export async function createRound(page: Page, name: string): Promise<void> {
  await nav(page, 'rounds');
  await page.getByTestId('rounds-create').click();
  await page.getByTestId('round-name').fill(name);
  await page.getByTestId('round-programme').getByText('绽放杯').click();
  await page.getByTestId('round-stage').getByText('初赛').click();
  // One expert scores in this walk: rank entries with a single review.
  const minReviews = page.getByRole('spinbutton', { name: /最少/ });
  await minReviews.fill('1');
  await page.getByTestId('round-submit').click();
  await expect(page.getByTestId('rounds-table')).toContainText(name);
  await expect(page.getByTestId('round-select')).toContainText(name);
  // Experts score once the organiser has started the round.
  await page.getByTestId('round-start').click();
  await page.getByTestId('round-start-confirm').click();
  await expect(page.getByTestId('round-status')).toHaveAttribute('data-status', 'scoring');
}

/** Scores the first entry of the queue with the keyboard as EXP001 and submits; returns its id. */
export async function scoreFirstEntry(page: Page): Promise<string> {
  await choose(page, page.getByTestId('reviewer-select'), 'EXP001');
  await nav(page, 'scoring');
  const summary = page.getByTestId('entry-summary');
  await expect(summary).toBeVisible();
  const entryId = (
    await summary.locator('.ant-typography-secondary').first().textContent()
  )?.trim();
  // Opening the entry puts the caret in its first score.
  await expect(inputOf(page, `score-${GENERIC_SCORES[0][0]}`)).toBeFocused();
  // The focused criterion's guide: its four levels, one per line, each level's points in bold.
  const levels = page.getByTestId('criterion-guide').locator('li');
  await expect(levels).toHaveCount(4);
  await expect(levels.locator('strong')).toHaveText(['0分', '8分', '14分', '20分']);
  await expect(levels.nth(1)).toHaveText('8分：在已有方案上有局部改进，但未说明与同类应用的差异');
  for (const [key, value] of GENERIC_SCORES) {
    await expect(inputOf(page, `score-${key}`)).toBeFocused();
    await page.keyboard.type(value);
    await page.keyboard.press('Enter');
  }
  await expect(page.getByTestId('score-total')).toHaveText(String(GENERIC_TOTAL));
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  await page.keyboard.press('ControlOrMeta+Enter');
  expect(entryId).toBeTruthy();
  // Submitted, and the desk moves on to the next entry, caret in its first score.
  await expect(page.getByTestId('queue-item').filter({ hasText: entryId ?? '' })).toHaveAttribute(
    'data-status',
    'submitted',
  );
  await expect(summary).not.toContainText(entryId ?? '');
  await expect(inputOf(page, `score-${GENERIC_SCORES[0][0]}`)).toBeFocused();
  return entryId ?? '';
}

export async function checkRanking(page: Page, entryId: string): Promise<void> {
  await nav(page, 'ranking');
  const firstRow = page.getByTestId('ranking-table').locator('.ant-table-row').first();
  await expect(firstRow).toContainText(entryId);
  await expect(firstRow.locator('.ant-table-cell').first()).toHaveText('1');
  await expect(firstRow).toContainText(GENERIC_TOTAL.toFixed(2));
}

/** Exports the ranking as CSV and checks the file: UTF-8 BOM, every entry, the one ranked 1. */
export async function exportCsv(page: Page, dialogs: Dialogs, entryId: string): Promise<string> {
  await nav(page, 'export');
  await page.getByTestId('export-format').getByText('CSV', { exact: true }).click();
  await dialogs.saveExport(page, () => page.getByTestId('export-button').click());
  const exported = (await page.getByTestId('export-path').textContent())?.trim() ?? '';
  expect(exported).toMatch(/\.csv$/);
  const bytes = readFileSync(exported);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const { data } = Papa.parse<Record<string, string>>(bytes.toString('utf8').slice(1), {
    header: true,
    skipEmptyLines: true,
  });
  expect(data).toHaveLength(300);
  await expect(page.getByTestId('export-result')).toContainText('300');
  expect(data[0]).toMatchObject({ '排名 rank': '1', '编号 entry_id': entryId });
  expect(Number(data[0]?.['得分 score'])).toBe(GENERIC_TOTAL);
  return exported;
}

const DEMO = path.join(SAMPLES, 'demo-round');

/**
 * A project holding the demo round (../shared/samples/demo-round): its 领航者 entries, the 5G工厂
 * rubric, its experts, and round 复赛 started, made through the host's API.
 */
export async function openDemoRound(host: TestHost, file: string): Promise<void> {
  await host.op('project.create', { path: path.join(host.workspace, 'projects', file) });
  await host.op('entries.import', { path: path.join(DEMO, 'entries.csv'), programme: 'pioneer' });
  await host.op('rubrics.import', {
    rubric: JSON.parse(readFileSync(path.join(DEMO, 'rubric.json'), 'utf8')) as unknown,
  });
  await host.op('reviewers.import', { path: path.join(DEMO, 'reviewers.csv') });
  await host.op('rounds.create', {
    name: '复赛',
    programme: 'pioneer',
    stage: '复赛',
    sectors: ['factory'],
  });
  await host.op('rounds.start', { round: '复赛' });
}
