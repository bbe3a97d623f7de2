// `npm run dev`: the renderer from Vite's dev server (hot reload) inside the Electron window.
// main.ts follows SAIL_DEV_SERVER_URL only when unpackaged and only for a loopback address.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

// The Electron binary and the Electron build of better-sqlite3 (exits with a message if missing).
const native = spawnSync(process.execPath, ['scripts/electron-native.mjs'], {
  cwd: root,
  stdio: 'inherit',
});
if (native.status !== 0) process.exit(native.status ?? 1);

const server = await createServer({
  configFile: `${root}renderer/vite.config.ts`,
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
});
await server.listen();
const url = server.resolvedUrls?.local[0];
if (!url) throw new Error('Vite did not report a local URL');
server.printUrls();

const electronPath = createRequire(import.meta.url)('electron');
const env = { ...process.env, SAIL_DEV_SERVER_URL: url };
delete env.ELECTRON_RUN_AS_NODE;
const electron = spawn(electronPath, ['.'], { cwd: root, env, stdio: 'inherit' });

const stop = (code) => {
  void server.close().then(() => process.exit(code));
};
electron.on('exit', (code) => stop(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => electron.kill(signal));
}
