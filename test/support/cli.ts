import { spawn, spawnSync } from 'node:child_process';
import { cliPath } from './paths';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as organisers' scripts do (with `env` added to this process's). */
export function runCli(args: string[], cwd?: string, env?: NodeJS.ProcessEnv): CliRun {
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    encoding: 'utf8',
    cwd,
    ...(env ? { env: { ...process.env, ...env } } : {}),
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Starts the built CLI and resolves when it exits: for processes that must run at once. */
export function startCli(args: string[]): Promise<CliRun> {
  const child = spawn(process.execPath, [cliPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
