// Encodings we do not read are named, not imported as garbled text: Big5, Shift-JIS, EUC-KR,
// Windows-1252 and damaged UTF-8, in tables (CSV, JSON) and in the small documents (a rubric, a
// mapping). UTF-16 without a BOM is read. GBK files still read exactly as before.
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readMappingFile } from '../../electron/api/cli-files';
import { readJsonFile } from '../../electron/io/rubric-library';
import { JAPANESE, KOREAN, TRADITIONAL_CHINESE, WESTERN } from '../support/foreign-text';
import { readAll, sailError, SAMPLES, tempDir } from './helpers';

const file = tempDir();

/** Text as JSON records, one per CSV row, keyed by the header. */
function asJson(csv: string): string {
  const [header = '', ...lines] = csv.split('\r\n');
  const keys = header.split(',');
  return JSON.stringify(
    lines.map((line) =>
      Object.fromEntries(line.split(',').map((v, i): [string, string] => [keys[i] ?? '', v])),
    ),
  );
}

const foreign: Array<[string, string, string, string, string]> = [
  ['Big5', TRADITIONAL_CHINESE, 'big5', 'Big5（繁体中文）', 'Big5 (Traditional Chinese)'],
  ['Shift-JIS', JAPANESE, 'shiftjis', 'Shift-JIS（日文）', 'Shift-JIS (Japanese)'],
  ['EUC-KR', KOREAN, 'euckr', 'EUC-KR（韩文）', 'EUC-KR (Korean)'],
  ['Windows-1252', WESTERN, 'windows-1252', '西欧文字', 'Western European'],
];

describe.each(foreign)('a file in %s', (name, text, codec, zh, en) => {
  const expectNamed = (message: { code: string; message_zh: string; message_en: string }) => {
    expect(message.code).toBe('file_encoding');
    expect(message.message_zh).toContain(zh);
    expect(message.message_zh).toContain('另存为“CSV UTF-8”');
    expect(message.message_en).toContain(en);
    expect(message.message_en).toContain('save it as "CSV UTF-8"');
  };

  it('as CSV is refused, naming the encoding', async () => {
    const path = file(`${name}.csv`, iconv.encode(text, codec));
    expectNamed(await sailError(readAll(path)));
  });

  it('as JSON is refused, naming the encoding', async () => {
    const path = file(`${name}.json`, iconv.encode(asJson(text), codec));
    expectNamed(await sailError(readAll(path)));
  });

  it('as a rubric or a mapping is refused, naming the encoding', async () => {
    const json = iconv.encode(JSON.stringify({ 项目名称: text }), codec);
    expectNamed(await sailError(readJsonFile(file(`${name}-rubric.json`, json))));
    expectNamed(await sailError(readMappingFile(file(`${name}-mapping.json`, json))));
  });

  it('is read as GBK when the person says it is GBK', async () => {
    const { table } = await readAll(file(`${name}-forced.csv`, iconv.encode(text, codec)), {
      encoding: 'gbk',
    });
    expect(table.encoding).toBe('gbk');
  });
});

describe('Windows-1252 whose every accent is followed by a letter', () => {
  // é then r is E9 72, a valid (rare) GBK character: no invalid byte gives it away.
  const text =
    'Référence,Catégorie\r\nF1,Mécanique générale\r\nF2,Hôpital numérique\r\nF3,Éducation créative\r\n';

  it('is named, not read as GBK', async () => {
    const e = await sailError(readAll(file('accents.csv', iconv.encode(text, 'windows-1252'))));
    expect(e.code).toBe('file_encoding');
    expect(e.message_en).toContain('Windows-1252');
  });
});

describe('UTF-8', () => {
  it('with a damaged byte is named as UTF-8, not read as GBK', async () => {
    const utf8 = readFileSync(`${SAMPLES}/bloom-submissions.csv`);
    const damaged = Buffer.concat([
      utf8.subarray(0, 5000),
      Buffer.from([0xff]),
      utf8.subarray(5000),
    ]);
    const e = await sailError(readAll(file('damaged-utf8.csv', damaged)));
    expect(e.code).toBe('file_encoding');
    expect(e.message_zh).toContain('UTF-8，但其中有损坏的字节');
    expect(e.message_en).toContain('UTF-8, but with damaged bytes');
  });
});

describe('bytes that are no text we know', () => {
  it('say so, rather than name an encoding', async () => {
    // Runs of bytes no encoding here reads as text (0x80 and 0xFF lead nothing in GBK).
    const bytes = Buffer.from(
      Array.from({ length: 400 }, (_, i) => [0x80, 0xff, 0x80, 0x2c][i % 4]!),
    );
    const e = await sailError(readJsonFile(file('not-text.json', bytes)));
    expect(e.code).toBe('file_encoding');
    expect(e.message_zh).toContain('不是 UTF-8 或 GBK 编码的文本，也不像其他常见的编码');
    expect(e.message_en).toContain('is not UTF-8 or GBK text, nor in another common encoding');
  });
});

describe('UTF-16 without a BOM', () => {
  const csv =
    '项目编号,项目名称,申报单位\r\nA1,智慧工厂,南京某某公司\r\nA2,远程医疗,北京某某医院\r\n';

  it.each([
    ['utf16le', 'utf-16le'],
    ['utf16be', 'utf-16be'],
  ])('%s is read, not refused as binary', async (codec, label) => {
    for (const [ext, text] of [
      ['csv', csv],
      ['json', asJson(csv.trimEnd())],
    ] as const) {
      const { table, rows } = await readAll(file(`${codec}.${ext}`, iconv.encode(text, codec)));
      expect(table.encoding).toBe(label);
      expect(table.headers).toEqual(['项目编号', '项目名称', '申报单位']);
      expect(rows.map((r) => r.values)).toEqual([
        ['A1', '智慧工厂', '南京某某公司'],
        ['A2', '远程医疗', '北京某某医院'],
      ]);
    }
  });
});

describe('GBK files', () => {
  it.each([
    `${SAMPLES}/bloom-submissions-gbk.csv`,
    'test/fixtures/import/bloom-quirks-gbk.csv',
    'test/fixtures/import/platform-gbk.csv',
  ])('%s reads exactly as its text saved in UTF-8 does', async (path) => {
    const bytes = readFileSync(path);
    const asUtf8 = file('as-utf8.csv', Buffer.from(iconv.decode(bytes, 'gb18030'), 'utf8'));
    const gbk = await readAll(path);
    const utf8 = await readAll(asUtf8);
    expect(gbk.table.encoding).toMatch(/^gb(k|18030)$/);
    expect(gbk.table.headers).toEqual(utf8.table.headers);
    expect(gbk.rows).toEqual(utf8.rows);
    expect(gbk.rows.length).toBeGreaterThan(2);
  });

  it('Traditional characters saved in GBK are still GBK', async () => {
    const { table, rows } = await readAll(
      file('traditional-gbk.csv', iconv.encode(TRADITIONAL_CHINESE, 'gbk')),
    );
    expect(table.encoding).toBe('gbk');
    expect(rows[0]?.values[2]).toBe('臺灣積體電路製造股份有限公司');
  });
});
