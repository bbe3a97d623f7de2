// What the CLI reads and compiles before a command runs (its start-up is part of every
// command's time, issue 16): `help` and a usage error only the commands, not the api; a command
// the api, but not exceljs and JSZip, which only a workbook needs. Read from the built chunks
// (their static imports, and the sources their source maps name), so a static import that pulls
// either in at start fails here, whatever the machine's speed.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliPath } from '../support/paths';

const chunkDir = dirname(cliPath);
const read = (chunk: string) => readFileSync(join(chunkDir, chunk), 'utf8');

/** The chunks `import … from "./cli-…"` names, statically, from `entries` on. */
function loadedWith(entries: string[]): Set<string> {
  const loaded = new Set<string>();
  const visit = (chunk: string) => {
    if (loaded.has(chunk)) return;
    loaded.add(chunk);
    for (const [, next] of read(chunk).matchAll(/\bfrom\s*"\.\/(cli-[\w-]+\.mjs)"/g)) visit(next!);
  };
  entries.forEach(visit);
  return loaded;
}

/** The chunks the given ones load later, by `import("./cli-…")`. */
function loadedLater(chunks: Set<string>): string[] {
  return [...chunks].flatMap((chunk) =>
    [...read(chunk).matchAll(/\bimport\(\s*"\.\/(cli-[\w-]+\.mjs)"\s*\)/g)].map(([, c]) => c!),
  );
}

/** The source files bundled into the chunks. */
function sourcesOf(chunks: Set<string>): string[] {
  return [...chunks].flatMap(
    (chunk) => (JSON.parse(read(`${chunk}.map`)) as { sources: string[] }).sources,
  );
}

const atStart = loadedWith(['cli.mjs']);

/** What is loaded once a chunk loaded later that holds `source` is. */
function loadLaterHolding(from: Set<string>, source: string): Set<string> {
  for (const chunk of loadedLater(from)) {
    const loaded = loadedWith([...from, chunk]);
    if (sourcesOf(new Set([chunk])).some((file) => file.endsWith(source))) return loaded;
  }
  throw new Error(`no chunk loaded later holds ${source}`);
}

const matching = (sources: string[], pattern: RegExp) => [
  ...new Set(sources.filter((file) => pattern.test(file))),
];

describe('the CLI at start', () => {
  it('reads the commands, not the api, its schemas or its store', () => {
    const sources = sourcesOf(atStart);
    expect(matching(sources, /electron\/cli\/commands\//).length).toBeGreaterThan(5);
    expect(matching(sources, /node_modules\/(zod|exceljs|jszip|opencc-js|papaparse)\//)).toEqual(
      [],
    );
    expect(
      matching(sources, /electron\/(store|api\/(handlers|services|dispatch|session))\b/),
    ).toEqual([]);
  });

  it('reads the api at a command’s first call, without exceljs and JSZip', () => {
    // The chunk holding the handlers, as cli/operations.ts loads it at a command's first call.
    const api = loadLaterHolding(atStart, 'electron/api/handlers.ts');
    const sources = sourcesOf(api);
    expect(matching(sources, /electron\/store\/project-store\.ts$/)).toHaveLength(1);
    expect(matching(sources, /node_modules\/zod\//).length).toBeGreaterThan(0);
    expect(matching(sources, /node_modules\/(exceljs|jszip)\//)).toEqual([]);
    // They are in the bundle, for the commands that read or write a workbook.
    const everything = sourcesOf(loadedWith([...api, ...loadedLater(api)]));
    expect(matching(everything, /node_modules\/exceljs\//).length).toBeGreaterThan(0);
  });
});
