// The history of a review (scoring.history), from the audit trail: a score file wrote it, the
// expert reopened it with a reason, changed a score and the comment in the form and submitted
// it again. Each step says who, how and what changed, old → new.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoProjectSession } from '../support/demo-round';

const FILE_SCORES = { net: 14, level: 11, app: 19, impact: 18, sec: 7, rep: 3 };

describe('the history of a review', () => {
  it('lists the import, the reopening, the change and the submission with old → new values', async () => {
    const api = await demoProjectSession();
    await api.ok('rounds.create', {
      name: '复赛',
      programme: 'pioneer',
      stage: '复赛',
      sectors: ['factory'],
    });
    const [item] = await api.ok('scoring.queue', { round: '复赛', reviewer: 'R00101' });
    if (!item) throw new Error('empty queue');
    const review = { round: '复赛', reviewer: 'R00101', entry: item.entry.id };
    const scoreFile = join(api.dir, 'scores.csv');
    writeFileSync(
      scoreFile,
      [
        'entry_id,reviewer_id,criterion,score,comment',
        ...Object.entries(FILE_SCORES).map(
          ([criterion, points]) => `${item.entry.entry_id},R00101,${criterion},${points},初评`,
        ),
      ].join('\n'),
    );
    await api.ok('scores.import', { round: '复赛', path: scoreFile });
    const reopened = await api.ok('scoring.reopen', { ...review, reason: '安全性评分偏高' });
    await api.ok('scoring.save', {
      ...review,
      scores: { ...FILE_SCORES, sec: 5 },
      comment: '复核后调整',
      base_version: reopened.version,
    });
    await api.ok('scoring.submit', review);

    const history = await api.ok('scoring.history', review);
    expect(history.map((step) => [step.action, step.source, step.actor, step.reason])).toEqual([
      ['scores.import', 'import', 'organiser', null],
      ['review.reopen', 'form', 'R00101', '安全性评分偏高'],
      ['review.save', 'form', 'R00101', null],
      ['review.submit', 'form', 'R00101', null],
    ]);
    const [imported, reopening, saved, submitted] = history;
    expect(imported!.changes).toEqual(
      expect.arrayContaining([
        { field: 'status', old: null, new: 'submitted' },
        { field: 'score:net', old: null, new: 14 },
        { field: 'score:sec', old: null, new: 7 },
        { field: 'comment', old: null, new: '初评' },
      ]),
    );
    expect(reopening!.changes).toEqual([{ field: 'status', old: 'submitted', new: 'draft' }]);
    expect(saved!.changes).toEqual([
      { field: 'score:sec', old: 7, new: 5 },
      { field: 'comment', old: '初评', new: '复核后调整' },
    ]);
    expect(submitted!.changes).toEqual([{ field: 'status', old: 'draft', new: 'submitted' }]);
    // In order, each at its time.
    expect(history.map((step) => step.seq)).toEqual(
      [...history.map((s) => s.seq)].sort((a, b) => a - b),
    );
    expect(history.every((step) => !Number.isNaN(Date.parse(step.at)))).toBe(true);

    // Another reviewer's review of the same entry has a history of its own: none here.
    expect(await api.ok('scoring.history', { ...review, reviewer: 'R00102' })).toEqual([]);
  });
});
