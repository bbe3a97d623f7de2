// Writes by another process (a CLI import, a packet merged on this laptop) announce nothing to
// this window: it asks for the project's last write and, when that moved since it last asked,
// makes every loaded list fetch again.
import { call } from './api';
import { useApp } from './store';

/** A check to call whenever it is worth asking (focus, a timer); the first only learns. */
export function revisionCheck(): () => void {
  let known: number | null = null;
  return () => {
    void call('project.revision', {}).then((result) => {
      if (!result.ok) return;
      if (known !== null && result.value !== known) useApp.getState().dataChanged();
      known = result.value;
    });
  };
}
