// Starts the built local host (dist/electron/host.cjs) as its own process with a fresh
// workspace, the way `npm run dev:web` does, and stops it again. The host prints its link with
// the session token; tests open that link and send the token, as the page does.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { HOST_TOKEN_HEADER } from '../../electron/api/channels';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** shared/ sits beside the repository, here and in CI. */
export const SAMPLES = path.resolve(REPO_ROOT, '..', 'shared', 'samples');

export interface TestHost {
  /** The link the host printed: the app with its token, for page.goto. */
  url: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  token: string;
  workspace: string;
  /** Calls an operation over the host's HTTP API, as the page would; throws on a failure. */
  op(name: string, input: unknown): Promise<unknown>;
  stop(): Promise<void>;
  /** Kills the host at once (SIGKILL, as a crash or a power cut would), keeping its workspace. */
  crash(): Promise<void>;
}

export interface TestHostOptions {
  /** Extra environment of the host process (SAIL_CHROMIUM, say). */
  env?: Record<string, string>;
  /** The workspace of a host that crashed, to start again on its files. */
  workspace?: string;
}

export function assertBuilt(...files: string[]): void {
  const missing = files.filter((file) => !existsSync(path.join(REPO_ROOT, file)));
  if (missing.length > 0) {
    throw new Error(`Not built: ${missing.join(', ')}. Run \`npm run build\` first.`);
  }
}

export async function startTestHost(options: TestHostOptions = {}): Promise<TestHost> {
  assertBuilt('dist/electron/host.cjs', 'dist/renderer/index.html');
  const workspace = options.workspace ?? mkdtempSync(path.join(os.tmpdir(), 'sail-e2e-'));
  // The shared samples lie outside the workspace: the host's command line lets the page read them.
  const child = spawn(
    process.execPath,
    ['dist/electron/host.cjs', '--port', '0', '--workspace', workspace, '--allow-read', SAMPLES],
    {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env },
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /SailReview host listening on (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(
        stdout,
      );
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`host exited (${code}): ${stderr}`)));
  });
  const { origin, hash } = new URL(url);
  const token = new URLSearchParams(hash.slice(1)).get('token') ?? '';
  return {
    url,
    origin,
    token,
    workspace,
    op: async (name, input) => {
      const response = await fetch(`${origin}/api/op/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [HOST_TOKEN_HEADER]: token },
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
    crash: () => stopChild(child, 'SIGKILL'),
  };
}

/**
 * Calls an operation from inside the page, with the token the page keeps, as the app itself
 * does (same origin, same session): the Result, failures included.
 */
export function opInPage(
  page: Page,
  name: string,
  input: unknown,
): Promise<{ ok: boolean; value?: unknown; error?: { message_en: string } }> {
  return page.evaluate(
    async ([operation, body, header]) => {
      const response = await fetch(`/api/op/${operation}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [header]: sessionStorage.getItem('sail-host-token') ?? '',
        },
        body: JSON.stringify(body),
      });
      return (await response.json()) as {
        ok: boolean;
        value?: unknown;
        error?: { message_en: string };
      };
    },
    [name, input, HOST_TOKEN_HEADER] as const,
  );
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
