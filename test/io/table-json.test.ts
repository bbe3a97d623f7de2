import { describe, expect, it } from 'vitest';
import { jsonErrorOffset } from '../../electron/core/json-syntax';
import { readAll, SAMPLES, sailError, tempDir } from './helpers';

const file = tempDir();

describe('JSON tables', () => {
  it('reads the platform sample: dotted keys for the contact, partners joined with 、', async () => {
    const { table, rows } = await readAll(`${SAMPLES}/bloom-submissions-platform.json`);
    expect(table).toMatchObject({ format: 'json', encoding: 'utf-8', headerRow: 1, sheet: null });
    expect(table.headers).toEqual([
      'projectNo',
      'name',
      'leadApplicant',
      'partners',
      'track',
      'industry',
      'province',
      'city',
      'contact.name',
      'contact.phone',
      'contact.email',
      'summary',
      'stage',
    ]);
    expect(rows).toHaveLength(60);
    expect(rows[0]?.row).toBe(2);
    expect(rows[0]?.values[3]).toBe('中国电信股份有限公司重庆分公司、中兴通讯股份有限公司');
    expect(rows[0]?.values.slice(8, 11)).toEqual(['赵芳', '18636692535', '2x1@example.cn']);
  });

  it('unwraps {data: {list: […]}}, unions keys in order, flattens lists of objects', async () => {
    const doc = {
      code: 0,
      data: {
        total: 3,
        list: [
          { id: 'A1', info: { title: '甲', tags: ['x', 'y'] }, ok: true },
          {},
          {
            id: 'A3',
            members: [{ name: '乙', role: '牵头' }, { name: '丙' }],
            score: 1.5,
            note: null,
          },
        ],
      },
    };
    const { table, rows } = await readAll(file('wrapped.json', JSON.stringify(doc)));
    expect(table.headers).toEqual([
      'id',
      'info.title',
      'info.tags',
      'ok',
      'members.name',
      'members.role',
      'score',
      'note',
    ]);
    expect(rows).toEqual([
      { row: 2, values: ['A1', '甲', 'x、y', 'TRUE', '', '', '', ''] },
      { row: 4, values: ['A3', '', '', '', '乙、丙', '牵头', '1.5', ''] },
    ]);
  });

  it('reads {items: […]} and arrays of plain values', async () => {
    const items = await readAll(file('items.json', '{"items":[{"a":"1"}]}'));
    expect(items.rows).toEqual([{ row: 2, values: ['1'] }]);
    const scalars = await readAll(file('scalars.json', '\uFEFF["甲", 2]'));
    expect(scalars.table.headers).toEqual(['value']);
    expect(scalars.rows.map((r) => r.values)).toEqual([['甲'], ['2']]);
  });

  it('reports where JSON is broken', async () => {
    const e = await sailError(readAll(file('broken.json', '[\n  {"a": 1},\n  {"b": }\n]')));
    expect(e.code).toBe('json_invalid');
    expect(e.message_en).toContain('line 3, column 9');
    expect(e.message_zh).toContain('第 3 行第 9 列');
  });

  it('locates syntax errors', () => {
    expect(jsonErrorOffset('[1, 2]')).toBe(-1);
    expect(jsonErrorOffset('{"a": [true, null, -1.5e3, "x\\u00e9"]}')).toBe(-1);
    expect(jsonErrorOffset('[1, 2')).toBe(5);
    expect(jsonErrorOffset('[1,]')).toBe(3);
    expect(jsonErrorOffset('{"a" 1}')).toBe(5);
    expect(jsonErrorOffset('[1] x')).toBe(4);
    expect(jsonErrorOffset('"bad \\q"')).toBe(5);
    expect(jsonErrorOffset('['.repeat(100_000))).toBe(100_000);
  });

  it('refuses documents that are not tables', async () => {
    expect((await sailError(readAll(file('scalar.json', '42')))).code).toBe('json_not_table');
    expect((await sailError(readAll(file('object.json', '{"a": 1, "b": "x"}')))).code).toBe(
      'json_not_table',
    );
    expect((await sailError(readAll(file('emptyarray.json', '[]')))).code).toBe('file_empty');
    expect((await sailError(readAll(file('emptyobjects.json', '[{}, {}]')))).code).toBe(
      'no_header',
    );
    const deep = `[${'{"a":'.repeat(40)}1${'}'.repeat(40)}]`;
    expect((await sailError(readAll(file('deep.json', deep)))).code).toBe('json_not_table');
  });
});
