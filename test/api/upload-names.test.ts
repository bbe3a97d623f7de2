// In the browser every imported file is the host's copy under uploads/ with a generated name;
// the operations that read one take the user's own name (file_name) and every message says it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationName } from '../../electron/api/contract';
import { apiSession, type ApiSession } from '../support/session';

let api: ApiSession;
let uploads: string;

/** The host's copy of an upload, as electron/host/http.ts names it. */
function upload(name: string, content: string): string {
  const copy = join(uploads, `1767225600000-9f3c2a1b-${name}`);
  writeFileSync(copy, content);
  return copy;
}

beforeAll(async () => {
  api = apiSession();
  uploads = join(api.dir, 'uploads');
  mkdirSync(uploads);
  await api.ok('project.create', { path: join(api.dir, 'p.sailreview') });
  await api.ok('entries.import', {
    path: upload('entries.csv', '项目编号,项目名称,牵头申报单位\nB1,甲,乙\n'),
    programme: 'bloom',
  });
  await api.ok('rounds.create', { name: '初赛', programme: 'bloom', stage: '初赛' });
});

afterAll(() => api.session.close());

const CASES: Array<[OperationName, string, (path: string, file_name: string) => object]> = [
  ['entries.preview', '报名表.csv', (path, file_name) => ({ path, file_name, programme: 'bloom' })],
  ['entries.import', '报名表.csv', (path, file_name) => ({ path, file_name, programme: 'bloom' })],
  ['reviewers.import', '专家名单.csv', (path, file_name) => ({ path, file_name })],
  ['scores.import', '评分.csv', (path, file_name) => ({ path, file_name, round: '初赛' })],
  ['rubrics.read', '细则.json', (path, file_name) => ({ path, file_name })],
  ['packets.import', '王一的评分.sailscores', (path, file_name) => ({ path, file_name })],
];

describe('a rejected upload', () => {
  it.each(CASES)('%s names %s, never the host’s copy', async (name, userName, input) => {
    // Empty: every reader refuses it before looking at columns.
    const copy = upload(userName, '');
    const result = await api.call(name, input(copy, userName));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    for (const message of [result.error.message_zh, result.error.message_en]) {
      expect(message).toContain(userName);
      expect(message).not.toContain('uploads');
      expect(message).not.toContain('1767225600000');
    }
  });

  it('names the file of a rubric that is not a rubric', async () => {
    const copy = upload('细则.json', '{"sector": "generic"}');
    const result = await api.call('rubrics.read', { path: copy, file_name: '细则.json' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_rubric' } });
    if (!result.ok) {
      expect(result.error.message_en).toContain('(细则.json)');
      expect(result.error.message_en).not.toContain(uploads);
    }
  });
});
