import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../electron/store/project-store';
import { tempDir } from '../support/paths';
import { projectFile } from '../support/project-file';

describe('ProjectStore', () => {
  it('creates a project with a UUID and refuses to overwrite an existing one', () => {
    const path = join(tempDir(), 'a.sailreview');
    const store = ProjectStore.create(path, { name: '测试项目' });
    expect(store.project.name).toBe('测试项目');
    expect(store.project.uuid).toMatch(/^[0-9a-f-]{36}$/);
    store.close();
    expect(() => ProjectStore.create(path)).toThrow(
      expect.objectContaining({ code: 'project_exists' }),
    );
    const reopened = ProjectStore.open(path);
    expect(reopened.project.name).toBe('测试项目');
    reopened.close();
  });

  it('writes each change together with a hash-chained audit event', () => {
    const store = ProjectStore.create(join(tempDir(), 'b.sailreview'));
    store.write({ action: 'test.one', subject: 's', payload: { n: 1 } }, () => undefined);
    store.write({ action: 'test.two', subject: 's', payload: { n: 2 } }, () => undefined);
    const events = projectFile(store)
      .prepare('SELECT seq, action, prev_hash, hash FROM audit_event ORDER BY seq')
      .all() as Array<{
      seq: number;
      action: string;
      prev_hash: string;
      hash: string;
    }>;
    expect(events.map((e) => e.action)).toEqual(['project.create', 'test.one', 'test.two']);
    expect(events[1]!.prev_hash).toBe(events[0]!.hash);
    expect(store.verifyAudit()).toEqual({ events: 3, brokenAt: null });
    store.close();
  });

  it('rolls back the change and its audit event together when the change fails', () => {
    const store = ProjectStore.create(join(tempDir(), 'c.sailreview'));
    expect(() =>
      store.write({ action: 'test.fail', subject: 's', payload: null }, () => {
        store.columnMappings.save({
          signature: 'sig',
          programme: 'bloom',
          mapping_json: '{}',
          updated_at: 'now',
        });
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(projectFile(store).prepare('SELECT count(*) AS n FROM column_mapping').get()).toEqual({
      n: 0,
    });
    expect(store.verifyAudit().events).toBe(1);
    store.close();
  });

  it('detects an audit event altered behind its back', () => {
    const path = join(tempDir(), 'd.sailreview');
    const store = ProjectStore.create(path);
    store.write({ action: 'score', subject: 'x', payload: { points: 10 } }, () => undefined);
    store.close();
    // Someone with sqlite3 removes the guard and edits history.
    const raw = new Database(path);
    raw.exec('DROP TRIGGER audit_event_no_update');
    raw.prepare(`UPDATE audit_event SET payload_json = '{"points":20}' WHERE seq = 2`).run();
    raw.close();
    const reopened = ProjectStore.open(path);
    expect(reopened.verifyAudit()).toEqual({ events: 2, brokenAt: 2 });
    reopened.close();
  });
});
