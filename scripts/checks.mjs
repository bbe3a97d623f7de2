// The checks before the tests (`npm test`): lint and the type check run at once, each on a core
// of its own (both are single-threaded), each one's output shown whole when it ends, and a
// failure of either is reported after both have finished, so neither hides the other.
import { spawn } from 'node:child_process';

const checks = ['lint', 'typecheck'];
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(script) {
  return new Promise((resolve) => {
    const child = spawn(npm, ['run', '--silent', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: process.platform === 'win32',
    });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => output.push(Buffer.from(`${error.message}\n`)));
    child.on('close', (code) => {
      process.stdout.write(`\n> npm run ${script}\n${Buffer.concat(output).toString()}`);
      resolve({ script, ok: code === 0 });
    });
  });
}

const results = await Promise.all(checks.map(run));
const failed = results.filter((result) => !result.ok).map((result) => result.script);
if (failed.length > 0) {
  console.error(`\nFailed: ${failed.map((script) => `npm run ${script}`).join(', ')}`);
  process.exit(1);
}
