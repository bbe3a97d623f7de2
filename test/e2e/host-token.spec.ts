// The local host's session token as the page handles it: a page opened without the printed
// link says how to open it; the link works, its token leaves the address bar, and files the
// host wrote still download (fetched with the token, as a link could not send it).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startTestHost, type TestHost } from './host';

let host: TestHost;

test.beforeAll(async () => {
  host = await startTestHost();
  await host.op('project.create', {
    path: path.join(host.workspace, 'projects', '令牌.sailreview'),
  });
});

test.afterAll(async () => {
  await host.stop();
});

test('without the printed link the page says how to open it; with it, it works', async ({
  page,
}) => {
  await page.goto(`${host.origin}/`);
  await expect(page.locator('.ant-alert-error')).toContainText(
    '缺少或错误的访问令牌：请用本地服务启动时打印的链接（含 #token=）打开页面。',
  );
  // The printed link pasted over it: only the fragment changes, and the page starts afresh.
  await page.goto(host.url);
  await expect(page.getByTestId('project-name')).toContainText('令牌');
  expect(page.url()).toBe(`${host.origin}/`);
  // A reload keeps the session.
  await page.reload();
  await expect(page.getByTestId('project-name')).toContainText('令牌');
});

test('a file the host wrote downloads with the token', async ({ page }) => {
  await page.goto(host.url);
  await page.getByTestId('nav-rubrics').click();
  await page.getByTestId('rubric-export-generic-1').click();
  const exported = page.getByTestId('rubric-exported');
  const written = (await exported.getAttribute('data-path')) ?? '';
  const download = page.waitForEvent('download');
  await exported.getByText('下载文件').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(path.basename(written));
  expect(readFileSync(await file.path(), 'utf8')).toBe(readFileSync(written, 'utf8'));
});
