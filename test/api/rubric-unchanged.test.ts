// Saving or importing a rubric that equals the version it would change or follow writes nothing
// (no version, no audit event) and says which version it equals; and a rubric file the window
// opens is refused with the CLI's bilingual reasons.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { apiSession, type ApiSession } from '../support/session';
import { projectFile } from '../support/project-file';

let api: ApiSession;

const auditEvents = () =>
  (
    projectFile(api.session.require()).prepare('SELECT count(*) AS n FROM audit_event').get() as {
      n: number;
    }
  ).n;

const versionsOf = async (sector: string) =>
  (await api.ok('rubrics.list', {})).filter((r) => r.sector === sector).map((r) => r.version);

beforeEach(async () => {
  api = apiSession();
  await api.ok('project.create', { path: join(api.dir, '细则.sailreview') });
});

describe('a rubric equal to a stored version', () => {
  it('is not imported again as a new version', async () => {
    const rubric = await api.ok('rubrics.export', { sector: 'mine' });
    const before = auditEvents();
    const again = await api.ok('rubrics.import', { rubric });
    expect(again).toMatchObject({ unchanged: true, in_place: false, rubric: { version: 1 } });
    expect(await versionsOf('mine')).toEqual([1]);
    expect(auditEvents()).toBe(before);

    const changed = await api.ok('rubrics.import', { rubric: { ...rubric, name_zh: '矿山·改' } });
    expect(changed).toMatchObject({ unchanged: false, rubric: { version: 2 } });
  });

  it('is not saved from the editor as a new version of the sector', async () => {
    const rubric = await api.ok('rubrics.export', { sector: 'park' });
    const saved = await api.ok('rubrics.save', { rubric });
    expect(saved).toMatchObject({ unchanged: true, in_place: false, rubric: { version: 1 } });
    expect(await versionsOf('park')).toEqual([1]);
  });

  it('leaves a version edited in place untouched when nothing changed', async () => {
    const [park] = (await api.ok('rubrics.list', {})).filter((r) => r.sector === 'park');
    const rubric = await api.ok('rubrics.export', { sector: 'park' });
    const before = auditEvents();
    const saved = await api.ok('rubrics.save', { rubric, base_id: park!.id });
    expect(saved).toMatchObject({ unchanged: true, in_place: true, rubric: { id: park!.id } });
    expect(auditEvents()).toBe(before);
  });
});

describe('a rubric file opened in the editor', () => {
  it('is refused with the field it does not know and the fields it may have', async () => {
    const rubric = await api.ok('rubrics.export', { sector: 'mine' });
    const path = join(api.dir, 'mine.json');
    writeFileSync(path, JSON.stringify({ ...rubric, sector: 'mines', remark: '' }));
    const result = await api.call('rubrics.read', { path });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message_zh).toContain(`评分细则格式不正确（${path}）：sector（领域）：`);
    expect(result.error.message_zh).toContain('remark：不认识的字段；评分细则可用的字段为 sector');
    expect(result.error.message_zh).toContain(
      '"mines" 不是可用的领域；可用的领域为 generic（通用细则）',
    );
    expect(result.error.message_en).toContain('remark: unknown field; a rubric takes sector');
  });
});
