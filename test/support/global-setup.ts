// CLI tests run the real bundle (dist/electron/cli.mjs): build the Node side once per run.
import { execFileSync } from 'node:child_process';
import { repoRoot } from './paths';

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build-electron.mjs'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
}
