// Fault trials (issue 14, item 5): a CLI command writing to a project is killed with SIGKILL at a
// random point, and the project is then checked as the app would find it. A kind of trial names
// its command line and what "all or nothing" means for it, so other writes (packet merges) add
// a kind without touching the harness.
import { spawn } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { seededRandom } from '../../electron/core/assignment/random';
import { OrganiserKeyStore } from '../../electron/io/organiser-keys';
import { ProjectStore } from '../../electron/store/project-store';
import { cliPath } from './paths';
import { projectFile } from './project-file';

export interface FaultTrialKind<State> {
  name: string;
  /** The command line to kill, for the project file it writes to. */
  command: (project: string) => string[];
  /** What the check compares with, read from the project before the command runs. */
  before: (store: ProjectStore) => State;
  /**
   * After the kill: the command's write is there whole or not at all, and nothing committed
   * before it is lost. Returns whether the write was there (both must happen over the trials).
   */
  check: (store: ProjectStore, before: State) => 'applied' | 'absent';
}

/** Runs the CLI and kills it after `afterMs` unless it ends first. */
function killAfter(args: string[], afterMs: number): Promise<'killed' | 'finished'> {
  const child = spawn(process.execPath, [cliPath, ...args], { stdio: 'ignore' });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve(signal === 'SIGKILL' ? 'killed' : 'finished');
    });
  });
}

/**
 * How long the command takes when left alone (the range the kills are spread over); left
 * alone, its write is applied.
 */
async function fullRunMs<State>(
  kind: FaultTrialKind<State>,
  base: string,
  dir: string,
  keys: OrganiserKeyStore,
): Promise<number> {
  const path = join(dir, `${kind.name}-full.sailreview`);
  copyFileSync(base, path);
  const opened = ProjectStore.open(path, { keys });
  const before = kind.before(opened);
  projectFile(opened).close();
  opened.close();
  const start = performance.now();
  expect(await killAfter(kind.command(path), 120_000)).toBe('finished');
  const took = performance.now() - start;
  const store = ProjectStore.open(path, { keys });
  try {
    expectSound(store);
    expect(kind.check(store, before)).toBe('applied');
  } finally {
    projectFile(store).close();
    store.close();
  }
  return took;
}

/** The project as the app finds it after a crash: it opens, SQLite and the chain vouch for it. */
export function expectSound(store: ProjectStore): void {
  expect(store.integrityCheck()).toBe('ok');
  const chain = store.verifyChain();
  expect(chain.brokenAt).toBeNull();
  expect(chain.rows.brokenEvents).toEqual([]);
  expect(chain.rows.differences).toEqual([]);
  expect(chain.seal.status).toBe('valid');
}

/**
 * `trials` runs of the kind's command on copies of `base`, each killed at a random point (a
 * fixed seed) between the start of the process and past its end, two at a time.
 */
export async function runKillTrials<State>(
  kind: FaultTrialKind<State>,
  base: string,
  dir: string,
  trials: number,
  seed: number,
): Promise<{ applied: number; absent: number; killed: number }> {
  const keys = new OrganiserKeyStore();
  const full = await fullRunMs(kind, base, dir, keys);
  const random = seededRandom(seed);
  const outcomes = { applied: 0, absent: 0, killed: 0 };
  const trial = async (n: number) => {
    const path = join(dir, `${kind.name}-${n}.sailreview`);
    copyFileSync(base, path);
    const opened = ProjectStore.open(path, { keys });
    const before = kind.before(opened);
    projectFile(opened).close();
    opened.close();
    // Two trials at a time take longer each than the command alone: twice its time covers
    // its whole run, the commit included.
    if ((await killAfter(kind.command(path), random() * full * 2)) === 'killed') {
      outcomes.killed += 1;
    }
    const store = ProjectStore.open(path, { keys });
    try {
      expectSound(store);
      outcomes[kind.check(store, before)] += 1;
    } finally {
      projectFile(store).close();
      store.close();
    }
  };
  for (let n = 0; n < trials; n += 2) {
    await Promise.all([trial(n), ...(n + 1 < trials ? [trial(n + 1)] : [])]);
  }
  return outcomes;
}
