// Whatever file arrives, entries.import through the API answers with a clean Result: a summary
// whose counts add up, or an error in both languages that left the project untouched. Never a
// thrown exception, an internal error or a hang.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../electron/api/result';
import type { ImportSummary } from '../../electron/api/contract';
import { importDigest } from '../support/digest';
import { sample } from '../support/paths';
import { apiSession, type ApiSession } from '../support/session';

const CASE_TIMEOUT_MS = 15_000;
const SAMPLES = [
  'bloom-submissions.csv',
  'bloom-submissions-gbk.csv',
  'bloom-submissions-platform.json',
  'pioneer-candidates.xlsx',
  'reviewers.csv',
] as const;

let api: ApiSession;
let counter = 0;

beforeAll(async () => {
  api = apiSession();
  await api.ok('project.create', { path: join(api.dir, '性质测试.sailreview') });
  // A project that already has entries of both programmes, so re-imports update and diff.
  await api.ok('entries.import', { path: sample('bloom-submissions.csv'), programme: 'bloom' });
  await api.ok('entries.import', { path: sample('pioneer-candidates.xlsx'), programme: 'pioneer' });
});

const programme = fc.constantFrom('bloom' as const, 'pioneer' as const);

/** Imports `bytes` saved as `name` and checks the one rule of this file. */
async function importChecked(
  name: string,
  bytes: Uint8Array | string,
  which: 'bloom' | 'pioneer',
): Promise<void> {
  const path = join(api.dir, `case-${++counter}-${name}`);
  writeFileSync(path, bytes);
  const store = api.session.require();
  const before = importDigest(store);
  const entriesBefore = store.entries.countByProgramme()[which];

  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`entries.import hung on ${path}`)), CASE_TIMEOUT_MS);
  });
  let result: Result<ImportSummary>;
  try {
    result = await Promise.race([api.call('entries.import', { path, programme: which }), hang]);
  } finally {
    clearTimeout(timer);
  }

  if (result.ok) {
    const { rows, inserted, updated, unchanged, rejected } = result.value;
    expect(inserted + updated + unchanged + rejected.length).toBe(rows);
    expect(store.entries.countByProgramme()[which]).toBe(entriesBefore + inserted);
    return;
  }
  expect(result.error.code).toMatch(/^[a-z_]+$/);
  // An internal error is an exception nobody expected: a crash by another name.
  expect(result.error.code).not.toBe('internal');
  expect(result.error.message_zh).toMatch(/[\u4e00-\u9fff]/);
  expect(result.error.message_en).toMatch(/[A-Za-z]{3}/);
  expect(importDigest(store)).toBe(before);
}

/** Random bytes, sometimes behind a signature that sends them to a particular reader. */
const randomFile = fc.record({
  ext: fc.constantFrom('.csv', '.xlsx', '.json', '.txt', ''),
  head: fc.constantFrom(
    new Uint8Array(),
    new Uint8Array([0x50, 0x4b, 0x03, 0x04]), // ZIP (XLSX)
    new Uint8Array([0xef, 0xbb, 0xbf]), // UTF-8 BOM
    new Uint8Array([0xff, 0xfe]), // UTF-16LE BOM
    new TextEncoder().encode('[{"项目编号":'),
    new TextEncoder().encode('项目编号,项目名称,牵头申报单位\r\n'),
  ),
  body: fc.uint8Array({ maxLength: 4096 }),
});

describe('entries.import on random, truncated and damaged files', () => {
  it('answers random bytes with a clean Result', async () => {
    await fc.assert(
      fc.asyncProperty(randomFile, programme, async ({ ext, head, body }, which) => {
        const bytes = new Uint8Array(head.length + body.length);
        bytes.set(head);
        bytes.set(body, head.length);
        await importChecked(`random${ext}`, bytes, which);
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('answers truncated copies of the sample files with a clean Result', async () => {
    const truncated = fc.constantFrom(...SAMPLES).chain((name) => {
      const bytes = readFileSync(sample(name));
      return fc
        .integer({ min: 1, max: bytes.length - 1 })
        .map((length) => ({ name, bytes: bytes.subarray(0, length) }));
    });
    await fc.assert(
      fc.asyncProperty(truncated, programme, async ({ name, bytes }, which) => {
        await importChecked(name, bytes, which);
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('answers a valid CSV with random cells damaged with a clean Result', async () => {
    const parsed = Papa.parse<string[]>(
      readFileSync(sample('bloom-submissions.csv'), 'utf8').replace(/^\uFEFF/, ''),
      { skipEmptyLines: true },
    ).data;
    const [header = [], ...body] = parsed;
    const rows = body.slice(0, 40);
    const damage = fc.record({
      row: fc.nat({ max: rows.length }), // row 0 is the header
      column: fc.nat({ max: header.length - 1 }),
      text: fc.oneof(
        fc.string({ unit: 'binary', maxLength: 40 }),
        fc.constantFrom('', '"', '""', '"\r\n', ',,,', '\u0000', '１２３万元', 'x'.repeat(5000)),
      ),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(damage, { minLength: 1, maxLength: 12 }),
        // Quoted by a CSV writer, or pasted in raw so quotes and delimiters break the layout.
        fc.boolean(),
        programme,
        async (damages, quoted, which) => {
          const table = [header, ...rows].map((row) => [...row]);
          for (const { row, column, text } of damages) {
            const cells = table[row];
            if (cells) cells[column] = text;
          }
          const csv = quoted
            ? Papa.unparse(table, { newline: '\r\n' })
            : table.map((row) => row.join(',')).join('\r\n');
          await importChecked('damaged.csv', csv, which);
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);
});
