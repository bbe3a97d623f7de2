// Autosave of a review: each change is saved ~400 ms after typing pauses; saves never overlap
// and always send the whole form, so the newest save carries every earlier change. A failed
// save leaves the input on screen and is retried with the next change (or "retry now"); a save
// refused because the round is locked is not, as every retry would be refused too. Each save
// names the version it was based on: one refused because another window or process changed
// (or submitted) the review meanwhile is a clash, handed to the form to show the newer review.
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
  | { kind: 'locked' }
  /** The review changed elsewhere since the form was loaded: the change is not saved. */
  | { kind: 'clash'; error: UserMessage };

/** How a flush ended: saved (or nothing to save), failed (to retry), or refused for good. */
export type FlushOutcome = 'saved' | 'failed' | 'locked' | 'clash';

/** Refusals that no retry would change: the form must be reloaded instead. */
const CLASH_CODES = new Set(['review_changed', 'review_submitted']);

export interface Autosave {
  status: SaveStatus;
  /** Records a change; it is saved once typing pauses. */
  change: (payload: SavePayload) => void;
  /** Saves anything pending (or retries a failed save) now. */
  flush: () => Promise<FlushOutcome>;
  /** The review as another operation (submit, reopen) left it: later saves build on it. */
  track: (state: ReviewState) => void;
}

export interface AutosaveEvents {
  onSaved: (state: ReviewState) => void;
  onLocked: () => void;
  /** The save was refused because the review changed elsewhere; `mine` was not saved. */
  onClash: (error: UserMessage, mine: SavePayload) => void;
}

export function useAutosave(target: SaveTarget, version: number, events: AutosaveEvents): Autosave {
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const pending = useRef<SavePayload | null>(null);
  const latest = useRef<SavePayload | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const running = useRef<Promise<FlushOutcome> | null>(null);
  const failed = useRef(false);
  const targetRef = useRef(target);
  const versionRef = useRef(version);
  const eventsRef = useRef(events);
  useEffect(() => {
    targetRef.current = target;
    eventsRef.current = events;
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
      const save = call('scoring.save', {
        ...targetRef.current,
        ...payload,
        base_version: versionRef.current,
      }).then((result): FlushOutcome => {
        running.current = null;
        const { code } = result.ok ? { code: null } : result.error;
        failed.current = !result.ok && code !== 'round_locked' && !CLASH_CODES.has(code ?? '');
        if (result.ok) {
          versionRef.current = result.value.version;
          eventsRef.current.onSaved(result.value);
          if (!hasPending()) setStatus({ kind: 'saved', at: new Date() });
          return 'saved';
        }
        if (failed.current) {
          setStatus({ kind: 'error', error: result.error });
          return 'failed';
        }
        // Changes typed meanwhile would be refused too.
        pending.current = null;
        if (code === 'round_locked') {
          setStatus({ kind: 'locked' });
          eventsRef.current.onLocked();
          return 'locked';
        }
        setStatus({ kind: 'clash', error: result.error });
        eventsRef.current.onClash(result.error, latest.current ?? payload);
        return 'clash';
      });
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
      // From the keystroke on, "saved" would claim what is not yet in the file.
      setStatus((now) => (now.kind === 'saved' || now.kind === 'idle' ? { kind: 'saving' } : now));
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), DELAY_MS);
    },
    [flush],
  );

  // Leaving the entry (or the screen) saves what is pending rather than dropping it.
  useEffect(() => () => void flush(), [flush]);

  const track = useCallback((state: ReviewState) => {
    versionRef.current = state.version;
  }, []);

  return { status, change, flush, track };
}
