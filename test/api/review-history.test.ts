// The history of a review (scoring.history), from the audit trail: a score file wrote it, the
// expert reopened it with a reason, changed a score and the comment in the form and submitted
// it again. Each step says who, how and what changed, old → new.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoProjectSession } from '../support/demo-round';
import {
  assignedTo,
  entryRow,
  openPackage,
  organiserSession,
  ROUND,
  score,
} from '../support/packets';

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

describe('the history of a review scored in a panel package', () => {
  it('names the score packet that brought it, and the clash settled by taking the packet’s review', async () => {
    const organiser = await organiserSession();
    const [first = '', second = ''] = await assignedTo(organiser, 'R01');
    const { expert } = await openPackage(organiser, 'R01');
    await score(expert, 'R01', first, 8, { submit: true, comment: '专家的意见' });
    // The second review is changed on both sides: a clash, settled by taking the packet's.
    await score(organiser, 'R01', second, 3);
    await score(expert, 'R01', second, 9);
    const packet = join(expert.dir, '1.sailscores');
    await expert.ok('packets.export', { path: packet });
    await organiser.ok('packets.import', { path: packet });

    const firstRow = await entryRow(organiser, 'R01', first);
    const merged = await organiser.ok('scoring.history', {
      round: ROUND,
      reviewer: 'R01',
      entry: firstRow,
    });
    expect(merged.map((step) => [step.action, step.source, step.actor])).toEqual([
      ['packet.merge', 'packet', 'R01'],
    ]);
    expect(merged[0]!.changes).toEqual(
      expect.arrayContaining([
        { field: 'status', old: null, new: 'submitted' },
        { field: 'score:net', old: null, new: 8 },
        { field: 'comment', old: null, new: '专家的意见' },
      ]),
    );

    const [clash] = await organiser.ok('packets.clashes', { round: ROUND });
    await organiser.ok('packets.resolve', { clash_id: clash?.id ?? 0, keep: 'packet' });
    const secondRow = await entryRow(organiser, 'R01', second);
    const settled = await organiser.ok('scoring.history', {
      round: ROUND,
      reviewer: 'R01',
      entry: secondRow,
    });
    // The organiser's own save, then the packet's review taken over it (the clash's merge wrote
    // nothing to this review).
    expect(settled.map((step) => [step.action, step.source])).toEqual([
      ['review.save', 'form'],
      ['packet.resolve', 'packet'],
    ]);
    expect(settled[1]!.changes).toContainEqual({ field: 'score:net', old: 3, new: 9 });
  });
});
