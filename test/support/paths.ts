import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '..', '..');
/** ../shared beside the repository (also in CI): design notes and sample files. */
export const samplesDir = resolve(repoRoot, '..', 'shared', 'samples');
export const sample = (...parts: string[]) => join(samplesDir, ...parts);
export const resourcesDir = join(repoRoot, 'resources');
export const cliPath = join(repoRoot, 'dist', 'electron', 'cli.mjs');

export function tempDir(prefix = 'sail-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
