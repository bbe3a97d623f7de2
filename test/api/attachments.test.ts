// Attachments and duplicates through the operations, as the window and the host call them:
// linking a folder (matching rules, subfolders, unmatched files, re-linking), viewing a file
// only while it is the one linked, linking on import, and the near-duplicate check.
import { mkdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { apiSession, type ApiSession } from '../support/session';
import { projectFile } from '../support/project-file';

const CSV = [
  '项目编号,项目名称,牵头申报单位,赛区或专题,项目简介',
  'B2025-0001,5G+智慧矿山无人驾驶运输应用,山西焦煤集团有限责任公司,5G+智能采矿,井下无人驾驶运输',
  'B2025-0002,5G+智能考试应用,重庆交通职业技术学院,5G+数字教育,智能考试',
  'B2025-0001-2,5G+智慧矿山无人驾驶运输应用项目,山西焦煤集团有限公司,5G+工业互联网,井下运输',
  'B2025-0003,5G+智能考试应用,长沙科技职业技术学院,5G+数字教育,智能考试',
].join('\n');

let api: ApiSession;
let csv: string;
let folder: string;

function write(relative: string, content: string | Buffer = relative): void {
  const path = join(folder, relative);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
}

beforeEach(async () => {
  api = apiSession();
  await api.ok('project.create', { path: join(api.dir, 'p.sailreview') });
  csv = join(api.dir, 'entries.csv');
  writeFileSync(csv, CSV);
  folder = join(api.dir, '附件');
  mkdirSync(folder);
  write('B2025-0001.pdf');
  write('B2025-0001_申报书.pdf');
  write('b2025-0002-2.jpg');
  write('B2025-0001-2.png');
  write('B2025-00012.pdf');
  write('说明.txt');
  write('.DS_Store');
  write('B2025-0003/现场照片.jpg');
  write('B2025-0003/合同.pdf');
  write('B2025-0003/nested/x.pdf');
  write('其他/a.pdf');
  return () => api.session.close();
});

async function entryId(externalId: string): Promise<number> {
  const page = await api.ok('entries.list', { search: externalId });
  const row = page.rows.find((r) => r.entry_id === externalId);
  if (!row) throw new Error(`no entry ${externalId}`);
  return row.id;
}

async function attachmentsOf(externalId: string) {
  return (await api.ok('entries.get', { id: await entryId(externalId) })).attachments;
}

describe('attachments.link', () => {
  beforeEach(async () => {
    await api.ok('entries.import', { path: csv, programme: 'bloom' });
  });

  it('links by the longest id prefix, one level of id folders, and lists the rest', async () => {
    const summary = await api.ok('attachments.link', { folder, programme: 'bloom' });
    expect(summary.linked).toBe(6);
    expect(summary.entries_with_attachments).toBe(4);
    expect([...summary.unmatched].sort()).toEqual(
      ['B2025-00012.pdf', 'B2025-0003/nested/', '其他/a.pdf', '说明.txt'].sort(),
    );
    expect(await attachmentsOf('B2025-0001')).toEqual([
      { id: expect.any(Number), file_name: 'B2025-0001.pdf', size: 14, mime: 'application/pdf' },
      {
        id: expect.any(Number),
        file_name: 'B2025-0001_申报书.pdf',
        size: Buffer.byteLength('B2025-0001_申报书.pdf'),
        mime: 'application/pdf',
      },
    ]);
    expect((await attachmentsOf('B2025-0001-2')).map((a) => a.file_name)).toEqual([
      'B2025-0001-2.png',
    ]);
    expect((await attachmentsOf('B2025-0002')).map((a) => a.mime)).toEqual(['image/jpeg']);
    expect((await attachmentsOf('B2025-0003')).map((a) => a.file_name)).toEqual([
      'B2025-0003/合同.pdf',
      'B2025-0003/现场照片.jpg',
    ]);
  });

  it('is idempotent: linking again keeps one row per file, with the same ids', async () => {
    await api.ok('attachments.link', { folder, programme: 'bloom' });
    const before = await attachmentsOf('B2025-0001');
    const again = await api.ok('attachments.link', { folder, programme: 'bloom' });
    expect(again.linked).toBe(6);
    expect(await attachmentsOf('B2025-0001')).toEqual(before);
    const db = projectFile(api.session.require());
    expect(db.prepare('SELECT count(*) AS n FROM attachment').get()).toEqual({ n: 6 });
    expect(
      db.prepare("SELECT count(*) AS n FROM audit_event WHERE action = 'attachments.link'").get(),
    ).toEqual({ n: 2 });
    expect((await api.ok('project.verify', {})).ok).toBe(true);
  });

  it('matches only the chosen programme', async () => {
    const summary = await api.ok('attachments.link', { folder, programme: 'pioneer' });
    expect(summary).toMatchObject({ linked: 0, entries_with_attachments: 0 });
    expect(summary.unmatched).toHaveLength(10);
  });

  it('refuses a missing folder in both languages, writing nothing', async () => {
    const result = await api.call('attachments.link', {
      folder: join(api.dir, 'missing'),
      programme: 'bloom',
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'attachments_folder_not_found',
        message_zh: expect.stringContaining('找不到附件文件夹'),
        message_en: expect.stringContaining('Attachments folder not found'),
      },
    });
    expect(
      projectFile(api.session.require()).prepare('SELECT count(*) AS n FROM attachment').get(),
    ).toEqual({
      n: 0,
    });
  });
});

describe('attachments.read', () => {
  beforeEach(async () => {
    await api.ok('entries.import', { path: csv, programme: 'bloom' });
    await api.ok('attachments.link', { folder, programme: 'bloom' });
  });

  const first = async () => {
    const [attachment] = await attachmentsOf('B2025-0001');
    if (!attachment) throw new Error('no attachment');
    return attachment.id;
  };

  it('returns the linked bytes as base64 with the file name and type', async () => {
    const content = await api.ok('attachments.read', { id: await first() });
    expect(content).toEqual({
      file_name: 'B2025-0001.pdf',
      mime: 'application/pdf',
      base64: Buffer.from('B2025-0001.pdf').toString('base64'),
    });
  });

  for (const [what, change] of [
    ['changed to other bytes of the same size', () => write('B2025-0001.pdf', 'X2025-0001.pdf')],
    ['grown', () => write('B2025-0001.pdf', 'B2025-0001.pdf and more')],
    ['moved away', () => rmSync(join(folder, 'B2025-0001.pdf'))],
  ] as const) {
    it(`refuses a file ${what} since it was linked`, async () => {
      const id = await first();
      change();
      expect(await api.call('attachments.read', { id })).toMatchObject({
        ok: false,
        error: {
          code: 'attachment_changed',
          message_zh: expect.stringContaining('附件已被修改或移动'),
          message_en: expect.stringContaining('modified or moved'),
        },
      });
    });
  }

  it('reads a changed file again once the folder is linked again', async () => {
    const id = await first();
    write('B2025-0001.pdf', 'a new version');
    await api.ok('attachments.link', { folder, programme: 'bloom' });
    const content = await api.ok('attachments.read', { id });
    expect(Buffer.from(content.base64, 'base64').toString()).toBe('a new version');
  });

  it('refuses a file over 50 MB with a clear message', async () => {
    write('B2025-0002_视频.mp4', '');
    truncateSync(join(folder, 'B2025-0002_视频.mp4'), 50 * 1024 * 1024 + 1);
    await api.ok('attachments.link', { folder, programme: 'bloom' });
    const video = (await attachmentsOf('B2025-0002')).find((a) => a.mime === 'video/mp4');
    expect(await api.call('attachments.read', { id: video?.id ?? 0 })).toMatchObject({
      ok: false,
      error: {
        code: 'attachment_too_large',
        message_zh: expect.stringContaining('超过 50 MB'),
        message_en: expect.stringContaining('over the 50 MB'),
      },
    });
  });

  it('says which attachment does not exist', async () => {
    expect(await api.call('attachments.read', { id: 9999 })).toMatchObject({
      ok: false,
      error: { code: 'attachment_not_found' },
    });
  });
});

describe('entries.import with attachments_folder', () => {
  it('links the folder once the import has succeeded', async () => {
    const summary = await api.ok('entries.import', {
      path: csv,
      programme: 'bloom',
      attachments_folder: folder,
    });
    expect(summary.inserted).toBe(4);
    expect(summary.attachments).toMatchObject({ linked: 6, entries_with_attachments: 4 });
    expect(await attachmentsOf('B2025-0003')).toHaveLength(2);
  });

  it('stops before writing anything when the folder is missing', async () => {
    const result = await api.call('entries.import', {
      path: csv,
      programme: 'bloom',
      attachments_folder: join(api.dir, 'missing'),
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'attachments_folder_not_found' } });
    expect((await api.ok('entries.list', {})).total).toBe(0);
  });

  it('links nothing on a dry run', async () => {
    const summary = await api.ok('entries.import', {
      path: csv,
      programme: 'bloom',
      dry_run: true,
      attachments_folder: folder,
    });
    expect(summary.attachments).toBeUndefined();
    expect(
      projectFile(api.session.require()).prepare('SELECT count(*) AS n FROM attachment').get(),
    ).toEqual({
      n: 0,
    });
  });
});

describe('entries.duplicates', () => {
  beforeEach(async () => {
    await api.ok('entries.import', { path: csv, programme: 'bloom' });
  });

  it('pairs the same case of one applicant across tracks, not a shared title', async () => {
    const { pairs, total, counts } = await api.ok('entries.duplicates', {});
    expect(total).toBe(1);
    expect(counts).toEqual({ pending: 1, distinct: 0, same_case: 0 });
    const [pair] = pairs;
    expect(pair?.a).toEqual({
      id: expect.any(Number),
      entry_id: 'B2025-0001',
      programme: 'bloom',
      title: '5G+智慧矿山无人驾驶运输应用',
      applicant: '山西焦煤集团有限责任公司',
      province: null,
      city: null,
      sector: null,
      sector_label: null,
      track: '5G+智能采矿',
    });
    expect(pair?.b.entry_id).toBe('B2025-0001-2');
    expect(pair?.same_track).toBe(false);
    expect(pair?.title_similarity).toBeGreaterThanOrEqual(0.8);
    expect(pair?.summary_similarity).toBeLessThan(0.9);
  });

  it('sees entries a later import adds or changes', async () => {
    expect((await api.ok('entries.duplicates', {})).total).toBe(1);
    const more = join(api.dir, 'more.csv');
    writeFileSync(
      more,
      '项目编号,项目名称,牵头申报单位\nB2025-0004,5G+智能考试应用系统,重庆交通职业技术学院\n',
    );
    await api.ok('entries.import', { path: more, programme: 'bloom' });
    const { pairs } = await api.ok('entries.duplicates', {});
    expect(pairs.map((p) => [p.a.entry_id, p.b.entry_id])).toContainEqual([
      'B2025-0002',
      'B2025-0004',
    ]);
    writeFileSync(
      more,
      '项目编号,项目名称,牵头申报单位\nB2025-0004,校园安防机器人,重庆交通职业技术学院\n',
    );
    await api.ok('entries.import', { path: more, programme: 'bloom' });
    expect((await api.ok('entries.duplicates', {})).total).toBe(1);
  });

  it('follows the programme filter', async () => {
    expect((await api.ok('entries.duplicates', { programme: 'bloom' })).total).toBe(1);
    expect(await api.ok('entries.duplicates', { programme: 'pioneer' })).toEqual({
      counts: { pending: 0, distinct: 0, same_case: 0 },
      total: 0,
      pairs: [],
    });
  });
});
