// The window's check for writes made elsewhere: project.revision changes with every write to
// the open file, also one made by another process (here: another connection, as the CLI has).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../electron/store/project-store';
import { sample } from '../support/paths';
import { apiSession } from '../support/session';

describe('project.revision', () => {
  it('is null with no project, then moves with every write, ours or another process’s', async () => {
    const api = apiSession();
    expect(await api.ok('project.revision', {})).toBeNull();
    const path = join(api.dir, '评审.sailreview');
    await api.ok('project.create', { path });
    const created = await api.ok('project.revision', {});
    expect(created).toBeGreaterThan(0);
    expect(await api.ok('project.revision', {})).toBe(created);

    await api.ok('reviewers.import', { path: sample('reviewers.csv') });
    const imported = await api.ok('project.revision', {});
    expect(imported).toBeGreaterThan(created ?? 0);

    const elsewhere = ProjectStore.open(path);
    elsewhere.write({ action: 'test.write', subject: 'elsewhere', payload: {} }, () => undefined);
    elsewhere.close();
    expect(await api.ok('project.revision', {})).toBeGreaterThan(imported ?? 0);
  });
});
