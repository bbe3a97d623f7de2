// In a browser every chosen file is uploaded to the host and read from its copy there; a file
// that is refused is named as the user chose it, never by the copy under uploads/.
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startTestHost, type TestHost } from './host';

let host: TestHost;

test.beforeAll(async () => {
  host = await startTestHost();
  await host.op('project.create', {
    path: path.join(host.workspace, 'projects', '上传.sailreview'),
  });
});

test.afterAll(async () => {
  await host.stop();
});

/** Answers the browser's file chooser with a file made on the spot. */
async function upload(page: Page, open: () => Promise<void>, name: string, content: Buffer) {
  const chooser = page.waitForEvent('filechooser');
  await open();
  await (await chooser).setFiles({ name, mimeType: 'application/octet-stream', buffer: content });
}

test('a refused entries file and rubric file are named as the user chose them', async ({
  page,
}) => {
  await page.goto(host.url);
  await page.getByTestId('nav-entries').click();
  await page.getByTestId('import-button').click();
  await upload(
    page,
    () => page.getByTestId('import-choose-file').click(),
    '第八届报名表.csv',
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48]),
  );
  const refusal = page.getByRole('dialog').locator('.ant-alert-error');
  await expect(refusal).toContainText(
    '文件“第八届报名表.csv”不是文本表格（含二进制内容）。请提供 CSV、XLSX 或 JSON 文件。',
  );
  await expect(refusal).not.toContainText('uploads');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await page.getByTestId('nav-rubrics').click();
  await page.getByTestId('rubrics-import-json').click();
  await upload(
    page,
    () => page.getByTestId('rubric-import-file').click(),
    '矿山细则.json',
    Buffer.from('{"sector": "mine", "name_zh": 5G}'),
  );
  const problem = page.getByTestId('rubric-import-problem');
  await expect(problem).toContainText('文件不是有效的 JSON（矿山细则.json）');
  await expect(problem).not.toContainText('uploads');
});
