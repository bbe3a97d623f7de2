// The desktop app itself through Playwright's Electron driver: the window's security at run
// time, then the same review path as the Chromium spec with native dialogs answered in main.
// Needs an Electron binary (and better-sqlite3 built for it); without one the tests are skipped
// with the reason printed, never passed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import {
  _electron as electron,
  expect,
  test,
  type ElectronApplication,
  type Page,
} from '@playwright/test';
import { OPERATION_NAMES } from '../../electron/api/channels';
import { REPO_ROOT, assertBuilt } from '../e2e/host';
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
} from '../e2e/steps';

const EXECUTABLES: Partial<Record<NodeJS.Platform, string>> = {
  linux: 'electron',
  win32: 'electron.exe',
  darwin: 'Electron.app/Contents/MacOS/Electron',
};

/** The Electron binary to drive, or why there is none. */
function findElectron(): { executable: string } | { reason: string } {
  const packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const name = EXECUTABLES[process.platform] ?? 'electron';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const executable = override ? path.join(override, name) : path.join(packageDir, 'dist', name);
  if (!existsSync(executable)) {
    return {
      reason: `no Electron binary at ${executable} (run \`npx install-electron\` with internet access, or set ELECTRON_OVERRIDE_DIST_PATH)`,
    };
  }
  if (
    !existsSync(path.join(REPO_ROOT, '.native', `electron-${process.arch}`, 'better_sqlite3.node'))
  ) {
    return {
      reason:
        'better-sqlite3 is not built for Electron (run `node scripts/electron-native.mjs` once with internet access)',
    };
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'no display for the Electron window (run under xvfb-run)' };
  }
  return { executable };
}

const found = findElectron();
const skipReason = 'reason' in found ? found.reason : null;
if (skipReason !== null) console.log(`[electron] skipped: ${skipReason}`);
test.skip(skipReason !== null, skipReason ?? '');
test.describe.configure({ mode: 'serial' });

let app: ElectronApplication;
let page: Page;
let scratch: string;

/** Native dialogs cannot be clicked: main's dialog functions answer with a chosen path instead. */
async function answerSaveDialog(file: string): Promise<void> {
  await app.evaluate(({ dialog }, filePath) => {
    dialog.showSaveDialog = () => Promise.resolve({ canceled: false, filePath });
  }, file);
}

async function answerOpenDialog(file: string): Promise<void> {
  await app.evaluate(({ dialog }, filePath) => {
    dialog.showOpenDialog = () => Promise.resolve({ canceled: false, filePaths: [filePath] });
  }, file);
}

const nativeDialogs: Dialogs = {
  async newProject(_page, open, file) {
    await answerSaveDialog(file);
    await open();
  },
  async importFile(_page, open, file) {
    await answerOpenDialog(file);
    await open();
  },
  async saveExport(_page, open) {
    await answerSaveDialog(path.join(scratch, '初赛-排名.csv'));
    await open();
  },
};

test.beforeAll(async () => {
  if ('reason' in found) return;
  assertBuilt('dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html');
  scratch = mkdtempSync(path.join(os.tmpdir(), 'sail-electron-'));
  // A fresh profile (recent list, window state) and never the dev server.
  const env: Record<string, string> = { SAIL_USER_DATA_DIR: path.join(scratch, 'userData') };
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE' && key !== 'SAIL_DEV_SERVER_URL') {
      env[key] ??= value;
    }
  }
  app = await electron.launch({
    executablePath: found.executable,
    args: [REPO_ROOT],
    cwd: REPO_ROOT,
    env,
  });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  if ('reason' in found) return;
  await app.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

test('the window is isolated, sandboxed and offline', async () => {
  expect(page.url()).toBe('app://renderer/index.html');
  const globals = await page.evaluate(() => {
    const scope = globalThis as Record<string, unknown>;
    return {
      require: typeof scope.require,
      process: typeof scope.process,
      module: typeof scope.module,
      bridge: Object.keys(scope.sail as object).sort(),
    };
  });
  expect(globals).toEqual({
    require: 'undefined',
    process: 'undefined',
    module: 'undefined',
    bridge: [...OPERATION_NAMES, 'events', 'shell'].sort(),
  });

  expect(await page.evaluate(() => window.open('https://example.com/'))).toBeNull();
  const fetched = await page.evaluate(() =>
    fetch('https://example.com/').then(
      () => 'loaded',
      () => 'blocked',
    ),
  );
  expect(fetched).toBe('blocked');
  const csp = await page.evaluate(async () =>
    (await fetch('/index.html')).headers.get('content-security-policy'),
  );
  expect(csp).toContain("default-src 'self'");

  // Waits for main's own will-navigate event (our handler, registered first, has run by then)
  // rather than for a time: the attempt reached main and was refused there.
  const attempt = app.evaluate(
    ({ BrowserWindow }) =>
      new Promise<{ url: string; prevented: boolean }>((resolve) => {
        const [window] = BrowserWindow.getAllWindows();
        window?.webContents.once('will-navigate', (event, url) =>
          resolve({ url, prevented: event.defaultPrevented }),
        );
      }),
  );
  await page.evaluate(() => {
    window.location.href = 'https://example.com/';
  });
  expect(await attempt).toEqual({ url: 'https://example.com/', prevented: true });
  expect(await page.evaluate(() => window.location.href)).toBe('app://renderer/index.html');
});

test('from an empty project to an exported ranking', async () => {
  test.slow();
  await createProject(page, nativeDialogs, path.join(scratch, '第八届绽放杯.sailreview'));
  await importBloomEntries(page, nativeDialogs);
  await searchAndOpenEntry(page);
  await addGenericRubric(page);
  await importReviewers(page, nativeDialogs);
  await createRound(page, '初赛第一批');
  const scored = await scoreFirstEntry(page);
  await checkRanking(page, scored);
  await exportCsv(page, nativeDialogs, scored);

  // The signed PDF, printed by the app's own printer (printToPDF in main, for the session's
  // worker): a real PDF naming the entry ranked first, which the app then recognises as its own.
  const pdf = path.join(scratch, '初赛-排名.pdf');
  await page.getByTestId('export-format').getByText('PDF', { exact: true }).click();
  await answerSaveDialog(pdf);
  await page.getByTestId('export-button').click();
  await expect(page.getByTestId('export-path')).toHaveText(pdf);
  expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  expect(text).toContain('评审结果排名表');
  expect(text).toContain(scored);
  const verified = await page.evaluate((file) => {
    const bridge = (window as unknown as { sail: Record<string, (input: unknown) => unknown> })
      .sail;
    return bridge['export.verify']?.({ path: file });
  }, pdf);
  expect(verified).toMatchObject({ ok: true, value: { ok: true } });
});
