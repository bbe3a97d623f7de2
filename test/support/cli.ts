import { spawnSync } from 'node:child_process';
import { cliPath } from './paths';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as organisers' scripts do. */
export function runCli(args: string[], cwd?: string): CliRun {
  const result = spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8', cwd });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
