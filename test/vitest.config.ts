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
    // two at a time keep both cores of a 2-core CI machine busy, where vitest's default
    // (cores - 1) runs one. Every file works in temporary folders of its own.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // A CLI test starts the CLI a score of times: on a busy 2-core machine, beside the other
    // file, that can pass 30 s without anything being wrong. A hang still fails.
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
