// Every sample file through openTable → detectMapping → mapEntryRow, as the importer does.
import { describe, expect, it } from 'vitest';
import type { Programme } from '../../electron/core/domain';
import {
  detectMapping,
  mapEntryRow,
  type MappedEntry,
  type RowProblem,
} from '../../electron/core/entries';
import { openTable } from '../../electron/io/table';
import { SAMPLES } from './helpers';

async function mapFile(path: string, programme: Programme) {
  const table = await openTable(path);
  const mapping = detectMapping(table.headers, programme);
  const entries: (MappedEntry & { row: number; source: string[] })[] = [];
  const rejected: { row: number; problems: RowProblem[] }[] = [];
  for await (const { row, values } of table.rows) {
    const result = mapEntryRow(table.headers, values, mapping, programme);
    if (result.ok === true) entries.push({ ...result.entry, row, source: values });
    else if (result.ok === false) rejected.push({ row, problems: result.problems });
  }
  return { entries, rejected };
}

describe('sample files map to entries', () => {
  it('bloom CSV: 300 entries, every one with a sector', async () => {
    const { entries, rejected } = await mapFile(`${SAMPLES}/bloom-submissions.csv`, 'bloom');
    expect(rejected).toEqual([]);
    expect(entries).toHaveLength(300);
    expect(entries.every((e) => e.sector !== null)).toBe(true);
    expect(entries[0]).toMatchObject({
      entry_id: 'B2025-0001',
      sector: 'campus',
      province: '重庆市',
    });
  });

  it('bloom GBK: 239 entries, row 121 rejected on 参赛编号, amounts with units normalised', async () => {
    const { entries, rejected } = await mapFile(`${SAMPLES}/bloom-submissions-gbk.csv`, 'bloom');
    expect(entries).toHaveLength(239);
    expect(rejected).toEqual([
      {
        row: 121,
        problems: [{ column: '参赛编号', reason_zh: '编号为空', reason_en: 'ID is empty' }],
      },
    ]);
    const seventh = entries.find((e) => e.entry_id === 'SD202500007');
    expect(seventh?.fields.investment_wan).toBe('5419');
    expect(seventh?.source.at(-1)).toBe('５４１９万元');
    expect(seventh?.sector).toBe('factory');
  });

  it('pioneer XLSX: 160 candidates, every category label understood', async () => {
    const { entries, rejected } = await mapFile(`${SAMPLES}/pioneer-candidates.xlsx`, 'pioneer');
    expect(rejected).toEqual([]);
    expect(entries).toHaveLength(160);
    expect(entries.every((e) => e.sector !== null && e.title === e.applicant)).toBe(true);
    const factoryLabels = new Set(
      entries.filter((e) => e.sector === 'factory').map((e) => e.sector_label),
    );
    expect(factoryLabels).toEqual(new Set(['工厂', '5G工厂', '工厂类']));
    const last = entries.at(-1);
    expect(last?.fields).toMatchObject({
      investment_wan: '17328',
      in_service_date: '2025-07-19',
      build_level: '车间级',
    });
  });

  it('platform JSON: the first 60 submissions, matching the CSV', async () => {
    const json = await mapFile(`${SAMPLES}/bloom-submissions-platform.json`, 'bloom');
    const csv = await mapFile(`${SAMPLES}/bloom-submissions.csv`, 'bloom');
    expect(json.rejected).toEqual([]);
    expect(json.entries).toHaveLength(60);
    const pick = (e: MappedEntry) => [
      e.entry_id,
      e.title,
      e.applicant,
      e.partners,
      e.province,
      e.city,
      e.sector,
      e.contact,
    ];
    expect(json.entries.map(pick)).toEqual(csv.entries.slice(0, 60).map(pick));
  });

  it('the quirk fixture: full-width ids, short provinces, units; a row without title rejected', async () => {
    const { entries, rejected } = await mapFile(
      'test/fixtures/import/bloom-quirks-gbk.csv',
      'bloom',
    );
    expect(entries.map((e) => [e.row, e.entry_id, e.province, e.fields.investment_wan])).toEqual([
      [3, 'SD202500001', '江苏省', '123'],
      [5, 'SD202500002', '内蒙古自治区', '15000'],
      [8, 'SD202500002', '广西壮族自治区', '12'],
      [9, 'SD202500005', '北京市', '1234'],
    ]);
    expect(entries[0]?.contact).toBe('13800000000');
    expect(rejected).toEqual([
      {
        row: 6,
        problems: [{ column: '案例名称', reason_zh: '项目名称为空', reason_en: 'Title is empty' }],
      },
    ]);
  });
});
