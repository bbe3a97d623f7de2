import { defineConfig } from 'vitest/config';

const electron = new URL('../electron', import.meta.url).pathname;
const shared = new URL('../renderer/src/shared', import.meta.url).pathname;

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
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
