// End-to-end tests: `chromium` walks the real UI served by the local host; `electron` drives the
// desktop app itself and skips, saying why, where no Electron binary exists.
import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS } from '../electron/io/export/chromium-printer';

// The hosts and apps the tests start sign with a key of their own, never the user's
// (io/organiser-keys.ts); the workers and what they start inherit it.
process.env.SAIL_KEY_DIR ??= mkdtempSync(join(tmpdir(), 'sail-e2e-keys-'));

export default defineConfig({
  // Each spec starts its own host (or app) with a fresh workspace, so two specs can run at once:
  // a test spends most of its time waiting on the page, the host or Chromium, and one worker
  // left a 2-core machine half idle (59 tests: 4.2 min with one worker, 3.1 min with two, on a
  // loaded machine). The tests of a spec still run in order, in one worker.
  fullyParallel: false,
  workers: 2,
  // A flaky path must fail loudly, not pass on a second try.
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: 'list',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  outputDir: '../test-results',
  use: {
    locale: 'zh-CN',
    // A failed test keeps its trace with DOM snapshots; the screencast (a JPEG per frame, for
    // every test) cost a third of the run on two cores.
    trace: { mode: 'retain-on-failure', screenshots: false },
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      testDir: './e2e',
      use: {
        browserName: 'chromium',
        // As with the system setting, dialogs open without zooming: a click on a dialog still
        // scaling in can miss its button (reduced-motion.spec.ts checks both settings).
        reducedMotion: 'reduce',
        viewport: { width: 1440, height: 900 },
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          // The printer's own: offline and quiet, without the address bar's popups that every
          // test's window would build (a few hundred milliseconds of both cores each time).
          args: CHROMIUM_ARGS,
        },
      },
    },
    { name: 'electron', testDir: './electron' },
  ],
});
