// Files an import must refuse as a whole, writing nothing: a scores file whose rows are all
// rejected, and a file of any importer with a header but no data rows. A rejected row of a file
// that is otherwise imported leaves no trace either.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { demoProjectSession } from '../support/demo-round';
import type { ApiSession } from '../support/session';
import { projectFile } from '../support/project-file';

let api: ApiSession;

/** The demo project (12 factory candidates, its rubric, 5 experts) and round 复赛 in setup. */
beforeEach(async () => {
  api = await demoProjectSession();
  await api.ok('rounds.create', {
    name: '复赛',
    programme: 'pioneer',
    stage: '复赛',
    sectors: ['factory'],
  });
});

function file(name: string, lines: string[]): string {
  const path = join(api.dir, name);
  writeFileSync(path, lines.join('\n'));
  return path;
}

/** Every row of the tables an import or a review write touches, to compare before and after. */
function snapshot(): Record<string, unknown[]> {
  const db = projectFile(api.session.require());
  const all = (table: string) => db.prepare(`SELECT * FROM ${table}`).all();
  return Object.fromEntries(
    [
      'review',
      'score',
      'gate_answer',
      'round',
      'entry',
      'import_batch',
      'reviewer',
      'audit_event',
    ].map((table) => [table, all(table)]),
  );
}

describe('scores import', () => {
  it('refuses a file whose rows are all rejected: no review, the round stays in setup', async () => {
    const before = snapshot();
    const error = await api.fails('scores.import', {
      round: '复赛',
      path: file('all-bad.csv', [
        'entry_id,reviewer_id,criterion,score',
        'S001-001,R00101,net,25',
        'S001-002,R00101,nosuch,5',
        'S999-999,R00101,net,5',
        'S001-003,R00101,level,abc',
      ]),
    });
    expect(error.code).toBe('all_rows_rejected');
    expect(error.message_zh).toContain('4 行全部被拒绝');
    expect(error.message_en).toContain('all 4 rows were rejected');
    // The reasons come with the refusal, row by row.
    expect(error.message_zh).toContain('第 2 行');
    expect(error.message_en).toContain('row 5 (score): level: not a number ("abc")');
    expect(snapshot()).toEqual(before);
    const round = await api.ok('rounds.get', { round: '复赛' });
    expect(round.status).toBe('setup');
  });

  it('leaves no trace of a rejected row: no draft review for its entry and expert', async () => {
    const summary = await api.ok('scores.import', {
      round: '复赛',
      path: file('one-bad.csv', [
        'entry_id,reviewer_id,criterion,score',
        'S001-001,R00101,net,15',
        'S001-002,R00102,net,21',
        'S001-002,R00103,net,',
      ]),
    });
    expect(summary).toMatchObject({ rows: 3, reviews: 1 });
    expect(summary.rejected.map((r) => r.row)).toEqual([3, 4]);
    const reviews = projectFile(api.session.require())
      .prepare(
        `SELECT e.external_id AS entry, rv.external_id AS reviewer FROM review r
         JOIN entry e ON e.id = r.entry_id JOIN reviewer rv ON rv.id = r.reviewer_id`,
      )
      .all();
    expect(reviews).toEqual([{ entry: 'S001-001', reviewer: 'R00101' }]);
  });

  it('says a score that is not a number is not a number, and one too high is out of range', async () => {
    const summary = await api.ok('scores.import', {
      round: '复赛',
      path: file('numbers.csv', [
        'entry_id,reviewer_id,criterion,score',
        'S001-001,R00101,net,十五',
        'S001-001,R00101,level,0x10',
        'S001-001,R00101,app,26',
        'S001-001,R00101,impact,-1',
        'S001-001,R00101,sec,７.５',
        'S001-001,R00101,rep,2.25',
      ]),
    });
    expect(summary.rejected.map((r) => [r.row, r.reason_en])).toEqual([
      [2, 'net: not a number ("十五")'],
      [3, 'level: not a number ("0x10")'],
      [4, 'app: score must be between 0 and 25 ("26")'],
      [5, 'impact: score must be between 0 and 25 ("-1")'],
      [7, 'rep: score must be a multiple of 0.5 ("2.25")'],
    ]);
    expect(summary.rejected[0]?.reason_zh).toContain('不是数字');
    // Full-width digits are the same number.
    const form = await api.ok('scoring.get', {
      round: '复赛',
      reviewer: 'R00101',
      entry: (await api.ok('entries.list', { search: 'S001-001' })).rows[0]!.id,
    });
    expect(form.review.scores).toMatchObject({ sec: 7.5 });
  });

  it('refuses a file with a header and no rows', async () => {
    const before = snapshot();
    const error = await api.fails('scores.import', {
      round: '复赛',
      path: file('header.csv', ['entry_id,reviewer_id,criterion,score', '', ',,,']),
    });
    expect(error.code).toBe('no_data_rows');
    expect(error.message_zh).toContain('header.csv 只有表头，没有数据行');
    expect(error.message_en).toContain('header.csv has a header but no data rows');
    expect(snapshot()).toEqual(before);
  });
});

describe('a header and no rows', () => {
  it('is refused by the entries import, dry run or not, with nothing written', async () => {
    const before = snapshot();
    const path = file('entries-header.csv', ['候选编号,领航者类别,主体名称,省份']);
    for (const dry_run of [false, true]) {
      const error = await api.fails('entries.import', { path, programme: 'pioneer', dry_run });
      expect(error.code).toBe('no_data_rows');
      expect(error.message_zh).toContain('未导入任何内容');
      expect(error.message_en).toContain('nothing was imported');
    }
    expect(snapshot()).toEqual(before);
  });

  it('is refused by the reviewers import with nothing written', async () => {
    const before = snapshot();
    const error = await api.fails('reviewers.import', {
      path: file('reviewers-header.csv', ['专家编号,姓名,工作单位', ' , , ']),
    });
    expect(error.code).toBe('no_data_rows');
    expect(snapshot()).toEqual(before);
  });
});

describe('reviewers import', () => {
  it('refuses a file whose rows are all rejected, writing nothing', async () => {
    const before = snapshot();
    const error = await api.fails('reviewers.import', {
      path: file('reviewers-bad.csv', ['专家编号,姓名', ',无编号', 'R9,']),
    });
    expect(error.code).toBe('all_rows_rejected');
    expect(error.message_en).toContain('row 3 (姓名): name is missing');
    expect(snapshot()).toEqual(before);
  });
});
