// Importing the same submissions again, from the same file or another platform's export of them
// (JSON beside CSV, XLSX beside CSV): only a changed value counts as a change, so entries that
// already have scores raise no false "content changed" alarm, and the columns an entry keeps
// from an earlier file stay with it however often the other file is imported.
import ExcelJS from 'exceljs';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeEach, describe, expect, it } from 'vitest';
import { sample } from '../support/paths';
import { apiSession, type ApiSession } from '../support/session';
import { projectFile } from '../support/project-file';

const CSV = sample('bloom-submissions.csv');
const JSON_EXPORT = sample('bloom-submissions-platform.json');

let api: ApiSession;

beforeEach(async () => {
  api = apiSession();
  await api.ok('project.create', { path: join(api.dir, '再导入.sailreview') });
});

const importBloom = (path: string) => api.ok('entries.import', { path, programme: 'bloom' });

/** An entry's detail by its entry id. */
async function entry(entryId: string) {
  const row = (await api.ok('entries.list', { search: entryId })).rows.find(
    (r) => r.entry_id === entryId,
  );
  if (!row) throw new Error(`no entry ${entryId}`);
  return api.ok('entries.get', { id: row.id });
}

/** B2025-0001 scored by one expert, so a change to it would be announced. */
async function scoreFirstEntry(): Promise<void> {
  await api.ok('reviewers.import', { path: sample('reviewers.csv') });
  await api.ok('rounds.create', { name: '初赛', programme: 'bloom', stage: '初赛' });
  await api.ok('scoring.save', {
    round: '初赛',
    reviewer: 'EXP001',
    entry: (await entry('B2025-0001')).id,
    scores: { innovation: 15 },
  });
}

/** The platform's JSON with one submission's title changed. */
function jsonWithTitle(entryId: string, title: string): string {
  const records = JSON.parse(readFileSync(JSON_EXPORT, 'utf8')) as Array<Record<string, unknown>>;
  const changed = records.map((r) => (r.projectNo === entryId ? { ...r, name: title } : r));
  const path = join(api.dir, 'platform-changed.json');
  writeFileSync(path, JSON.stringify(changed, null, 1));
  return path;
}

const NOTHING_CHANGED = { updated: 0, changes: [], changes_total: 0, changed_scored: [] };

describe('re-importing the same data', () => {
  it('the JSON of submissions imported as CSV changes nothing, however often', async () => {
    await importBloom(CSV);
    await scoreFirstEntry();
    const before = await entry('B2025-0001');
    for (let time = 0; time < 2; time++) {
      expect(await importBloom(JSON_EXPORT)).toMatchObject({ unchanged: 60, ...NOTHING_CHANGED });
    }
    expect(await entry('B2025-0001')).toEqual(before);
  });

  it('a changed value is the one change; the CSV columns stay, and the same JSON again changes nothing', async () => {
    await importBloom(CSV);
    await scoreFirstEntry();
    const before = await entry('B2025-0001');
    const changed = jsonWithTitle('B2025-0001', '5G+智能考试应用（二期）');
    const first = await importBloom(changed);
    expect(first).toMatchObject({ updated: 1, unchanged: 59, changed_scored: ['B2025-0001'] });
    expect(first.changes).toEqual([
      {
        entry_id: 'B2025-0001',
        fields: [
          {
            field: 'title',
            kind: 'field',
            before: '5G+智能考试应用',
            after: '5G+智能考试应用（二期）',
          },
        ],
      },
    ]);
    const after = await entry('B2025-0001');
    // The CSV's columns the JSON lacks stay, with the fields only they give.
    expect(after.fields).toEqual(before.fields);
    expect(after.source).toEqual(
      expect.arrayContaining(before.source.filter(([h]) => h !== '项目名称')),
    );

    for (let time = 0; time < 2; time++) {
      expect(await importBloom(changed)).toMatchObject({ unchanged: 60, ...NOTHING_CHANGED });
    }
    expect(await entry('B2025-0001')).toEqual(after);
  });

  it('reads the kept columns of a project imported before their mapping was recorded', async () => {
    await importBloom(CSV);
    const changed = jsonWithTitle('B2025-0002', '新名称');
    const { import_id } = await importBloom(changed);
    const db = projectFile(api.session.require());
    // As earlier versions recorded a batch: the file's own columns only.
    const headers = JSON.parse(
      (
        db.prepare('SELECT headers_json FROM import_batch WHERE id = ?').get(import_id) as {
          headers_json: string;
        }
      ).headers_json,
    ) as string[];
    const recorded = JSON.parse(
      (
        db.prepare('SELECT mapping_json FROM import_batch WHERE id = ?').get(import_id) as {
          mapping_json: string;
        }
      ).mapping_json,
    ) as Record<string, string | null>;
    expect(Object.keys(recorded).length).toBeGreaterThan(headers.length);
    db.prepare('UPDATE import_batch SET mapping_json = ? WHERE id = ?').run(
      JSON.stringify(Object.fromEntries(headers.map((h) => [h, recorded[h] ?? null]))),
      import_id,
    );
    const before = await entry('B2025-0002');
    expect(await importBloom(changed)).toMatchObject({ unchanged: 60, ...NOTHING_CHANGED });
    expect(await entry('B2025-0002')).toEqual(before);
  });

  it('CSV and XLSX of the same rows, each imported twice, change nothing', async () => {
    const rows = Papa.parse<string[]>(readFileSync(CSV, 'utf8').replace(/^\uFEFF/, ''), {
      skipEmptyLines: true,
    }).data;
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('项目');
    for (const row of rows) sheet.addRow(row);
    const xlsx = join(api.dir, 'bloom.xlsx');
    await workbook.xlsx.writeFile(xlsx);

    expect(await importBloom(CSV)).toMatchObject({ inserted: 300 });
    await scoreFirstEntry();
    for (const path of [CSV, xlsx, xlsx, CSV]) {
      expect(await importBloom(path)).toMatchObject({ unchanged: 300, ...NOTHING_CHANGED });
    }
    const pioneer = sample('pioneer-candidates.xlsx');
    expect(await api.ok('entries.import', { path: pioneer, programme: 'pioneer' })).toMatchObject({
      inserted: 160,
    });
    expect(await api.ok('entries.import', { path: pioneer, programme: 'pioneer' })).toMatchObject({
      unchanged: 160,
      ...NOTHING_CHANGED,
    });
  });
});
