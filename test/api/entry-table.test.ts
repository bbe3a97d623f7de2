// The entry table through the operations: filters by province and track beside search, sort and
// paging, and the columns of the imported files shown from the entries' verbatim source rows.
// Expected values are read from the sample file itself.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { sample } from '../support/paths';
import { apiSession, type ApiSession } from '../support/session';

type Row = Record<string, string>;
let api: ApiSession;
let rows: Row[];

const count = (predicate: (row: Row) => boolean) => rows.filter(predicate).length;

beforeAll(async () => {
  api = apiSession();
  await api.ok('project.create', { path: join(api.dir, '列表.sailreview') });
  await api.ok('entries.import', { path: sample('bloom-submissions.csv'), programme: 'bloom' });
  rows = Papa.parse<Row>(
    readFileSync(sample('bloom-submissions.csv'), 'utf8').replace(/^\uFEFF/, ''),
    {
      header: true,
      skipEmptyLines: true,
    },
  ).data;
});

describe('the entry table’s filters', () => {
  it('offers each province and track with its number of entries, most first', async () => {
    const facets = await api.ok('entries.facets', { programme: 'bloom' });
    const provinces = new Set(rows.map((row) => row['省份']));
    expect(facets.provinces.map((facet) => facet.value).sort()).toEqual([...provinces].sort());
    for (const facet of facets.provinces) {
      expect(facet.count, facet.value).toBe(count((row) => row['省份'] === facet.value));
    }
    const counts = facets.tracks.map((facet) => facet.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    for (const facet of facets.tracks) {
      expect(facet.count, facet.value).toBe(count((row) => row['赛区或专题'] === facet.value));
    }
    expect(await api.ok('entries.facets', { programme: 'pioneer' })).toEqual({
      provinces: [],
      tracks: [],
      source_columns: [],
    });
  });

  it('filters by several provinces and tracks, with search, sort and paging', async () => {
    const facets = await api.ok('entries.facets', {});
    const provinces = facets.provinces.slice(0, 2).map((facet) => facet.value);
    const track = facets.tracks[0]?.value ?? '';
    const matches = (row: Row) =>
      provinces.includes(row['省份'] ?? '') && row['赛区或专题'] === track;
    const filter = { provinces, tracks: [track] };
    const all = await api.ok('entries.list', { ...filter, sort: 'title', limit: 1000 });
    expect(all.total).toBe(count(matches));
    expect(all.rows.map((row) => row.entry_id).sort()).toEqual(
      rows
        .filter(matches)
        .map((row) => row['项目编号'])
        .sort(),
    );
    const titles = all.rows.map((row) => row.title);
    expect(titles).toEqual([...titles].sort());
    const second = await api.ok('entries.list', { ...filter, sort: 'title', offset: 3, limit: 3 });
    expect(second.rows).toEqual(all.rows.slice(3, 6));
    const searched = await api.ok('entries.list', { ...filter, search: 'b2025-00', limit: 1000 });
    expect(searched.total).toBe(
      count((row) => matches(row) && (row['项目编号'] ?? '').startsWith('B2025-00')),
    );
  });
});

describe('source columns in the entry table', () => {
  it('offers the imported file’s columns that no listed field shows', async () => {
    const { source_columns } = await api.ok('entries.facets', {});
    expect(source_columns).toEqual(
      expect.arrayContaining(['届次', '联系人', '联系电话', '项目简介', '5G技术要点', '商业模式']),
    );
    for (const listed of ['项目编号', '项目名称', '牵头申报单位', '省份', '城市']) {
      expect(source_columns).not.toContain(listed);
    }
    // In the file's order.
    const header = Object.keys(rows[0] ?? {});
    expect(source_columns).toEqual(header.filter((column) => source_columns.includes(column)));
  });

  it('gives each row of a page the values of the source columns asked for, as the file has them', async () => {
    const page = await api.ok('entries.list', {
      source_columns: ['联系人', '5G技术要点', '不存在的列'],
      sort: 'entry_id',
      direction: 'desc',
      limit: 20,
    });
    expect(page.rows).toHaveLength(20);
    const byId = new Map(rows.map((row) => [row['项目编号'], row]));
    for (const row of page.rows) {
      const source = byId.get(row.entry_id);
      expect(row.source).toEqual({
        联系人: source?.['联系人'],
        '5G技术要点': source?.['5G技术要点'],
      });
    }
    const plain = await api.ok('entries.list', { limit: 1 });
    expect(plain.rows[0]?.source).toBeUndefined();
  });
});
