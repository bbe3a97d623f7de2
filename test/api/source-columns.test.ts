// Issue 16: an entry keeps its verbatim source row with the header names once per import
// (migration 0015: source_columns) and the row as its values. Entries stored before keep their
// [header, value] pairs and must read, list and re-import exactly as the new ones do.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeEach, describe, expect, it } from 'vitest';
import { sample } from '../support/paths';
import { projectFile } from '../support/project-file';
import { apiSession, type ApiSession } from '../support/session';

const CSV = sample('bloom-submissions.csv');

let api: ApiSession;

beforeEach(async () => {
  api = apiSession();
  await api.ok('project.create', { path: join(api.dir, '源行.sailreview') });
});

/** The file's rows as [header, value] pairs, read with another CSV parser than ours. */
function fileRows(): Map<string, Array<[string, string]>> {
  const parsed = Papa.parse<string[]>(readFileSync(CSV, 'utf8').replace(/^\uFEFF/, ''), {
    skipEmptyLines: true,
  }).data;
  const [headers = [], ...rows] = parsed;
  return new Map(
    rows.map((values) => [
      values[0] ?? '',
      headers.map((h, i): [string, string] => [h, values[i] ?? '']),
    ]),
  );
}

async function detail(entryId: string) {
  const row = (await api.ok('entries.list', { search: entryId })).rows.find(
    (r) => r.entry_id === entryId,
  );
  if (!row) throw new Error(`no entry ${entryId}`);
  return api.ok('entries.get', { id: row.id });
}

describe('the verbatim source row', () => {
  it('is kept as values under one header list per import, and reads back as the file has it', async () => {
    await api.ok('entries.import', { path: CSV, programme: 'bloom' });
    const db = projectFile(api.session.require());
    const lists = db.prepare('SELECT headers_json FROM source_columns').pluck().all();
    const rows = fileRows();
    expect(lists).toEqual([JSON.stringify(rows.get('B2025-0001')?.map(([h]) => h))]);
    // No header name is stored in an entry's row.
    const stored = db
      .prepare("SELECT source_json FROM entry WHERE external_id = 'B2025-0001'")
      .pluck()
      .get() as string;
    expect(JSON.parse(stored)).toEqual(rows.get('B2025-0001')?.map(([, v]) => v));
    for (const id of ['B2025-0001', 'B2025-0150', 'B2025-0300']) {
      expect((await detail(id)).source).toEqual(rows.get(id));
    }
  });

  it('stored as pairs before migration 15 reads, lists and re-imports as the compact form', async () => {
    await api.ok('entries.import', { path: CSV, programme: 'bloom' });
    const db = projectFile(api.session.require());
    const firstHeader = fileRows().get('B2025-0001')?.[0]?.[0] ?? '';
    const compact = await detail('B2025-0002');
    // B2025-0002 as a project written before 0015 holds it.
    db.prepare(
      `UPDATE entry SET source_json = ?, source_columns_id = NULL WHERE external_id = 'B2025-0002'`,
    ).run(JSON.stringify(compact.source));
    const legacy = await detail('B2025-0002');
    expect(legacy.source).toEqual(compact.source);
    const listed = await api.ok('entries.list', {
      search: 'B2025-0002',
      source_columns: [firstHeader],
    });
    expect(listed.rows[0]?.source).toEqual({ [firstHeader]: compact.source[0]?.[1] });
    // Re-importing the file finds nothing changed, the old row included.
    const again = await api.ok('entries.import', { path: CSV, programme: 'bloom' });
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 300 });
  });
});
