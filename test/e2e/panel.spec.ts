// The panel, organiser's side, in Chromium against the local host: an expert added by hand, the
// conflicts (回避) the sample files imply found and decided, an exact assignment of K experts to
// every entry that never gives an entry an expert it conflicts with, and a manual change onto a
// conflict refused until the organiser gives a reason, which stays on the assignment.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import Papa from 'papaparse';
import type { Conflict, EntryAssignment } from '../../electron/api/contract';
import { opInPage, startTestHost, type TestHost } from './host';
import {
  BLOOM_CSV,
  browserDialogs,
  createProject,
  guideShot,
  importBloomEntries,
  importReviewers,
  inputOf,
  REVIEWERS_CSV,
} from './steps';

let host: TestHost;

test.beforeAll(async () => {
  host = await startTestHost();
});

test.afterAll(async () => {
  await host.stop();
});

const PER_ENTRY = 3;

/** The sample entries as the organiser's file has them: id, applicant and partner units. */
function sampleEntries(): { id: string; units: string[] }[] {
  const rows = Papa.parse<Record<string, string>>(
    readFileSync(BLOOM_CSV, 'utf8').replace(/^\uFEFF/, ''),
    {
      header: true,
      skipEmptyLines: true,
    },
  ).data;
  return rows.map((row) => ({
    id: row['项目编号'] ?? '',
    units: [row['牵头申报单位'] ?? '', ...(row['联合申报单位'] ?? '').split('、')].filter(Boolean),
  }));
}

/** An expert of the sample list who declared a 回避单位, and an entry that names it verbatim. */
function declaredPair(): { reviewer: string; entry: string } {
  const experts = Papa.parse<Record<string, string>>(
    readFileSync(REVIEWERS_CSV, 'utf8').replace(/^\uFEFF/, ''),
    { header: true, skipEmptyLines: true },
  ).data;
  const entries = sampleEntries();
  for (const expert of experts) {
    for (const unit of (expert['回避单位'] ?? '').split(/[、;；]/).filter(Boolean)) {
      const entry = entries.find((e) => e.units.includes(unit));
      if (entry) return { reviewer: expert['专家编号'] ?? '', entry: entry.id };
    }
  }
  throw new Error('the sample files hold no declared conflict');
}

async function value<T>(page: Page, operation: string, input: object): Promise<T> {
  const result = await opInPage(page, operation, input);
  expect(result.ok, result.error?.message_en).toBe(true);
  return result.value as T;
}

test('experts, conflicts and an exact assignment, with a manual override kept', async ({
  page,
}) => {
  test.slow();
  await page.goto(host.url);
  await createProject(
    page,
    browserDialogs,
    path.join(host.workspace, 'projects', '分配.sailreview'),
  );
  await importBloomEntries(page, browserDialogs);
  await importReviewers(page, browserDialogs);

  // An expert added by hand, from 中国电信 in Chongqing: the entries with 中国电信重庆分公司 as a
  // partner conflict with them, found by name although written differently.
  await page.getByTestId('reviewer-add').click();
  await page.getByTestId('reviewer-id').fill('EXP900');
  await page.getByTestId('reviewer-name').fill('钱立新');
  await page.getByTestId('reviewer-organisation').fill('中国电信重庆分公司');
  await page.getByTestId('reviewer-save').click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('reviewers-table')).toContainText('钱立新');

  await page.getByTestId('nav-rounds').click();
  await page.getByTestId('rounds-create').click();
  await page.getByTestId('round-name').fill('初赛分配');
  await page.getByTestId('round-programme').getByText('绽放杯').click();
  await page.getByTestId('round-submit').click();
  await expect(page.getByTestId('round-select')).toContainText('初赛分配');

  await page.getByTestId('nav-panel').click();
  await page.getByRole('tab', { name: '回避' }).click();
  await page.getByTestId('conflicts-detect').click();
  await expect(page.getByTestId('conflicts-detected')).toBeVisible();
  const declared = declaredPair();
  const table = page.getByTestId('conflicts-table');
  await expect(table).toContainText(declared.entry);

  const chongqing = sampleEntries().find((e) => e.units.includes('中国电信股份有限公司重庆分公司'));
  expect(chongqing).toBeDefined();
  const found = await value<{ conflicts: Conflict[] }>(page, 'conflicts.list', {
    reviewer_id: 'EXP900',
  });
  expect(found.conflicts.map((c) => c.entry_id)).toContain(chongqing?.id);
  await guideShot(page, 'conflicts');

  // Dismissing one needs a reason, and the pair then leaves the potential list.
  const dismissed = found.conflicts[0] as Conflict;
  await page.getByTestId('conflicts-search').fill(dismissed.entry_id);
  await page.getByTestId(`conflict-dismiss-${dismissed.reviewer_id}-${dismissed.entry_id}`).click();
  await expect(page.getByTestId('conflict-decide-ok')).toBeDisabled();
  await page.getByTestId('conflict-reason').fill('已离职，不再任职于该单位');
  await page.getByTestId('conflict-decide-ok').click();
  await page.getByTestId('conflicts-filter').getByText('已排除').click();
  await expect(table).toContainText('已离职，不再任职于该单位');

  // The assignment: plan, then solve.
  await page.getByRole('tab', { name: '分配' }).click();
  await inputOf(page, 'assign-per-entry').fill(String(PER_ENTRY));
  await expect(page.getByTestId('assign-plan')).toContainText('300');
  await page.getByTestId('assign-run').click();
  await expect(page.getByTestId('assign-outcome')).toBeVisible();

  const assigned = await value<EntryAssignment[]>(page, 'assignments.list', { round: '初赛分配' });
  const all = await value<{ conflicts: Conflict[] }>(page, 'conflicts.list', {});
  const barred = new Set(
    all.conflicts
      .filter((c) => c.status !== 'dismissed')
      .map((c) => `${c.reviewer_id} ${c.entry_id}`),
  );
  expect(assigned).toHaveLength(300);
  const loads = new Map<string, number>();
  for (const entry of assigned) {
    const ids = entry.reviewers.map((r) => r.reviewer_id);
    expect(new Set(ids).size).toBe(PER_ENTRY);
    for (const id of ids) {
      expect(barred.has(`${id} ${entry.entry_id}`)).toBe(false);
      loads.set(id, (loads.get(id) ?? 0) + 1);
    }
  }
  expect(Math.max(...loads.values()) - Math.min(...loads.values())).toBeLessThanOrEqual(1);

  // By hand: the declared conflict is refused until a reason is given, then kept with it.
  const entry = assigned.find((e) => e.entry_id === declared.entry) as EntryAssignment;
  await page.getByTestId('assign-search').fill(declared.entry);
  await page.getByTestId(`assign-add-${declared.entry}`).click();
  await page.keyboard.type(declared.reviewer);
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: declared.reviewer })
    .click();
  await expect(page.getByTestId('assign-override-message')).toContainText('回避');
  await page.getByTestId('assign-override-reason').fill('该领域专家不足，经主办方同意');
  await page.getByTestId('assign-override-ok').click();
  await expect(
    page
      .getByTestId(`assigned-${declared.entry}`)
      .getByTestId(`assigned-reviewer-${declared.reviewer}`),
  ).toContainText('⚠');
  const after = await value<EntryAssignment[]>(page, 'assignments.list', { round: '初赛分配' });
  const changed = after.find((e) => e.entry_id === declared.entry) as EntryAssignment;
  expect(changed.reviewers).toHaveLength(entry.reviewers.length + 1);
  expect(changed.reviewers.find((r) => r.reviewer_id === declared.reviewer)?.override_reason).toBe(
    '该领域专家不足，经主办方同意',
  );
  await guideShot(page, 'assignment', { fullPage: true });
});
