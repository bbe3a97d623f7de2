// Entry id lists as organisers paste or save them (round create --entries, the round form).
import { describe, expect, it } from 'vitest';
import { matchEntryIds, parseEntryIdList } from '../../electron/core/entry-id-list';

describe('parseEntryIdList', () => {
  it('reads one id per line, or several separated by commas, 、 or spaces, each once', () => {
    expect(parseEntryIdList('B1\r\n\r\nB2, B3、B4 B1\n  B5  \n')).toEqual([
      'B1',
      'B2',
      'B3',
      'B4',
      'B5',
    ]);
  });

  it('reads the id column of a CSV by its header, with a BOM and quoted cells', () => {
    const csv =
      '\uFEFF序号,项目编号,项目名称\r\n1,B2025-0001,"5G+工厂, 一期"\r\n2,"B2025-0002",x\r\n';
    expect(parseEntryIdList(csv)).toEqual(['B2025-0001', 'B2025-0002']);
    expect(parseEntryIdList('name\tentry_id\na\tP-1\nb\tP-2')).toEqual(['P-1', 'P-2']);
  });

  it('gives nothing for an empty list', () => {
    expect(parseEntryIdList('\n \n')).toEqual([]);
  });
});

describe('matchEntryIds', () => {
  const entries = [{ entry_id: 'B2025-0001' }, { entry_id: 'P-1' }, { entry_id: 'p-1' }];

  it('finds an id as stored, or the one entry it names ignoring case and width', () => {
    expect(matchEntryIds(['b2025-0001', 'Ｂ２０２５－０００１', 'P-1', 'x'], entries)).toEqual({
      found: [{ entry_id: 'B2025-0001' }, { entry_id: 'P-1' }],
      missing: ['x'],
      ambiguous: [],
    });
  });

  it('leaves an id that two entries share ignoring case to be written as stored', () => {
    expect(matchEntryIds(['P-1 ', 'p-1'], entries).ambiguous).toEqual([]);
    expect(matchEntryIds(['P－１'], entries)).toEqual({
      found: [],
      missing: [],
      ambiguous: [{ id: 'P－１', entry_ids: ['P-1', 'p-1'] }],
    });
  });
});
