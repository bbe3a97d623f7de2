// Backups and the integrity check in the window (Chromium against the local host, which backs up
// and checks as the app does): the overview names the backup taken on opening and its folder, one
// more is taken on request, and a backup that failed is shown until one succeeds; it says when
// every page of the file was last checked (in the background after opening, or on request) and
// what a check found.
import {
  closeSync,
  existsSync,
  openSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { SAMPLES, startTestHost, type TestHost } from './host';

let host: TestHost;
let project = '';

test.beforeAll(async () => {
  host = await startTestHost();
  project = path.join(host.workspace, 'projects', '备份.sailreview');
  await host.op('project.create', { path: project });
});

test.afterAll(async () => {
  await host.stop();
});

test('the overview shows the backup taken on opening and takes another on request', async ({
  page,
}) => {
  await page.goto(host.url);
  const card = page.getByTestId('backups');
  await expect(card.getByTestId('backup-newest')).toHaveAttribute('data-count', '1');
  await expect(card.getByTestId('backup-folder')).toHaveText(`${project}-备份`);
  // Backups are named to the second: once the clock has moved on, the next is a file of its own.
  const taken = Math.floor(Date.now() / 1000);
  await expect.poll(() => Math.floor(Date.now() / 1000)).toBeGreaterThan(taken);
  await card.getByTestId('backup-now').click();
  await expect(page.locator('.ant-message')).toContainText(`已备份到 ${project}-备份`);
  await expect(card.getByTestId('backup-newest')).toHaveAttribute('data-count', '2');
  await expect(card.getByTestId('backup-newest')).toContainText('共 2 份');
  expect(existsSync(`${project}-备份`)).toBe(true);
});

test('a failed automatic backup is shown, and cleared by a backup that succeeds', async ({
  page,
}) => {
  const blocked = path.join(host.workspace, 'projects', '无法备份.sailreview');
  // A file where the backup folder should be: the backup on opening cannot be written.
  writeFileSync(`${blocked}-备份`, 'not a folder');
  await host.op('project.create', { path: blocked });
  await page.goto(host.url);
  const card = page.getByTestId('backups');
  await expect(card.getByTestId('backup-failed')).toContainText('自动备份失败，项目仍可正常使用');
  await expect(card.getByTestId('backup-failed')).toContainText('无法备份项目');
  await expect(card.getByTestId('backup-newest')).toHaveText('还没有备份');

  rmSync(`${blocked}-备份`);
  await card.getByTestId('backup-now').click();
  await expect(card.getByTestId('backup-newest')).toHaveAttribute('data-count', '1');
  await expect(card.getByTestId('backup-failed')).toHaveCount(0);
});

test('the overview says when the file was last checked, and checks it again on request', async ({
  page,
}) => {
  // Opened, not created: the background check runs after opening a file.
  await host.op('project.open', { path: project });
  await page.goto(host.url);
  const last = page.getByTestId('integrity').getByTestId('integrity-last');
  await expect(last).toHaveAttribute('data-state', 'ok');
  await expect(last).toHaveAttribute('data-running', 'no');
  await expect(last).toContainText('正常');
  const first = (await last.getAttribute('data-checked-at')) ?? '';
  await page.getByTestId('integrity-now').click();
  await expect(last).not.toHaveAttribute('data-checked-at', first);
  await expect(last).toHaveAttribute('data-state', 'ok');
  await expect(page.getByTestId('integrity-problem')).toHaveCount(0);
});

test('a damaged file opens, and the background check shows what it found', async ({ page }) => {
  const damaged = path.join(host.workspace, 'projects', '损坏.sailreview');
  await host.op('project.create', { path: damaged });
  await host.op('entries.import', {
    path: path.join(SAMPLES, 'demo-round', 'entries.csv'),
    programme: 'pioneer',
  });
  const backup = (await host.op('project.backup', {})) as { path: string };
  await host.op('project.close', {});
  // Garbage over a page in the middle of the file (the entries' pages, not the schema's).
  const size = statSync(damaged).size;
  const fd = openSync(damaged, 'r+');
  writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, Math.floor(size / 2 / 4096) * 4096 + 100);
  closeSync(fd);
  await host.op('project.open', { path: damaged });
  await page.goto(host.url);
  const last = page.getByTestId('integrity').getByTestId('integrity-last');
  await expect(last).toHaveAttribute('data-state', 'problem');
  await expect(last).toContainText('发现问题');
  await expect(page.getByTestId('integrity-problem')).toContainText('项目文件已损坏');
  await expect(page.getByTestId('integrity-problem')).toContainText(`最近的备份是 ${backup.path}`);
});
