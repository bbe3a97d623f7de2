// A project of the release before migration 0014 kept its reviews without score and gate lists,
// and journalled every score and gate answer row by its own hash. Those rows are still checked
// against their hashes until the app writes their review again; from then on, and for a review
// the app deletes with its rows, the old hashes no longer apply.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { ProjectStore } from '../../electron/store/project-store';
import { repoRoot, tempDir } from '../support/paths';
import { projectFile } from '../support/project-file';

function oldProject(): ProjectStore {
  const path = join(tempDir(), 'journal-v12.sailreview');
  const fixture = join(repoRoot, 'test', 'fixtures', 'journal-v12.sailreview.gz');
  writeFileSync(path, gunzipSync(readFileSync(fixture)));
  return ProjectStore.open(path);
}

const differences = (store: ProjectStore) =>
  store.verifyChain().rows.differences.map(({ table, key, kind }) => ({ table, key, kind }));

it('checks unlisted rows by their hashes, and forgets them once their review is rewritten or deleted', () => {
  const store = oldProject();
  const file = projectFile(store);
  const reviews = file
    .prepare('SELECT id, round_id, entry_id, reviewer_id, rubric_id FROM review ORDER BY id')
    .all() as Array<{
    id: number;
    round_id: number;
    entry_id: number;
    reviewer_id: number;
    rubric_id: number;
  }>;
  const [deleted, rewritten, untouched] = reviews;
  if (!deleted || !rewritten || !untouched) throw new Error('the fixture has three reviews');
  expect(
    file.prepare('SELECT count(*) FROM review WHERE score_list IS NOT NULL').pluck().get(),
  ).toBe(0);
  expect(differences(store)).toEqual([]);

  store.write({ action: 'test', subject: 'lists', payload: null }, () => {
    store.reviews.delete(deleted.id);
    const { id: _id, ...key } = rewritten;
    store.reviews.put(
      key,
      { scores: new Map(), gates: new Map(), comment: '重写' },
      'draft',
      '2026-12-07T00:00:00.000Z',
    );
  });
  expect(
    file.prepare('SELECT score_list FROM review WHERE id = ?').pluck().get(rewritten.id),
  ).not.toBeNull();
  // The deleted review's and the rewritten review's old score rows are not missing.
  expect(differences(store)).toEqual([]);

  const criterion = file
    .prepare('SELECT criterion_key FROM score WHERE review_id = ? AND points >= 0.5 LIMIT 1')
    .pluck()
    .get(untouched.id) as string;
  file
    .prepare('UPDATE score SET points = points - 0.5 WHERE review_id = ? AND criterion_key = ?')
    .run(untouched.id, criterion);
  expect(differences(store)).toEqual([
    { table: 'score', key: JSON.stringify([untouched.id, criterion]), kind: 'changed' },
  ]);
  store.close();
});
