// Rubric versions in the store: replaced in place while unused, frozen by the first score
// (whichever way it is written) and never changed after, and round pins that move with their
// sector's entries.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_AGGREGATION } from '../../electron/core/domain';
import { migrate } from '../../electron/store/database';
import { MIGRATIONS } from '../../electron/store/migrations';
import { ProjectStore } from '../../electron/store/project-store';
import { tempDir } from '../support/paths';
import { projectFile } from '../support/project-file';
import {
  createFactoryRound,
  FACTORY_RUBRIC as RUBRIC,
  insertEntries,
  insertReviewers,
} from '../support/store-setup';

function project() {
  const store = ProjectStore.create(join(tempDir(), 'v.sailreview'));
  const [factoryEntry = 0, mineEntry = 0] = insertEntries(store, [
    { id: 'P-1', sector: 'factory' },
    { id: 'P-2', sector: 'mine' },
  ]);
  const [reviewer = 0] = insertReviewers(store, ['R1']);
  return { store, factoryEntry, mineEntry, reviewer };
}

const frozen = (store: ProjectStore, id: number) => store.rubrics.require(id).frozen;

describe('rubric versions', () => {
  it('replaces an unfrozen version in place, keeping its id and number', () => {
    const { store } = project();
    const v1 = store.write({ action: 't', subject: 's', payload: null }, () =>
      store.rubrics.addVersion(RUBRIC, 'editor'),
    );
    const changed = store.rubrics.replace(v1.id, {
      ...RUBRIC,
      name_zh: '工厂·改',
      criteria: [...RUBRIC.criteria].reverse(),
      gates: [],
    });
    expect(changed).toMatchObject({ id: v1.id, version: 1, name_zh: '工厂·改', gates: [] });
    expect(changed.criteria.map((c) => c.key)).toEqual(['app', 'net']);
    store.close();
  });

  it('is frozen by the first score or gate answer of a review with it, however written', () => {
    const { store, factoryEntry, reviewer } = project();
    const v1 = store.rubrics.addVersion(RUBRIC, 'editor');
    const v2 = store.rubrics.addVersion(RUBRIC, 'editor');
    const roundId = createFactoryRound(store, v1.id, [factoryEntry]);
    const key = { round_id: roundId, entry_id: factoryEntry, reviewer_id: reviewer };
    // A draft with only a comment uses no score yet.
    store.reviews.put(
      { ...key, rubric_id: v1.id },
      { scores: new Map(), gates: new Map(), comment: '先看材料' },
      'draft',
      'now',
    );
    expect(frozen(store, v1.id)).toBe(false);
    store.reviews.put(
      { ...key, rubric_id: v1.id },
      { scores: new Map(), gates: new Map([['licence', true]]), comment: '' },
      'draft',
      'now',
    );
    expect(frozen(store, v1.id)).toBe(true);
    expect(frozen(store, v2.id)).toBe(false);

    // Even raw SQL cannot write a score around it.
    projectFile(store).prepare('UPDATE review SET rubric_id = ?').run(v2.id);
    projectFile(store)
      .prepare(
        "INSERT INTO score (review_id, criterion_key, points) SELECT id, 'net', 10 FROM review",
      )
      .run();
    expect(frozen(store, v2.id)).toBe(true);
    store.close();
  });

  it('refuses any change to a frozen version and leaves it as it was', () => {
    const { store } = project();
    const v1 = store.rubrics.addVersion(RUBRIC, 'editor');
    projectFile(store).prepare('UPDATE rubric SET frozen = 1 WHERE id = ?').run(v1.id);
    const changes: Array<[string, () => unknown]> = [
      [
        'replace',
        () =>
          store.write({ action: 't', subject: 'replace', payload: null }, () =>
            store.rubrics.replace(v1.id, { ...RUBRIC, name_zh: '改' }),
          ),
      ],
      // Raw SQL, as another program would write it: the triggers refuse it too.
      [
        'rename',
        () => projectFile(store).prepare("UPDATE rubric SET name_zh = 'x' WHERE id = ?").run(v1.id),
      ],
      [
        'unfreeze',
        () => projectFile(store).prepare('UPDATE rubric SET frozen = 0 WHERE id = ?').run(v1.id),
      ],
      ['delete', () => projectFile(store).prepare('DELETE FROM rubric WHERE id = ?').run(v1.id)],
      [
        'points',
        () =>
          projectFile(store)
            .prepare('UPDATE criterion SET max_points = 50 WHERE rubric_id = ?')
            .run(v1.id),
      ],
      [
        'add criterion',
        () =>
          projectFile(store)
            .prepare(
              "INSERT INTO criterion (rubric_id, position, key, name_zh, name_en, max_points) VALUES (?, 9, 'x', 'x', 'x', 1)",
            )
            .run(v1.id),
      ],
      [
        'remove criterion',
        () => projectFile(store).prepare('DELETE FROM criterion WHERE rubric_id = ?').run(v1.id),
      ],
      [
        'remove gate',
        () => projectFile(store).prepare('DELETE FROM gate WHERE rubric_id = ?').run(v1.id),
      ],
      [
        'add gate',
        () =>
          projectFile(store)
            .prepare(
              "INSERT INTO gate (rubric_id, position, key, name_zh, name_en) VALUES (?, 9, 'g', 'g', 'g')",
            )
            .run(v1.id),
      ],
    ];
    for (const [what, change] of changes) expect(change, what).toThrow(/frozen/);
    expect(store.rubrics.require(v1.id)).toEqual({ ...v1, frozen: true });
    store.close();
  });

  it('moves a round pin with the entries of that sector only', () => {
    const { store, factoryEntry, mineEntry } = project();
    const factory1 = store.rubrics.addVersion(RUBRIC, 'editor');
    const factory2 = store.rubrics.addVersion(RUBRIC, 'editor');
    const mine = store.rubrics.addVersion({ ...RUBRIC, sector: 'mine' }, 'editor');
    const roundId = store.rounds.create(
      {
        uuid: 'u2',
        name: 'r2',
        programme: 'pioneer',
        stage: null,
        settings: DEFAULT_AGGREGATION,
        pins: [
          { sector: 'factory', rubric_id: factory1.id },
          { sector: 'mine', rubric_id: mine.id },
        ],
        entries: [
          { entry_id: factoryEntry, sector: 'factory', rubric_id: factory1.id },
          { entry_id: mineEntry, sector: 'mine', rubric_id: mine.id },
        ],
      },
      'now',
    );
    store.rounds.movePin(roundId, 'factory', factory2.id);
    expect(store.rounds.pins(roundId)).toEqual([
      { sector: 'factory', rubric_id: factory2.id },
      { sector: 'mine', rubric_id: mine.id },
    ]);
    expect(store.rounds.rubricOf(roundId, factoryEntry)).toBe(factory2.id);
    expect(store.rounds.rubricOf(roundId, mineEntry)).toBe(mine.id);
    expect(store.rubrics.usage().get(factory1.id)).toBeUndefined();
    expect(store.rubrics.usage().get(factory2.id)).toEqual([
      { rubric_id: factory2.id, round: 'r2', status: 'setup' },
    ]);
    store.close();
  });
});

describe('migration 0004', () => {
  it('freezes versions already scored and keys pins by the sector of the entries', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.slice(0, 3));
    const run = (sql: string) => db.prepare(sql).run();
    run(
      "INSERT INTO rubric (id, sector, version, name_zh, name_en, tie_break_json, origin, created_at) VALUES (1, 'generic', 1, 'g', 'g', '[]', 'library', 'now'), (2, 'generic', 2, 'g', 'g', '[]', 'import', 'now')",
    );
    run(
      "INSERT INTO entry (id, programme, external_id, title, applicant, sector, source_json, created_at, updated_at) VALUES (1, 'bloom', 'B1', 't', 'a', 'campus', '[]', 'now', 'now'), (2, 'bloom', 'B2', 't', 'a', NULL, '[]', 'now', 'now')",
    );
    run(
      "INSERT INTO round (id, uuid, name, programme, created_at) VALUES (1, 'u', 'r', 'bloom', 'now')",
    );
    // Before 0004 a campus entry without a campus rubric was pinned under 'generic'.
    run("INSERT INTO round_rubric (round_id, sector, rubric_id) VALUES (1, 'generic', 1)");
    run('INSERT INTO round_entry (round_id, entry_id, rubric_id) VALUES (1, 1, 1), (1, 2, 1)');
    run(
      "INSERT INTO reviewer (id, external_id, name, created_at, updated_at) VALUES (1, 'R1', 'n', 'now', 'now')",
    );
    run(
      "INSERT INTO review (id, round_id, entry_id, reviewer_id, rubric_id, updated_at) VALUES (1, 1, 1, 1, 1, 'now')",
    );
    run("INSERT INTO score (review_id, criterion_key, points) VALUES (1, 'x', 3)");

    migrate(db, MIGRATIONS.slice(0, 4));
    expect(db.prepare('SELECT id, frozen FROM rubric ORDER BY id').all()).toEqual([
      { id: 1, frozen: 1 },
      { id: 2, frozen: 0 },
    ]);
    expect(db.prepare('SELECT sector, rubric_id FROM round_rubric ORDER BY sector').all()).toEqual([
      { sector: 'campus', rubric_id: 1 },
      { sector: 'generic', rubric_id: 1 },
    ]);
    expect(() => run("UPDATE rubric SET name_zh = 'x' WHERE id = 1")).toThrow(/frozen/);
    const plan = db
      .prepare<[], { detail: string }>(
        "EXPLAIN QUERY PLAN SELECT seq FROM audit_event WHERE subject = 'u' ORDER BY seq",
      )
      .all()
      .map((step) => step.detail)
      .join(' ');
    expect(plan).toContain('audit_event_subject_idx');
    db.close();
  });
});
