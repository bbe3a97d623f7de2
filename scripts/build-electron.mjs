// Bundles the Node side (main, preload, CLI, test host, session worker, benchmarks) with esbuild into dist/electron.
// better-sqlite3 and electron stay external: they load native code at run time.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  outExtension: { '.js': '.cjs' },
  outdir: 'dist/electron',
};

await Promise.all([
  build({
    ...common,
    entryPoints: {
      main: 'electron/main.ts',
      cli: 'electron/cli.ts',
      host: 'electron/host/server.ts',
      // The session (store and services) runs here, off the app's and the host's main thread.
      'session-worker': 'electron/api/session-worker.ts',
      bench: 'test/bench/run.ts',
    },
    // The report font is read from its package at run time (io/export/fonts.ts), never bundled.
    external: [
      'electron',
      'better-sqlite3',
      'playwright-core',
      '@playwright/test',
      '@fontsource/noto-sans-sc',
    ],
  }),
  // The preload runs sandboxed: it may require only 'electron', so everything else is bundled in.
  build({ ...common, entryPoints: { preload: 'electron/preload.ts' }, external: ['electron'] }),
]);
