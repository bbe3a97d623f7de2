// Attachments and duplicates in Chromium against the local host: an organiser links a folder of
// files named by entry id and views an image and a PDF offline in the entry drawer; a file changed
// on disk is refused; and a case submitted to two tracks shows up under 疑似重复.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { startTestHost, type TestHost } from './host';
import { answerPathPrompt } from './steps';

const ENTRIES = [
  '项目编号,项目名称,牵头申报单位,赛区或专题,项目简介',
  'B2025-0001,5G+智慧矿山无人驾驶运输应用,山西焦煤集团有限责任公司,5G+智能采矿,井下无人驾驶运输',
  'B2025-0002,5G+智能考试应用,重庆交通职业技术学院,5G+数字教育,智能考试',
  'B2025-0003,5G+智慧矿山无人驾驶运输应用项目,山西焦煤集团有限公司,5G+工业互联网,井下运输',
].join('\n');

/** A solid-colour RGB PNG of the given size, built chunk by chunk. */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const row = Buffer.concat([
    Buffer.from([0]),
    Buffer.alloc(width * 3, Buffer.from([47, 124, 246])),
  ]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A one-page PDF saying `text`, with a correct cross-reference table. */
function pdf(text: string): Buffer {
  const stream = `BT /F1 24 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

let host: TestHost;
let folder: string;

// The project, its entries and the files on disk are set up per worker, not by a test, so either
// test also runs alone.
test.beforeAll(async () => {
  host = await startTestHost();
  await host.op('project.create', {
    path: path.join(host.workspace, 'projects', '附件.sailreview'),
  });
  const csv = path.join(host.workspace, 'entries.csv');
  writeFileSync(csv, ENTRIES);
  await host.op('entries.import', { path: csv, programme: 'bloom' });
  folder = path.join(host.workspace, '附件');
  mkdirSync(path.join(folder, 'B2025-0001'), { recursive: true });
  writeFileSync(path.join(folder, 'B2025-0001_现场照片.png'), png(40, 30));
  writeFileSync(path.join(folder, 'B2025-0001', '申报书.pdf'), pdf('SailReview attachment'));
  writeFileSync(path.join(folder, '说明.txt'), 'not an entry');
});

test.afterAll(async () => {
  await host.stop();
});

/** The <input> of an antd input, whether the test id sits on it or on its wrapper. */
const inputOf = (page: Page, testId: string) =>
  page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`);

async function openEntry(page: Page, entryId: string): Promise<void> {
  await inputOf(page, 'entries-search').fill(entryId);
  await expect(page.getByTestId('entries-total')).toHaveAttribute('data-total', '1');
  await page.locator(`[data-testid="entry-row"][data-entry-id="${entryId}"]`).click();
  await expect(page.getByTestId('entry-drawer')).toContainText(entryId);
}

test('an attachments folder is linked and its image and PDF are viewed offline', async ({
  page,
}) => {
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  await page.goto(host.url);
  await page.getByTestId('nav-entries').click();
  await expect(page.getByTestId('entries-total')).toHaveAttribute('data-total', '3');
  await page.getByTestId('attachments-link-button').click();
  // Browser mode has no folder dialog: the path prompt stands in for it.
  await page.getByTestId('attachments-choose-folder').click();
  await answerPathPrompt(page, folder);
  await expect(page.getByTestId('attachments-linked')).toHaveAttribute('data-linked', '2');
  await expect(page.getByTestId('attachments-unmatched')).toHaveText('说明.txt');
  await page.getByTestId('attachments-close').click();

  await openEntry(page, 'B2025-0001');
  const attachments = page.getByTestId('entry-attachments');
  await expect(attachments.getByTestId('attachment')).toHaveCount(2);
  const image = attachments.getByTestId('attachment-image');
  await expect(image).toHaveAttribute('src', /^blob:/);
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(40);
  const frame = attachments.getByTestId('attachment-pdf');
  await expect(frame).toHaveAttribute('src', /^blob:/);
  await expect(frame).toHaveAttribute('title', 'B2025-0001/申报书.pdf');
  expect(cspViolations).toEqual([]);

  // Changed on disk after linking: refused, saying so, rather than shown.
  await page.keyboard.press('Escape');
  writeFileSync(path.join(folder, 'B2025-0001_现场照片.png'), png(41, 30));
  await openEntry(page, 'B2025-0001');
  await expect(page.getByTestId('attachment-error')).toContainText('附件已被修改或移动');
  await expect(page.getByTestId('attachment-pdf')).toHaveAttribute('src', /^blob:/);
});

test('a case sent to two tracks is listed under 疑似重复 and opens from there', async ({
  page,
}) => {
  await page.goto(host.url);
  await page.getByTestId('nav-entries').click();
  await expect(page.getByTestId('duplicates-count')).toHaveAttribute('data-count', '1');
  await page.getByTestId('entries-view').getByText('疑似重复').click();
  const pair = page.getByTestId('duplicate-pair');
  await expect(pair).toHaveCount(1);
  await expect(pair).toHaveAttribute('data-a', 'B2025-0001');
  await expect(pair).toHaveAttribute('data-b', 'B2025-0003');
  await expect(pair).toContainText('不同赛道');
  await expect(pair.getByTestId('duplicate-title-similarity')).toHaveText(/名称相似度 \d+%/);
  await pair.locator('[data-testid="duplicate-entry"][data-entry-id="B2025-0003"]').click();
  await expect(page.getByTestId('entry-drawer')).toContainText(
    'B2025-0003 · 5G+智慧矿山无人驾驶运输应用项目',
  );
});
