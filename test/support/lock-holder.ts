// Another program on a project file: a process that takes the write lock, makes its changes
// (SQL, uncommitted), says so on stdout, and commits after `holdMs`, or when released. While it
// holds the lock, a write of this process waits for it (busy_timeout), reading what it likes
// meanwhile; past the busy timeout the write gives up.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { repoRoot } from './paths';

const HOLDER = `
const Database = require('better-sqlite3');
const [path, holdMs, sql] = process.argv.slice(1);
const db = new Database(path);
db.pragma('busy_timeout = 5000');
db.exec('BEGIN IMMEDIATE');
if (sql) db.exec(sql);
const commit = () => {
  db.exec('COMMIT');
  db.close();
};
if (holdMs) setTimeout(commit, Number(holdMs));
else process.stdin.on('end', commit).resume();
process.stdout.write('locked\\n');
`;

export interface LockHolder {
  /** Commits now (a holder without `holdMs` waits for this). */
  release: () => void;
  /** Resolves with the exit code once the holder has committed and closed. */
  released: Promise<number | null>;
}

/** Resolves once the holder has the write lock and has made its changes (not yet committed). */
export async function holdWriteLock(
  path: string,
  options: { sql?: string; holdMs?: number } = {},
): Promise<LockHolder> {
  const child = spawn(
    process.execPath,
    ['-e', HOLDER, path, String(options.holdMs ?? ''), options.sql ?? ''],
    { cwd: repoRoot, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const released = once(child, 'exit').then(([code]) => code as number | null);
  const release = () => child.stdin.end();
  let out = '';
  child.stdout.setEncoding('utf8');
  for await (const chunk of child.stdout) {
    out += chunk as string;
    if (out.includes('locked\n')) return { release, released };
  }
  throw new Error(`the lock holder exited without taking the lock (${await released})`);
}
