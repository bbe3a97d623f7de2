// The session's events, pushed to the window as they happen: "data changed" after every write
// and each task's progress. In Electron they come through the preload bridge; in the browser
// from the local host's event stream, read with fetch because an EventSource cannot send the
// session token.
import { HOST_EVENTS_PATH, type EventBridge, type SessionEvent } from '@api/channels';
import { hostHeaders, isWebMode } from './api';

type Listener = (event: SessionEvent) => void;

/** Waits before reconnecting to a host that went away, growing to at most 5 s. */
const RETRY_MS = [250, 1000, 5000];

/**
 * After the stream was interrupted the window may have missed changes: a "changed" event makes
 * every loaded list fetch again once the stream is back.
 */
const RECONNECTED: SessionEvent = { type: 'changed', operation: 'events.reconnected', area: '' };

/** Splits a server-sent event stream into the JSON of each `data:` line. */
function readEventLines(buffer: string): { events: SessionEvent[]; rest: string } {
  const events: SessionEvent[] = [];
  const blocks = buffer.split('\n\n');
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    for (const line of block.split('\n')) {
      if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)) as SessionEvent);
    }
  }
  return { events, rest };
}

function hostEvents(): EventBridge {
  const listeners = new Set<Listener>();
  let running = false;
  const emit = (event: SessionEvent) => {
    for (const listener of listeners) listener(event);
  };

  async function stream(): Promise<void> {
    let failures = 0;
    let connectedBefore = false;
    while (listeners.size > 0) {
      try {
        const response = await fetch(HOST_EVENTS_PATH, { headers: hostHeaders() });
        if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
        if (connectedBefore) emit(RECONNECTED);
        connectedBefore = true;
        failures = 0;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          const { events, rest } = readEventLines(buffer + value);
          buffer = rest;
          events.forEach(emit);
        }
      } catch {
        // The host stopped or restarted: try again below.
      }
      const wait = RETRY_MS[Math.min(failures, RETRY_MS.length - 1)];
      failures++;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    running = false;
  }

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (!running) {
        running = true;
        void stream();
      }
      return () => listeners.delete(listener);
    },
  };
}

export const sessionEvents: EventBridge = isWebMode
  ? hostEvents()
  : (window.sail?.events ?? { subscribe: () => () => undefined });
