import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

const electron = new URL('../electron', import.meta.url).pathname;
const shared = new URL('../renderer/src/shared', import.meta.url).pathname;

// Tests (and the CLI and hosts they start) sign with a key of their own, never the user's
// (io/organiser-keys.ts): one key folder per run.
const keyDir = process.env.SAIL_KEY_DIR ?? mkdtempSync(join(tmpdir(), 'sail-test-keys-'));

export default defineConfig({
  // The renderer's aliases (renderer/vite.config.ts), for unit tests of its Node-free modules.
  resolve: {
    alias: [
      { find: /^@core\/(.*)$/, replacement: `${electron}/core/$1` },
      { find: /^@shared\/(.*)$/, replacement: `${shared}/$1` },
    ],
  },
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    env: { SAIL_KEY_DIR: keyDir },
    // Most files wait on another process much of the time (the CLI, Chromium, a host, poppler):
    // with two files on a 2-core machine, none of their processes was ready to run a sixth of
    // the time and only one was another quarter. Two more files than cores keep them busy (on 2
    // cores the suite went from 194 s to 135 s, back to back on a loaded machine) without a
    // many-core machine starting a Chromium per file twice over. Every file works in temporary
    // folders of its own.
    maxWorkers: availableParallelism() + 2,
    // A CLI test starts the CLI a score of times: on a busy 2-core machine, beside the other
    // files, that can pass 30 s without anything being wrong. A hang still fails.
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
