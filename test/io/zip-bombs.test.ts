// XLSX files that are ZIP bombs: a few hundred kilobytes that unpack to gigabytes. Each is
// refused from what its directory declares, or as soon as unpacking passes it, within seconds
// and without the memory the unpacked data would take. (The bombs are built here, from a
// deflated megabyte repeated: none of them is ever unpacked by the test itself.)
import { describe, expect, it } from 'vitest';
import {
  readAll,
  repeatedPart,
  sailError,
  SHEET_HEAD,
  SHEET_TAIL,
  tempDir,
  textPart,
  xlsxAround,
  zipArchive,
} from './helpers';

const file = tempDir();
/** Refusals take milliseconds; unpacking a gigabyte takes a minute and a few gigabytes. */
const TIME_BOUND_MS = 5_000;
const MEMORY_BOUND_MB = 200;

/** Runs `read`, returning its error and how long and how much more memory (peak RSS) it took. */
async function measured(read: () => Promise<unknown>) {
  const peakBefore = process.resourceUsage().maxRSS;
  const started = performance.now();
  const error = await sailError(read());
  return {
    error,
    ms: performance.now() - started,
    grewMb: (process.resourceUsage().maxRSS - peakBefore) / 1024,
  };
}

async function expectRefused(name: string, bytes: Buffer, code: string): Promise<string> {
  const path = file(name, bytes);
  const { error, ms, grewMb } = await measured(() => readAll(path));
  expect(error.code).toBe(code);
  expect(ms).toBeLessThan(TIME_BOUND_MS);
  expect(grewMb).toBeLessThan(MEMORY_BOUND_MB);
  for (const message of [error.message_zh, error.message_en]) {
    expect(message).not.toMatch(/\bBug\b|mismatch|Error:|undefined|\[object/);
  }
  return `${error.message_zh}\n${error.message_en}`;
}

describe('XLSX ZIP bombs', () => {
  it('a sheet of 1 GiB of spaces, declared as such, is refused before unpacking', async () => {
    const bomb = xlsxAround([
      repeatedPart('xl/worksheets/sheet1.xml', SHEET_HEAD, 1024, SHEET_TAIL),
    ]);
    expect(bomb.length).toBeLessThan(1.5 * 1024 * 1024);
    const message = await expectRefused('honest.xlsx', bomb, 'xlsx_zip_bomb');
    expect(message).toContain('1024 MB');
  });

  it('a sheet whose directory declares 4 KB but unpacks to 1 GiB stops at 4 KB', async () => {
    const part = repeatedPart('xl/worksheets/sheet1.xml', SHEET_HEAD, 1024, SHEET_TAIL);
    const message = await expectRefused(
      'liar.xlsx',
      xlsxAround([{ ...part, size: 4096 }]),
      'xlsx_zip_bomb',
    );
    expect(message).toContain('xl/worksheets/sheet1.xml');
    expect(message).toContain('4096');
  });

  it('a sheet that declares 100 MB from 100 KB is refused by its ratio', async () => {
    await expectRefused(
      'ratio.xlsx',
      xlsxAround([repeatedPart('xl/worksheets/sheet1.xml', SHEET_HEAD, 100, SHEET_TAIL)]),
      'xlsx_zip_bomb',
    );
  });

  it('300 sheets of 4 MiB each (1.2 GiB from ~1.5 MB) are refused together', async () => {
    const sheets = Array.from({ length: 300 }, (_, i) =>
      repeatedPart(`xl/worksheets/sheet${i + 1}.xml`, SHEET_HEAD, 4, SHEET_TAIL),
    );
    await expectRefused('many.xlsx', xlsxAround(sheets), 'xlsx_zip_bomb');
  });

  it('a part declared larger than it unpacks to is damage, named', async () => {
    const part = textPart('xl/worksheets/sheet1.xml', `${SHEET_HEAD}${SHEET_TAIL}`);
    const message = await expectRefused(
      'short.xlsx',
      xlsxAround([{ ...part, size: part.size + 10 }]),
      'xlsx_corrupt',
    );
    expect(message).toContain('xl/worksheets/sheet1.xml');
  });

  it('a package of 20,000 entries is refused without reading them', async () => {
    const empty = textPart('x', '');
    const parts = Array.from({ length: 20_000 }, (_, i) => ({ ...empty, name: `docProps/${i}` }));
    const message = await expectRefused('entries.xlsx', zipArchive(parts), 'xlsx_zip_bomb');
    expect(message).toContain('20000');
  });

  it('a workbook that packs as real ones do is still read', async () => {
    // 20,000 rows of varied cells: ~1.5 MB of XML, packed as real sheets pack (~10 times).
    const rows = Array.from(
      { length: 20_000 },
      (_, i) =>
        `<row r="${i + 2}"><c r="A${i + 2}" t="inlineStr"><is><t>B${1000 + i}</t></is></c><c r="B${i + 2}"><v>${(i * 7919) % 10007}</v></c></row>`,
    ).join('');
    const sheet = textPart('xl/worksheets/sheet1.xml', `${SHEET_HEAD}${rows}${SHEET_TAIL}`);
    const { rows: read } = await readAll(file('real.xlsx', xlsxAround([sheet])));
    expect(read).toHaveLength(20_000);
    expect(read[19_999]?.values).toEqual(['B20999', String((19_999 * 7919) % 10007)]);
  });
});
