// The CSV of rejected rows: the import's columns verbatim plus the reasons, and its formula
// defusing undone when the fixed file comes back.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { restoreDefused, toCsv } from '../../electron/io/export/csv';
import { writeRejectedCsv } from '../../electron/io/rejected-rows';
import { tempDir } from './helpers';

const file = tempDir();

describe('writeRejectedCsv', () => {
  it('pads rows read before a later column appeared, and replaces old reason columns', async () => {
    const path = file('rejected.csv');
    const rows = await writeRejectedCsv(
      path,
      ['编号', '错误原因', '名称', 'error', '列5'],
      [
        {
          row: 2,
          column: '名称',
          reason_zh: '项目名称为空',
          reason_en: 'Title is empty',
          values: ['A1', '旧', ''],
        },
        {
          row: 9,
          column: null,
          reason_zh: '第二个原因',
          reason_en: 'second reason',
          values: ['A2', '旧', '=1+1', 'old', '多出的值'],
        },
      ],
    );
    expect(rows).toBe(2);
    expect(readFileSync(path, 'utf8')).toBe(
      '\uFEFF编号,名称,列5,错误原因,error\r\n' +
        'A1,,,项目名称为空,Title is empty\r\n' +
        "A2,'=1+1,多出的值,第二个原因,second reason\r\n",
    );
  });
});

describe('restoreDefused', () => {
  it('gives back what the CSV writer defused, and leaves other text alone', () => {
    fc.assert(
      fc.property(
        fc.string().filter((text) => !/^'[=+\-@\t\r]/.test(text)),
        (text) => {
          const parsed =
            Papa.parse<string[]>(toCsv(['v'], [[text]]).slice(1), { delimiter: ',' })
              .data[1]?.[0] ?? '';
          expect(restoreDefused(parsed)).toBe(text);
        },
      ),
    );
    expect(restoreDefused("'+86 10 1234 5678")).toBe('+86 10 1234 5678');
    expect(restoreDefused("'quoted'")).toBe("'quoted'");
  });
});
