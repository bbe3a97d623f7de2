// A file the browser uploaded is read from the host's copy (uploads/<time>-<random>-<name>);
// every message about it names the file as the user knows it, never the copy.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { handmadeXlsx, readAll, SAMPLES, sailError, tempDir } from './helpers';

const file = tempDir();
const USER_NAME = '第八届报名表.csv';
/** The host's name for an upload: a time, a random part, then the user's name made safe. */
const copyOf = (name: string, content?: string | Uint8Array) =>
  file(`1767225600000-9f3c2a1b-${name}`, content);
const pioneer = readFileSync(`${SAMPLES}/pioneer-candidates.xlsx`);

describe('messages about an uploaded file', () => {
  it.each([
    ['it is gone', () => copyOf('gone.csv')],
    ['it is a folder', () => file('.')],
    ['it is empty', () => copyOf('empty.csv', '')],
    ['it is binary', () => copyOf('image.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]))],
    ['it has no header', () => copyOf('noheader.csv', '1,2,3\n4,5,6\n')],
    [
      'it is an old workbook',
      () => copyOf('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])),
    ],
    [
      'it is a web page',
      () => copyOf('page.xls', '<html><table><tr><td>编号</td></tr></table></html>'),
    ],
    ['it is text named .xlsx', () => copyOf('text.xlsx', '编号,名称\n1,2\n')],
    ['it is a truncated workbook', () => copyOf('cut.xlsx', pioneer.subarray(0, 20_000))],
    ['its sheet is empty', () => copyOf('blank.xlsx', handmadeXlsx({ sheets: { S: '' } }))],
    ['it is invalid JSON', () => copyOf('bad.json', '{"a": [1, 2')],
    ['its quotes do not pair', () => copyOf('quotes.csv', '编号,名称\n1,"甲"乙\n')],
  ])('names the user’s file when %s', async (_, path) => {
    const copy = path();
    const e = await sailError(readAll(copy, { fileName: USER_NAME }));
    for (const message of [e.message_zh, e.message_en]) {
      expect(message).toContain(USER_NAME);
      expect(message).not.toContain('1767225600000');
      expect(message).not.toContain(copy.split('/').at(-2) ?? copy);
    }
  });

  it('names a missing sheet’s file the same way', async () => {
    const copy = copyOf('book.xlsx', pioneer);
    const e = await sailError(readAll(copy, { fileName: '候选.xlsx', sheet: '没有这个表' }));
    expect(e.code).toBe('sheet_not_found');
    expect(e.message_en).toContain('"候选.xlsx"');
    expect(e.message_en).not.toContain('1767225600000');
  });

  it('names a file by its path when the user gave it by path (the CLI)', async () => {
    const missing = file('missing.csv');
    const e = await sailError(readAll(missing));
    expect(e.message_en).toBe(`File not found: "${missing}".`);
  });
});
