// Readies `npm start` for Electron without touching node_modules:
//  1. checks that an Electron binary is there (it cannot always be downloaded), and
//  2. builds better-sqlite3 for Electron's ABI into .native/electron-<arch>/, where main.ts looks
//     (and where electron-builder takes each architecture's copy from).
// `--arch arm64` (or x64) builds for another architecture of this platform, for its installers:
// prebuild-install downloads that binary. node_modules/better-sqlite3 keeps its Node build for the
// CLI, the test host and the tests.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const electronDir = path.dirname(require.resolve('electron/package.json'));
const sqliteDir = path.dirname(require.resolve('better-sqlite3/package.json'));
const electronVersion = JSON.parse(
  readFileSync(path.join(electronDir, 'package.json'), 'utf8'),
).version;
const sqliteVersion = JSON.parse(
  readFileSync(path.join(sqliteDir, 'package.json'), 'utf8'),
).version;
const archArg = process.argv.indexOf('--arch');
const arch = archArg === -1 ? process.arch : (process.argv[archArg + 1] ?? process.arch);
const outDir = path.join(root, '.native', `electron-${arch}`);
const binding = path.join(outDir, 'better_sqlite3.node');
const stampFile = path.join(outDir, 'stamp.json');
const stamp = {
  electron: electronVersion,
  'better-sqlite3': sqliteVersion,
  platform: process.platform,
  arch,
};

function fail(zh, en) {
  console.error(`\n✖ ${zh}\n  ${en}\n`);
  process.exit(1);
}

// ---- 1. the Electron binary ----
const pathFile = path.join(electronDir, 'path.txt');
const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
const electronBinary = process.env.ELECTRON_OVERRIDE_DIST_PATH
  ? path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, executable)
  : path.join(electronDir, 'dist', executable);
// Another architecture's binding is for its installers only: this machine does not run it.
if (arch === process.arch && !existsSync(electronBinary)) {
  fail(
    `找不到 Electron ${electronVersion} 可执行文件：${electronBinary}\n` +
      '  请联网运行 `npx install-electron`，或把 ELECTRON_OVERRIDE_DIST_PATH 设为已解压的 Electron 目录。',
    `Electron ${electronVersion} binary not found: ${electronBinary}\n` +
      '  Run `npx install-electron` with internet access, or set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron folder.',
  );
}

// ---- 2. better-sqlite3 for Electron's ABI ----
const readStamp = () => {
  try {
    return readFileSync(stampFile, 'utf8');
  } catch {
    return null;
  }
};
if (existsSync(binding) && readStamp() === JSON.stringify(stamp)) {
  console.log(
    `better-sqlite3 ${sqliteVersion} for Electron ${electronVersion}: up to date (.native/electron-${arch})`,
  );
  process.exit(0);
}

// npm passes its config as npm_config_* variables; the project's nodedir (Node's own headers)
// would make node-gyp build for Node's ABI instead of Electron's.
const env = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) => !/^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|platform)$/i.test(key),
  ),
);
/** Builds the binding in a copy of the package; true when build/Release holds it. */
function buildInCopy(work) {
  cpSync(sqliteDir, work, {
    recursive: true,
    filter: (source) => path.relative(sqliteDir, source).split(path.sep)[0] !== 'build',
  });
  const run = (script, args) =>
    spawnSync(process.execPath, [script, ...args], { cwd: work, env, stdio: 'inherit' }).status ===
    0;
  const target = [`--target=${electronVersion}`, `--arch=${arch}`];
  const ok =
    run(require.resolve('prebuild-install/bin.js'), [
      '--runtime=electron',
      ...target,
      `--platform=${process.platform}`,
    ]) ||
    run(require.resolve('node-gyp/bin/node-gyp.js'), [
      'rebuild',
      '--release',
      '--runtime=electron',
      ...target,
      '--dist-url=https://electronjs.org/headers',
    ]);
  const built = path.join(work, 'build', 'Release', 'better_sqlite3.node');
  if (!ok || !existsSync(built) || statSync(built).size === 0) return false;
  mkdirSync(outDir, { recursive: true });
  cpSync(built, `${binding}.tmp`);
  renameSync(`${binding}.tmp`, binding);
  writeFileSync(stampFile, JSON.stringify(stamp));
  return true;
}

console.log(
  `Building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${process.platform}-${arch})…`,
);
const work = mkdtempSync(path.join(os.tmpdir(), 'sail-native-'));
let ok;
try {
  ok = buildInCopy(work);
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (!ok) {
  fail(
    '无法为 Electron 构建 better-sqlite3。首次需要联网一次（下载预编译包或 Electron 头文件）；' +
      '从源码编译还需要 Python 3 和 C++ 编译器。',
    'Could not build better-sqlite3 for Electron. The first build needs internet access once ' +
      '(a prebuilt binary or the Electron headers); building from source also needs Python 3 and a C++ compiler.',
  );
}
console.log(`better-sqlite3 for Electron ${electronVersion} → ${path.relative(root, binding)}`);
