// The desk locks itself after the configured minutes without a key, click or touch, so a
// laptop left on the table does not stay signed in as its expert.
import { useEffect } from 'react';
import { call } from '@shared/api';
import { useApp } from '@shared/store';

const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel'] as const;

export function useIdleLock(minutes: number | null): void {
  useEffect(() => {
    if (minutes === null) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const lock = () => void call('desk.lock', {}).then(() => useApp.getState().dataChanged());
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(lock, minutes * 60_000);
    };
    restart();
    for (const event of ACTIVITY) window.addEventListener(event, restart, { passive: true });
    return () => {
      clearTimeout(timer);
      for (const event of ACTIVITY) window.removeEventListener(event, restart);
    };
  }, [minutes]);
}
