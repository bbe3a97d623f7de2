// Whatever bytes arrive, openTable either reads them or throws a SailError, and never hangs.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SailError } from '../../electron/core/errors';
import { toCsv } from '../../electron/io/export/csv';
import { openTable } from '../../electron/io/table';
import { handmadeXlsx, readAll, SAMPLES, tempDir } from './helpers';

const file = tempDir();
let counter = 0;

/** Open and consume the whole table; 'ok' or the SailError code. Fails on a hang. */
async function outcome(path: string): Promise<string> {
  const run = (async () => {
    try {
      const table = await openTable(path);
      for await (const _ of table.rows) {
        /* consume */
      }
      return 'ok';
    } catch (e) {
      if (e instanceof SailError) return e.code;
      throw e;
    }
  })();
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`openTable hung on ${path}`)), 10_000);
  });
  try {
    return await Promise.race([run, hang]);
  } finally {
    clearTimeout(timer);
  }
}

const samples = [
  'bloom-submissions.csv',
  'bloom-submissions-gbk.csv',
  'pioneer-candidates.xlsx',
  'bloom-submissions-platform.json',
].map((name) => ({ name, bytes: readFileSync(`${SAMPLES}/${name}`) }));

describe('openTable on hostile input', () => {
  it('random bytes under any extension', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 0, maxLength: 2048 }),
        fc.constantFrom('.csv', '.tsv', '.xlsx', '.json', '.dat'),
        fc.constantFrom<number[]>(
          [],
          [0x50, 0x4b, 0x03, 0x04],
          [0xef, 0xbb, 0xbf],
          [0xff, 0xfe],
          [0x5b],
        ),
        async (bytes, ext, prefix) => {
          const path = file(
            `random-${counter++}${ext}`,
            Buffer.concat([Buffer.from(prefix), bytes]),
          );
          expect(typeof (await outcome(path))).toBe('string');
        },
      ),
      { numRuns: 1500 },
    );
  }, 1_200_000);

  it('truncated samples', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...samples),
        fc.double({ min: 0, max: 1, noNaN: true }),
        async (sample, cut) => {
          const bytes = sample.bytes.subarray(0, Math.floor(sample.bytes.length * cut));
          const path = file(`cut-${counter++}-${sample.name}`, bytes);
          expect(typeof (await outcome(path))).toBe('string');
        },
      ),
      { numRuns: 1500 },
    );
  }, 1_200_000);

  it('damaged samples (bytes overwritten at random places)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...samples),
        fc.array(
          fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 255 })),
          {
            minLength: 1,
            maxLength: 40,
          },
        ),
        async (sample, damage) => {
          const bytes = Buffer.from(sample.bytes);
          for (const [where, value] of damage)
            bytes[Math.floor(where * (bytes.length - 1))] = value;
          const path = file(`damaged-${counter++}-${sample.name}`, bytes);
          expect(typeof (await outcome(path))).toBe('string');
        },
      ),
      { numRuns: 1500 },
    );
  }, 1_200_000);
});

describe('XLSX with malformed worksheet XML', () => {
  const token = fc.constantFrom(
    '<x:row r="1">',
    '<x:row r="3" spans="1:2">',
    '<x:row>',
    '</x:row>',
    '<x:row/>',
    '<x:c r="A1" t="s">',
    '<x:c r="B1">',
    '<x:c t="inlineStr">',
    '<x:c r="ZZZZ9" t="b">',
    '<x:c s="1">',
    '</x:c>',
    '<x:c/>',
    '<x:v>',
    '</x:v>',
    '0',
    '1',
    '45678.25',
    '-1e309',
    'NaN',
    '编号',
    '名称',
    '<x:is><x:t>',
    '</x:t></x:is>',
    '<x:rPh>',
    '</x:rPh>',
    '&amp;',
    '&#99999999;',
    '&#xD800;',
    '_x0000_',
    '<',
    '>',
    '"',
    "'",
    '</x:sheetData>',
    '<x:mergeCell ref="A1:B3"/>',
    '<x:mergeCell ref="B2:A1"/>',
  );
  it('reads or refuses, never hangs', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(token, { maxLength: 60 }),
        fc.array(token, { maxLength: 10 }),
        async (sheet, after) => {
          const bytes = handmadeXlsx({
            strings: ['<x:si><x:t>编号</x:t></x:si>', '<x:si><x:t>名称</x:t></x:si>'],
            styles: '<x:cellXfs count="2"><x:xf numFmtId="0"/><x:xf numFmtId="14"/></x:cellXfs>',
            sheets: { S: sheet.join('') },
            after: `<x:mergeCells>${after.join('')}</x:mergeCells>`,
          });
          const path = file(`xml-${counter++}.xlsx`, bytes);
          expect(typeof (await outcome(path))).toBe('string');
        },
      ),
      { numRuns: 3000 },
    );
  }, 1_200_000);
});

describe('CSV written by toCsv reads back unchanged', () => {
  const char = fc.constantFrom(
    'a',
    'Z',
    '7',
    ' ',
    ',',
    ';',
    '\t',
    '"',
    "'",
    '\r',
    '\n',
    '中',
    '文',
    '，',
    '𠀀',
    '-',
    '=',
  );
  const text = fc.array(char, { maxLength: 12 }).map((cs) => cs.join(''));

  it('for any cell text', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(text, text, text), { minLength: 1, maxLength: 20 }),
        async (rows) => {
          const path = file(`roundtrip-${counter++}.csv`, toCsv(['编号', '名称', '备注'], rows));
          const { table, rows: read } = await readAll(path);
          expect(table.headers).toEqual(['编号', '名称', '备注']);
          // Formula-like text gains an apostrophe; blank rows are skipped but keep their number.
          const defused = (v: string): string => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
          const expected = rows
            .map((r, i) => ({ row: i + 2, values: r.map(defused) }))
            .filter((r) => r.values.some((v) => v.trim() !== ''));
          expect(read).toEqual(expected);
        },
      ),
      { numRuns: 1500 },
    );
  }, 1_200_000);
});
