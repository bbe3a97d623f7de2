// While a board is on screen, scores may arrive from another window or process (a CLI import, a
// packet merged on this laptop): ask for the project's last write now and then, and a new one
// makes the loaded lists fetch again. Writes from this window announce themselves already.
import { useEffect } from 'react';
import { call } from '@shared/api';
import { useApp } from '@shared/store';

export const LIVE_REFRESH_MS = 3000;

export function useLiveRevision(): void {
  useEffect(() => {
    let known: number | null = null;
    let live = true;
    const check = () => {
      // A hidden window waits: nobody is looking, and focus brings it up to date.
      if (document.visibilityState === 'hidden') return;
      void call('project.revision', {}).then((result) => {
        if (!live || !result.ok) return;
        if (known !== null && result.value !== known) useApp.getState().dataChanged();
        known = result.value;
      });
    };
    check();
    const timer = window.setInterval(check, LIVE_REFRESH_MS);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, []);
}
