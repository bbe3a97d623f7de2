// The entry list behind the table: every sort is a total order, pages read from either end
// agree with one long read, and searches scan the narrow list index, not the wide table.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTRY_SORT_FIELDS, type EntryRow } from '../../electron/api/contract';
import { ProjectStore } from '../../electron/store/project-store';
import type { EntryFilter } from '../../electron/store/repos/entries';
import { tempDir } from '../support/paths';
import { projectFile } from '../support/project-file';

const N = 53;
let store: ProjectStore;

beforeAll(() => {
  store = ProjectStore.create(join(tempDir(), 'list.sailreview'));
  const now = new Date().toISOString();
  store.write({ action: 'test.seed', subject: 'entries', payload: {} }, () => {
    const importId = store.imports.insert({
      programme: 'bloom',
      file_name: 'seed.csv',
      file_sha256: '0'.repeat(64),
      format: 'csv',
      encoding: 'utf-8',
      sheet: null,
      headers_json: '[]',
      mapping_json: '{}',
      rows: N,
      inserted: N,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      rejected_json: '[]',
      imported_at: now,
    });
    const sourceColumns = store.entries.sourceColumns('[]');
    for (let i = 0; i < N; i++) {
      // Few distinct values and some NULLs, so ties and NULL placement are exercised.
      store.entries.insert(
        {
          // Each id twice, once per programme: ties on entry_id too.
          programme: i % 2 === 0 ? 'pioneer' : 'bloom',
          external_id: `E${String(Math.floor(i / 2)).padStart(3, '0')}`,
          title: `项目${i % 7}`,
          applicant: `单位${i % 5}`,
          partners: null,
          province: i % 4 === 0 ? null : `省${i % 3}`,
          city: i % 6 === 0 ? null : `市${i % 4}`,
          sector: i % 5 === 0 ? null : 'factory',
          sector_label: null,
          track: i % 2 === 0 ? '赛道' : null,
          summary: null,
          contact: null,
          fields_json: '{}',
          source_json: '[]',
          source_headers: '[]',
        },
        { import_id: importId, source_row: i + 2, source_columns: sourceColumns },
        now,
      );
    }
  });
});

afterAll(() => store.close());

const list = (filter: Partial<EntryFilter>) =>
  store.entries.list({ sort: 'entry_id', direction: 'asc', offset: 0, limit: 1000, ...filter });

describe('entries.list', () => {
  for (const sort of ENTRY_SORT_FIELDS) {
    for (const direction of ['asc', 'desc'] as const) {
      it(`pages of ${sort} ${direction} agree with one read, from either end`, () => {
        const all = list({ sort, direction });
        expect(all.total).toBe(N);
        expect(new Set(all.rows.map((row) => row.id)).size).toBe(N);
        const pages: EntryRow[] = [];
        for (let offset = 0; offset < N; offset += 6) {
          pages.push(...list({ sort, direction, offset, limit: 6 }).rows);
        }
        expect(pages.map((row) => row.id)).toEqual(all.rows.map((row) => row.id));
        expect(list({ sort, direction, offset: N, limit: 6 }).rows).toEqual([]);
      });
    }
  }

  it('orders by the chosen field, NULLs first ascending', () => {
    const cities = list({ sort: 'city' }).rows.map((row) => row.city);
    const nulls = cities.filter((city) => city === null).length;
    expect(cities.slice(0, nulls).every((city) => city === null)).toBe(true);
    const named = cities.slice(nulls) as string[];
    expect(named).toEqual([...named].sort());
    const programmes = list({ sort: 'programme', direction: 'desc' }).rows;
    expect(programmes[0]?.programme).toBe('pioneer');
    expect(programmes.at(-1)?.programme).toBe('bloom');
  });

  it('filters by provinces and tracks, each any of several, reading the list index alone', () => {
    const filtered = list({ provinces: ['省1', '省2'], tracks: ['赛道'] });
    const expected = list({}).rows.filter(
      (row) => (row.province === '省1' || row.province === '省2') && row.track === '赛道',
    );
    expect(filtered.rows.map((row) => row.id)).toEqual(expected.map((row) => row.id));
    expect(filtered.total).toBeGreaterThan(0);
    for (const sort of ENTRY_SORT_FIELDS) {
      const all = list({ provinces: ['省1'], sort, direction: 'desc' });
      const pages: EntryRow[] = [];
      for (let offset = 0; offset < all.total; offset += 4) {
        pages.push(...list({ provinces: ['省1'], sort, direction: 'desc', offset, limit: 4 }).rows);
      }
      expect(pages.map((row) => row.id)).toEqual(all.rows.map((row) => row.id));
    }
    const plan = projectFile(store)
      .prepare(
        'EXPLAIN QUERY PLAN SELECT count(*) FROM entry WHERE province IN (SELECT value FROM json_each(?))',
      )
      .all('["省1"]') as Array<{ detail: string }>;
    expect(plan.map((step) => step.detail).join(' ')).toContain('COVERING INDEX entry_list_idx');
  });

  it('finds ids and Latin text whatever their case, and ids typed in full-width forms', () => {
    const exact = list({ search: 'E012' });
    expect(exact.total).toBe(2);
    expect(list({ search: 'e012' }).rows).toEqual(exact.rows);
    expect(list({ search: 'Ｅ０１２' }).rows).toEqual(exact.rows);
    // LIKE's wildcards in what is typed are plain characters.
    expect(list({ search: 'E0_2' }).total).toBe(0);
    expect(list({ search: '%' }).total).toBe(0);
  });

  it('searches the city too, and scans the list index rather than the table', () => {
    expect(list({ search: '市3' }).total).toBeGreaterThan(0);
    const plan = projectFile(store)
      .prepare("EXPLAIN QUERY PLAN SELECT count(*) FROM entry WHERE title LIKE ? ESCAPE '\\'")
      .all('%x%') as Array<{ detail: string }>;
    expect(plan.map((step) => step.detail).join(' ')).toContain('COVERING INDEX entry_list_idx');
  });
});
