// Starts the built local host (dist/electron/host.cjs) as its own process with a fresh
// workspace, the way `npm run dev:web` does, and stops it again.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** shared/ sits beside the repository, here and in CI. */
export const SAMPLES = path.resolve(REPO_ROOT, '..', 'shared', 'samples');

export interface TestHost {
  url: string;
  workspace: string;
  /** Calls an operation over the host's HTTP API, as the page would; throws on a failure. */
  op(name: string, input: unknown): Promise<unknown>;
  stop(): Promise<void>;
}

export function assertBuilt(...files: string[]): void {
  const missing = files.filter((file) => !existsSync(path.join(REPO_ROOT, file)));
  if (missing.length > 0) {
    throw new Error(`Not built: ${missing.join(', ')}. Run \`npm run build\` first.`);
  }
}

export async function startTestHost(): Promise<TestHost> {
  assertBuilt('dist/electron/host.cjs', 'dist/renderer/index.html');
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'sail-e2e-'));
  const child = spawn(
    process.execPath,
    ['dist/electron/host.cjs', '--port', '0', '--workspace', workspace],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /SailReview host listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`host exited (${code}): ${stderr}`)));
  });
  return {
    url,
    workspace,
    op: async (name, input) => {
      const response = await fetch(`${url}/api/op/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      const result = (await response.json()) as { ok: boolean; value?: unknown };
      if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result)}`);
      return result.value;
    },
    stop: async () => {
      await stopChild(child);
      rmSync(workspace, { recursive: true, force: true });
    },
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
