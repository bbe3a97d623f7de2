// The schema guard: the schema every migration together produces is committed beside this test.
// A migration that changes it without the snapshot being updated fails here, so a schema change
// is always a reviewed decision (packets from laptops on an older version have to merge).
// Update after a deliberate change: npx vitest run --config test/vitest.config.ts -u test/store/schema-snapshot.test.ts
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/store/database';
import { MIGRATIONS } from '../../electron/store/migrations';
import { ProjectStore } from '../../electron/store/project-store';
import { tempDir } from '../support/paths';
import { join } from 'node:path';
import { projectFile } from '../support/project-file';

/** Every table, index, trigger and view with its SQL, in a stable order, plus the version. */
function describeSchema(db: Database.Database): string {
  const objects = db
    .prepare<[], { type: string; name: string; tbl_name: string; sql: string | null }>(
      `SELECT type, name, tbl_name, sql FROM sqlite_schema
       WHERE name NOT LIKE 'sqlite_%' ORDER BY tbl_name, type, name`,
    )
    .all();
  const lines = [`-- user_version ${schemaVersion(db)}`];
  for (const object of objects) {
    lines.push(`-- ${object.type} ${object.name} on ${object.tbl_name}`);
    // Indentation is not a schema change: compare statements line by line, trimmed.
    const sql = (object.sql ?? '(automatic)')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
    lines.push(`${sql.join('\n')};`);
  }
  return `${lines.join('\n')}\n`;
}

describe('schema guard', () => {
  it('the migrated schema matches the committed snapshot', async () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS);
    await expect(describeSchema(db)).toMatchFileSnapshot('__snapshots__/schema.sql');
    db.close();
  });

  it('a new project file has exactly the migrated schema', () => {
    const fresh = new Database(':memory:');
    migrate(fresh, MIGRATIONS);
    const store = ProjectStore.create(join(tempDir(), 'guard.sailreview'), { name: 'guard' });
    try {
      expect(describeSchema(projectFile(store))).toBe(describeSchema(fresh));
    } finally {
      store.close();
      fresh.close();
    }
  });
});
