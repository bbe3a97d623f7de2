// The user guide (docs/用户手册.md) shows what the window really showed: each picture in it is
// one an end-to-end test takes (guideShot), kept in docs/手册图片 by `npm run guide:images`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
const guide = readFileSync(join(root, 'docs/用户手册.md'), 'utf8');
const pictures = join(root, 'docs/手册图片');

const inGuide = [...guide.matchAll(/!\[[^\]]*\]\(手册图片\/([^)]+)\.png\)/g)].map((m) => m[1]);
const takenByTests = readdirSync(join(root, 'test/e2e'))
  .filter((name) => name.endsWith('.ts'))
  .flatMap((name) =>
    [
      ...readFileSync(join(root, 'test/e2e', name), 'utf8').matchAll(
        /guideShot\(\s*page,\s*'([^']+)'/g,
      ),
    ].map((m) => m[1]),
  );

describe('the user guide', () => {
  it('has a picture for every one it shows', () => {
    expect(inGuide.length).toBeGreaterThan(10);
    expect(inGuide.filter((name) => !existsSync(join(pictures, `${name}.png`)))).toEqual([]);
  });

  it('shows only pictures the end-to-end tests take, and every one they take for it', () => {
    expect([...new Set(inGuide)].sort()).toEqual([...new Set(takenByTests)].sort());
  });

  it('keeps no picture it does not show', () => {
    const kept = readdirSync(pictures).map((name) => name.replace(/\.png$/, ''));
    expect(kept.filter((name) => !inGuide.includes(name))).toEqual([]);
  });
});
