// Bundles the Node side (main, preload, CLI, test host, session worker, benchmarks) with esbuild into dist/electron.
// better-sqlite3 and electron stay external: they load native code at run time.
// The CLI is ES modules split at its dynamic imports (dist/electron/cli.mjs and its cli-*.mjs
// chunks): `help` reads only the commands, a command the api when it first calls it, and exceljs
// only an XLSX, so a command starts without reading and compiling the whole 5 MB bundle.
import { build } from 'esbuild';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = join(root, 'dist/electron');
// Chunks are named by their content: the previous build's (and the former cli.cjs) would pile up.
for (const name of existsSync(outdir) ? readdirSync(outdir) : []) {
  if (/^cli[-.]/.test(name)) rmSync(join(outdir, name));
}
// The report font is read from its package at run time (io/export/fonts.ts), never bundled.
const external = [
  'electron',
  'better-sqlite3',
  'playwright-core',
  '@playwright/test',
  '@fontsource/noto-sans-sc',
];

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
      host: 'electron/host/server.ts',
      // The session (store and services) runs here, off the app's and the host's main thread.
      'session-worker': 'electron/api/session-worker.ts',
      // The duplicate check, off the session's thread (api/services/duplicates.ts).
      'duplicates-worker': 'electron/api/duplicates-worker.ts',
      bench: 'test/bench/run.ts',
    },
    external,
  }),
  build({
    ...common,
    entryPoints: { cli: 'electron/cli.ts' },
    format: 'esm',
    splitting: true,
    outExtension: { '.js': '.mjs' },
    // Beside cli.mjs, so that __dirname is the same in every chunk (cli/operations.ts).
    chunkNames: 'cli-[name]-[hash]',
    // What the bundled CommonJS code and io/export/fonts.ts expect of a module (require, __dirname).
    banner: {
      js: [
        "import { createRequire as __sailCreateRequire } from 'node:module';",
        "import { fileURLToPath as __sailFileURLToPath } from 'node:url';",
        "import { dirname as __sailDirname } from 'node:path';",
        'const require = __sailCreateRequire(import.meta.url);',
        'const __filename = __sailFileURLToPath(import.meta.url);',
        'const __dirname = __sailDirname(__filename);',
      ].join(' '),
    },
    // iconv-lite is half a megabyte of code tables, which it loads one encoding at a time when
    // read from its package; the CLI runs where node_modules is (better-sqlite3 is there too).
    external: [...external, 'iconv-lite'],
  }),
  // The preload runs sandboxed: it may require only 'electron', so everything else is bundled in.
  build({ ...common, entryPoints: { preload: 'electron/preload.ts' }, external: ['electron'] }),
]);
