// Runs the end-to-end tests (test/playwright.config.ts). On Linux without a display, under
// xvfb-run when it is installed, so the Electron spec can open its window wherever an Electron
// binary exists; Chromium runs headless either way. Arguments go to `playwright test`.
import { spawnSync } from 'node:child_process';

const playwright = ['playwright', 'test', '--config', 'test/playwright.config.ts'];
const args = [...playwright, ...process.argv.slice(2)];
const headless =
  process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const hasXvfb =
  headless && spawnSync('sh', ['-c', 'command -v xvfb-run'], { stdio: 'ignore' }).status === 0;
const [command, commandArgs] = hasXvfb
  ? ['xvfb-run', ['-a', '--server-args=-screen 0 1440x900x24', 'npx', ...args]]
  : ['npx', args];
const run = spawnSync(command, commandArgs, { stdio: 'inherit' });
process.exit(run.status ?? 1);
