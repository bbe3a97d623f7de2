// Autosave of a review: each change is saved ~400 ms after typing pauses; saves never overlap
// and always send the whole form, so the newest save carries every earlier change. A failed
// save leaves the input on screen and is retried with the next change (or "retry now"); a save
// refused because the round is locked is not, as every retry would be refused too.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReviewState } from '@api/contract';
import type { UserMessage } from '@core/errors';
import { call } from '@shared/api';
import type { GateAnswer } from './score';

const DELAY_MS = 400;

export interface SaveTarget {
  round: string;
  reviewer: string;
  entry: number;
}

export interface SavePayload {
  scores: Record<string, number | null>;
  gates: Record<string, GateAnswer>;
  comment: string;
}

export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'error'; error: UserMessage }
  /** The round was locked after the form was loaded: the change is dropped. */
  | { kind: 'locked' };

/** How a flush ended: saved (or nothing to save), failed (to retry), or refused for good. */
export type FlushOutcome = 'saved' | 'failed' | 'locked';

export interface Autosave {
  status: SaveStatus;
  /** Records a change; it is saved once typing pauses. */
  change: (payload: SavePayload) => void;
  /** Saves anything pending (or retries a failed save) now. */
  flush: () => Promise<FlushOutcome>;
}

export function useAutosave(
  target: SaveTarget,
  onSaved: (state: ReviewState) => void,
  onLocked: () => void,
): Autosave {
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const pending = useRef<SavePayload | null>(null);
  const latest = useRef<SavePayload | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const running = useRef<Promise<FlushOutcome> | null>(null);
  const failed = useRef(false);
  const targetRef = useRef(target);
  const onSavedRef = useRef(onSaved);
  const onLockedRef = useRef(onLocked);
  useEffect(() => {
    targetRef.current = target;
    onSavedRef.current = onSaved;
    onLockedRef.current = onLocked;
  });

  const flush = useCallback(async (): Promise<FlushOutcome> => {
    clearTimeout(timer.current);
    // Read through a function: the ref changes while a save is awaited.
    const hasPending = () => pending.current !== null;
    for (;;) {
      while (running.current) await running.current;
      // After a failure the last form is sent again, so "flush" doubles as "retry now".
      const payload = pending.current ?? (failed.current ? latest.current : null);
      if (!payload) return 'saved';
      pending.current = null;
      setStatus({ kind: 'saving' });
      const save = call('scoring.save', { ...targetRef.current, ...payload }).then(
        (result): FlushOutcome => {
          running.current = null;
          failed.current = !result.ok && result.error.code !== 'round_locked';
          if (result.ok) {
            onSavedRef.current(result.value);
            if (!hasPending()) setStatus({ kind: 'saved', at: new Date() });
            return 'saved';
          }
          if (failed.current) {
            setStatus({ kind: 'error', error: result.error });
            return 'failed';
          }
          // Changes typed meanwhile would be refused too.
          pending.current = null;
          setStatus({ kind: 'locked' });
          onLockedRef.current();
          return 'locked';
        },
      );
      running.current = save;
      const outcome = await save;
      // Changes made while that save was in flight go out next.
      if (outcome !== 'saved' || !hasPending()) return outcome;
    }
  }, []);

  const change = useCallback(
    (payload: SavePayload) => {
      pending.current = payload;
      latest.current = payload;
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), DELAY_MS);
    },
    [flush],
  );

  // Leaving the entry (or the screen) saves what is pending rather than dropping it.
  useEffect(() => () => void flush(), [flush]);

  return { status, change, flush };
}
