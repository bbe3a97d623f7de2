// Another program on a project file: a process that takes the write lock, makes its changes
// (SQL, uncommitted), says so on stdout, and commits after `holdMs`. While it holds the lock,
// a write of this process waits for it (busy_timeout), reading what it likes meanwhile.
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
process.stdout.write('locked\\n');
setTimeout(() => {
  db.exec('COMMIT');
  db.close();
}, Number(holdMs));
`;

export interface LockHolder {
  /** Resolves with the exit code once the holder has committed and closed. */
  released: Promise<number | null>;
}

/** Resolves once the holder has the write lock and has made its changes (not yet committed). */
export async function holdWriteLock(path: string, holdMs: number, sql = ''): Promise<LockHolder> {
  const child = spawn(process.execPath, ['-e', HOLDER, path, String(holdMs), sql], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const released = once(child, 'exit').then(([code]) => code as number | null);
  let out = '';
  child.stdout.setEncoding('utf8');
  for await (const chunk of child.stdout) {
    out += chunk as string;
    if (out.includes('locked\n')) return { released };
  }
  throw new Error(`the lock holder exited without taking the lock (${await released})`);
}
