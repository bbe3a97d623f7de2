// Takes the user guide's pictures (docs/手册图片) again: runs the end-to-end specs that take
// them (guideShot in test/e2e/steps.ts), which write each one there as well. After a change to
// a screen the guide shows: `npm run guide:images`, then look at the pictures before committing.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const folder = `${root}docs/手册图片`;
mkdirSync(folder, { recursive: true });
const specs = readdirSync(`${root}test/e2e`)
  .filter((name) => name.endsWith('.spec.ts'))
  .filter((name) => readFileSync(`${root}test/e2e/${name}`, 'utf8').includes('guideShot('))
  .map((name) => `test/e2e/${name}`);
const run = spawnSync('node', ['scripts/e2e.mjs', ...specs], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, SAIL_GUIDE_IMAGES: folder },
});
process.exit(run.status ?? 1);
