import { readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toCsv, writeCsvFile } from '../../electron/io/export/csv';
import { tempDir } from './helpers';

const file = tempDir();

describe('toCsv', () => {
  it('writes a BOM, CRLF and RFC 4180 quoting', () => {
    const csv = toCsv(
      ['编号', '名称'],
      [
        ['A1', '含,逗号'],
        ['A2', '含"引号"'],
        ['A3', '两\n行'],
        [null, 3],
      ],
    );
    expect(csv).toBe('\uFEFF编号,名称\r\nA1,"含,逗号"\r\nA2,"含""引号"""\r\nA3,"两\n行"\r\n,3\r\n');
  });

  it('defuses text that a spreadsheet would run as a formula, but not numbers', () => {
    const csv = toCsv(
      ['v'],
      [['=SUM(A1)'], ['+1'], ['-2'], ['@cmd'], ['\tx'], ['\rx'], [-3.5], ['a=b'], [Number.NaN]],
    );
    expect(csv.split('\r\n').slice(1, -1)).toEqual([
      "'=SUM(A1)",
      "'+1",
      "'-2",
      "'@cmd",
      "'\tx",
      `"'\rx"`,
      '-3.5',
      'a=b',
      '',
    ]);
  });
});

describe('writeCsvFile', () => {
  it('replaces the target atomically and leaves no temporary file', async () => {
    const path = file('ranking.csv', 'old content');
    await writeCsvFile(path, ['排名', '编号'], [[1, 'B2025-0001']]);
    expect(readFileSync(path, 'utf8')).toBe('\uFEFF排名,编号\r\n1,B2025-0001\r\n');
    expect(readdirSync(dirname(path)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses to replace a file when told not to, leaving it and no temporary file', async () => {
    const path = file('kept.csv', 'an earlier export');
    await expect(writeCsvFile(path, ['排名'], [[1]], { replace: false })).rejects.toMatchObject({
      code: 'file_exists',
    });
    expect(readFileSync(path, 'utf8')).toBe('an earlier export');
    expect(readdirSync(dirname(path)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    const fresh = file('fresh.csv');
    await writeCsvFile(fresh, ['排名'], [[1]], { replace: false });
    expect(readFileSync(fresh, 'utf8')).toBe('\uFEFF排名\r\n1\r\n');
    expect(readdirSync(dirname(fresh)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('fails without leaving a temporary file when the directory is missing', async () => {
    const path = file('missing-dir/out.csv');
    await expect(writeCsvFile(path, ['a'], [])).rejects.toThrow();
    expect(readdirSync(dirname(dirname(path))).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
