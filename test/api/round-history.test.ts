// A round's history (its detail card) says each event in words: the assignment runs and locks,
// the panel, and a start by a score packet, in both languages, never as the raw action name.
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { RoundEvent } from '../../electron/api/contract';
import { roundEventText } from '../../renderer/src/features/rounds/round-events';
import { translate, type Lang } from '../../renderer/src/shared/i18n';
import { openPackage, organiserSession, ROUND, score } from '../support/packets';

it('says every event of a round in words, in Chinese and in English', async () => {
  const organiser = await organiserSession();
  await organiser.ok('panel.set', { round: ROUND, reviewer_ids: ['R01', 'R02'] });
  await organiser.ok('assignments.lock', {
    round: ROUND,
    entry_ids: ['P-01', 'P-02'],
    locked: true,
  });
  await organiser.ok('assignments.lock', { round: ROUND, entry_ids: ['P-01'], locked: false });
  // Three experts an entry from a panel of two: every entry falls one short.
  await organiser.ok('assignments.run', { round: ROUND, per_entry: 3, seed: 2, redo: true });
  await organiser.ok('panel.set', { round: ROUND, reviewer_ids: [] });
  const { expert } = await openPackage(organiser, 'R01');
  const [first] = (await expert.ok('scoring.queue', { round: ROUND, reviewer: 'R01' })).map(
    (item) => item.entry.entry_id,
  );
  await score(expert, 'R01', first ?? '', 10, { submit: true });
  const packet = join(expert.dir, 'R01.sailscores');
  await expert.ok('packets.export', { path: packet });
  await organiser.ok('packets.import', { path: packet });

  const { history } = await organiser.ok('rounds.get', { round: ROUND });
  const said = (lang: Lang) =>
    history.map((event: RoundEvent) =>
      roundEventText((key, ...vars) => translate(lang, key, ...vars), lang, event),
    );
  const zh = said('zh-CN');
  const en = said('en-US');
  expect(history.map((event) => event.action)).toEqual([
    'round.create',
    'assignment.run',
    'panel.set',
    'assignment.lock',
    'assignment.lock',
    'assignment.run',
    'panel.set',
    'round.start',
  ]);
  history.forEach((event, i) => {
    expect(zh[i]).not.toContain(event.action);
    expect(en[i]).not.toContain(event.action);
  });
  expect(zh.slice(1)).toEqual([
    '自动分配（每项 2 位专家）：新增 12 个分配',
    '专家组设为 2 位专家',
    '锁定 2 个项目的分配',
    '解锁 1 个项目的分配',
    // P-02 kept locked (its two experts, one more from the panel); the rest released and each
    // given the panel's two.
    '自动分配（每项 3 位专家）：新增 11 个分配，释放 10 个，5 个项目专家不足',
    '专家组恢复为全部专家',
    '收到第一份评分（合并专家的评分包），自动开始评审',
  ]);
  expect(en.slice(1)).toEqual([
    'Assigned automatically (2 experts per entry): 12 added',
    'Panel set to 2 experts',
    'Assignments of 2 entries locked',
    'Assignments of 1 entry unlocked',
    'Assigned automatically (3 experts per entry): 11 added, 10 released, 5 entries short of experts',
    'Panel set back to every expert',
    'Scoring started by the first score (an expert’s score packet merged)',
  ]);
});
