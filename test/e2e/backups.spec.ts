// Backups in the window (Chromium against the local host, which backs up as the app does): the
// overview names the backup taken on opening and its folder, one more is taken on request, and a
// backup that failed is shown until one succeeds.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startTestHost, type TestHost } from './host';

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
