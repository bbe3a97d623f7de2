// The first screen's questions, asked before React, antd and the screens are loaded: the session
// reads the project while the window loads its code, and the first render finds the answers
// waiting. These are what an open project's first screen asks (the layout, the top bar, the
// overview), all at once: waiting for `project.current` would wait for the code. With no project
// open the others fail and are dropped unread (AppLayout forgets what the first screen did not
// take).
import { callEarly } from '@shared/api';

export function startEarlyCalls(): void {
  void callEarly('project.current', {});
  void callEarly('desk.state', {});
  void callEarly('rounds.list', {});
  void callEarly('reviewers.list', {});
  void callEarly('project.overview', {});
  void callEarly('project.backups', {});
  void callEarly('project.integrity', {});
}
