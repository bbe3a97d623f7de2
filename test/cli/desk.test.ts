// `sail-review desk`: an organiser who forgot the organiser PIN is not locked out of their own
// project: the CLI (their tool, on their file) shows the desk and leaves expert mode, removing the
// PIN; a window then finds the project in organiser mode.
import { expect, it } from 'vitest';
import { demoProjectSession } from '../support/demo-round';
import { runCli } from '../support/cli';
import { projectFile } from '../support/project-file';

it('shows the desk and leaves expert mode without the organiser PIN, audited', async () => {
  const api = await demoProjectSession();
  await api.ok('reviewers.setPin', { reviewer_id: 'R00101', pin: '1357' });
  await api.ok('desk.settings', { organiser_pin: '9999', idle_lock_minutes: 7 });
  await api.ok('desk.open', {});
  const path = api.session.require().path;
  await api.ok('project.close', {});

  const shown = runCli(['desk', path, '--json']);
  expect(shown.code, shown.stderr).toBe(0);
  expect(JSON.parse(shown.stdout)).toMatchObject({
    mode: 'expert',
    organiser_pin_set: true,
    idle_lock_minutes: 7,
    experts: [{ reviewer_id: 'R00101' }],
  });

  const left = runCli(['desk', path, '--leave']);
  expect(left.code, left.stderr).toBe(0);
  expect(left.stderr).toContain('已退出专家模式');
  await api.ok('project.open', { path });
  expect(await api.ok('desk.state', {})).toMatchObject({
    mode: 'organiser',
    organiser_pin_set: false,
  });
  const actions = projectFile(api.session.require())
    .prepare<[], { action: string }>('SELECT action FROM audit_event ORDER BY seq DESC LIMIT 2')
    .all()
    .map((row) => row.action);
  expect(actions).toEqual(['desk.close', 'desk.settings']);
  // Leaving a desk that is not open changes nothing.
  expect(runCli(['desk', path, '--leave']).stderr).not.toContain('已退出专家模式');
});
