// PDFs printed by a system Chromium through playwright-core (CLI, local host, tests): the same
// print engine as the app's webContents.printToPDF, offline, one browser per print.
import { accessSync, constants, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SailError } from '../../core/errors';
import { LOAD_REPORT_FONTS, type PdfPrinter } from './pdf';

/** Where a Chromium (or Chrome, or Edge) is installed on Linux, macOS and Windows. */
export const CHROMIUM_CANDIDATES: readonly string[] = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
  'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe',
];

/** Commands looked for on PATH when none of the candidates is installed. */
const CHROMIUM_COMMANDS = [
  'chromium',
  'chromium-browser',
  'google-chrome',
  'google-chrome-stable',
  'microsoft-edge',
  'microsoft-edge-stable',
];

/**
 * Chromium's new headless mode builds the address bar's suggestion popups (WebUI pages) for every
 * window it opens, a bar no print shows: a few hundred milliseconds of both cores per print.
 */
const OMNIBOX_POPUP = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'WebUIOmniboxFullPopup'];
/**
 * Chromium reads one --disable-features, the last: Playwright's own list (playwright-core's
 * chromiumSwitches, version 1.65) goes with ours, or it would be dropped.
 */
const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
];

/** Offline and quiet: no updates, sync or background requests while printing. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...OMNIBOX_POPUP].join(',')}`,
];

/**
 * How every report is printed: the page size of its CSS @page rule, backgrounds, and a tagged
 * PDF (its structure lets screen readers and text extraction follow the reading order).
 */
export const PDF_OPTIONS = { preferCSSPageSize: true, printBackground: true, tagged: true };

/** Where to look for a Chromium; the defaults are this process's environment and the list above. */
export interface ChromiumSearch {
  /** SAIL_CHROMIUM names the browser; PATH is searched for the usual commands. */
  env?: NodeJS.ProcessEnv;
  candidates?: readonly string[];
}

function isProgram(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The Chromium to print with: SAIL_CHROMIUM when set, else the first one installed. */
export function findChromium({
  env = process.env,
  candidates = CHROMIUM_CANDIDATES,
}: ChromiumSearch = {}): string {
  const chosen = env.SAIL_CHROMIUM?.trim();
  if (chosen) {
    if (isProgram(chosen)) return chosen;
    throw new SailError(
      'chromium_missing',
      `找不到 SAIL_CHROMIUM 指定的 Chromium：${chosen}。请检查该路径。`,
      `The Chromium named by SAIL_CHROMIUM was not found: ${chosen}. Check the path.`,
    );
  }
  const suffix = process.platform === 'win32' ? '.exe' : '';
  const onPath = (env.PATH ?? '')
    .split(delimiter)
    .filter((folder) => folder !== '')
    .flatMap((folder) => CHROMIUM_COMMANDS.map((command) => join(folder, command + suffix)));
  const found = [...candidates, ...onPath].find(isProgram);
  if (found) return found;
  const commands = CHROMIUM_COMMANDS.filter((command) => !command.endsWith('-stable')).join('、');
  throw new SailError(
    'chromium_missing',
    `生成 PDF 需要 Chromium（或 Google Chrome、Microsoft Edge），但本机未找到：已查找 ${candidates.length} 个常见安装位置和 PATH 中的 ${commands} 命令。请安装 Chromium（Debian/Ubuntu：apt install chromium），或用环境变量 SAIL_CHROMIUM 指定浏览器程序的路径。CSV 与 XLSX 导出不需要浏览器。`,
    `Printing a PDF needs Chromium (or Google Chrome, or Microsoft Edge), and none was found: looked in ${candidates.length} usual install locations and for ${commands.replace(/、/g, ', ')} on PATH. Install Chromium (Debian/Ubuntu: apt install chromium) or set SAIL_CHROMIUM to the browser's path. CSV and XLSX exports need no browser.`,
  );
}

/**
 * The first line of what went wrong: Playwright's messages start with the call
 * ("browserType.launch: ") and go on with pages of logs that help nobody reading a dialog.
 */
function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message
    .split('\n')
    .map((text) => text.trim())
    .find((text) => text !== '');
  return (line ?? '').replace(/^[\w.]+: /, '').slice(0, 300);
}

function chromiumFailed(step: 'launch' | 'print', browser: string, error: unknown): SailError {
  const cause = firstLine(error);
  return step === 'launch'
    ? new SailError(
        'chromium_failed',
        `无法启动用于生成 PDF 的浏览器 ${browser}：${cause}。请确认它能正常运行（例如在终端执行 "${browser}" --version），或用环境变量 SAIL_CHROMIUM 指定另一个 Chromium、Google Chrome 或 Microsoft Edge。`,
        `Could not start the browser that prints PDFs, ${browser}: ${cause}. Check that it runs (e.g. "${browser}" --version in a terminal), or set SAIL_CHROMIUM to another Chromium, Google Chrome or Microsoft Edge.`,
      )
    : new SailError(
        'chromium_failed',
        `浏览器 ${browser} 未能打印 PDF：${cause}。请重试；仍然失败时，请更新该浏览器或用环境变量 SAIL_CHROMIUM 指定另一个。`,
        `The browser ${browser} failed to print the PDF: ${cause}. Try again; if it fails again, update that browser or set SAIL_CHROMIUM to another one.`,
      );
}

/**
 * `work`, or the abort of `signal` should it come first: a Chromium slow to start (a busy
 * machine, a stand-in held by a test) must not hold a cancelled export. What `work` gives after
 * the abort is handed to `discard`.
 */
function unlessAborted<T>(
  work: Promise<T>,
  signal: AbortSignal | undefined,
  discard: (late: T) => void,
): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason as Error);
    if (signal.aborted) abort();
    else signal.addEventListener('abort', abort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        if (signal.aborted) discard(value);
        else resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

export function chromiumPrinter(search: ChromiumSearch = {}): PdfPrinter {
  return {
    async print(html, signal) {
      signal?.throwIfAborted();
      const executablePath = findChromium(search);
      // Loaded only when printing: the CLI's other commands and the app never pay for it.
      const { chromium } = await import('playwright-core');
      // Loaded from a file of a private folder rather than setContent: Chromium reads megabytes
      // from disk much faster than through the DevTools protocol.
      const folder = await mkdtemp(join(tmpdir(), 'sail-print-'));
      try {
        const file = join(folder, 'report.html');
        await writeFile(file, html, { encoding: 'utf8', mode: 0o600 });
        const url = pathToFileURL(file).href;
        const browser = await unlessAborted(
          chromium.launch({ executablePath, args: CHROMIUM_ARGS }).catch((error: unknown) => {
            throw chromiumFailed('launch', executablePath, error);
          }),
          signal,
          (late) => void late.close(),
        );
        const stop = () => void browser.close();
        signal?.addEventListener('abort', stop, { once: true });
        try {
          const context = await browser.newContext({ offline: true });
          const page = await context.newPage();
          // The report and the fonts inside it (data: URLs) load; any other request is refused.
          await page.route('**/*', (route) => {
            const requested = route.request().url();
            return requested === url || requested.startsWith('data:')
              ? route.continue()
              : route.abort();
          });
          await page.goto(url, { waitUntil: 'load' });
          await page.evaluate(LOAD_REPORT_FONTS);
          const pdf = await page.pdf(PDF_OPTIONS);
          signal?.throwIfAborted();
          return pdf;
        } catch (error) {
          signal?.throwIfAborted();
          throw chromiumFailed('print', executablePath, error);
        } finally {
          signal?.removeEventListener('abort', stop);
          await browser.close();
        }
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    },
  };
}
