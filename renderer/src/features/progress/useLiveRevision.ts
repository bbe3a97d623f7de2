// While a board is on screen, scores may arrive from another window or process (a CLI import, a
// packet merged on this laptop): ask for the project's last write now and then. Writes from this
// window announce themselves already.
import { useEffect } from 'react';
import { revisionCheck } from '@shared/revision';

export const LIVE_REFRESH_MS = 3000;

export function useLiveRevision(): void {
  useEffect(() => {
    const check = revisionCheck();
    check();
    const timer = window.setInterval(() => {
      // A hidden window waits: nobody is looking, and focus brings it up to date.
      if (document.visibilityState !== 'hidden') check();
    }, LIVE_REFRESH_MS);
    return () => window.clearInterval(timer);
  }, []);
}
