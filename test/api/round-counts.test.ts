// A round's review counts, as the overview and the round list show them: counted once per state
// of the data (a national round holds 1.7 million reviews, and a window opening a project asks
// for both at once), and counted again after any write, this process's or another's.
import { describe, expect, it } from 'vitest';
import { demoRoundSession } from '../support/demo-round';
import { projectFile } from '../support/project-file';

describe('review counts', () => {
  it('follow a write by another program to the reviews', async () => {
    const api = await demoRoundSession();
    const [round] = await api.ok('rounds.list', {});
    const submitted = round?.reviews_submitted ?? 0;
    expect(submitted).toBeGreaterThan(0);
    expect((await api.ok('project.overview', {})).rounds[0]).toMatchObject({
      reviews_submitted: submitted,
      reviews_draft: 0,
    });
    // Another connection to the file, as another process is: no audit event of this store.
    projectFile(api.session.require())
      .prepare("UPDATE review SET status = 'draft' WHERE id = (SELECT min(id) FROM review)")
      .run();
    expect((await api.ok('rounds.list', {}))[0]).toMatchObject({
      reviews_submitted: submitted - 1,
      reviews_draft: 1,
    });
    expect((await api.ok('project.overview', {})).rounds[0]).toMatchObject({
      reviews_submitted: submitted - 1,
      reviews_draft: 1,
    });
    api.session.close();
  });
});
