import { spawnSync } from 'node:child_process';
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
