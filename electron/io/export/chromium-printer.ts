// PDFs printed by a system Chromium through playwright-core (CLI, local host, tests): the same
// print engine as the app's webContents.printToPDF, offline, one browser per print.
import { existsSync } from 'node:fs';
import { SailError } from '../../core/errors';
import type { PdfPrinter } from './pdf';

/** Where a Chromium is looked for when SAIL_CHROMIUM does not name one. */
const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

/** Offline and quiet: no updates, sync or background requests while printing. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The Chromium to print with: SAIL_CHROMIUM when set, else the first one installed. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const chosen = env.SAIL_CHROMIUM?.trim();
  if (chosen) {
    if (existsSync(chosen)) return chosen;
    throw new SailError(
      'chromium_missing',
      `找不到 SAIL_CHROMIUM 指定的 Chromium：${chosen}。请检查该路径。`,
      `The Chromium named by SAIL_CHROMIUM was not found: ${chosen}. Check the path.`,
    );
  }
  const found = CHROMIUM_CANDIDATES.find((candidate) => existsSync(candidate));
  if (found) return found;
  throw new SailError(
    'chromium_missing',
    `生成 PDF 需要 Chromium 浏览器，但未找到（已查找 ${CHROMIUM_CANDIDATES[0] ?? ''} 等）。请安装 Chromium（Debian/Ubuntu：apt install chromium），或用环境变量 SAIL_CHROMIUM 指定其路径。CSV 与 XLSX 导出不需要 Chromium。`,
    `Printing a PDF needs Chromium, which was not found (looked for ${CHROMIUM_CANDIDATES[0] ?? ''} and others). Install Chromium (Debian/Ubuntu: apt install chromium) or set SAIL_CHROMIUM to its path. CSV and XLSX exports do not need it.`,
  );
}

export function chromiumPrinter(env: NodeJS.ProcessEnv = process.env): PdfPrinter {
  return {
    async print(html, signal) {
      signal?.throwIfAborted();
      const executablePath = findChromium(env);
      // Loaded only when printing: the CLI's other commands and the app never pay for it.
      const { chromium } = await import('playwright-core');
      const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
      const stop = () => void browser.close();
      signal?.addEventListener('abort', stop, { once: true });
      try {
        const context = await browser.newContext({ offline: true });
        const page = await context.newPage();
        // The document carries its fonts as data: URLs; anything else it asked for is refused.
        await page.route('**/*', (route) => route.abort());
        await page.setContent(html, { waitUntil: 'load' });
        await page.evaluate('document.fonts.ready.then(() => true)');
        const pdf = await page.pdf({
          preferCSSPageSize: true,
          printBackground: true,
          tagged: true,
        });
        signal?.throwIfAborted();
        return pdf;
      } finally {
        signal?.removeEventListener('abort', stop);
        await browser.close();
      }
    },
  };
}
