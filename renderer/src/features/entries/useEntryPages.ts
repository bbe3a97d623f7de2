// Pages of the entry list, fetched on demand as the table scrolls, so 50,000 entries cost
// only the rows on screen. A change of query (filters, sort, or any write) starts afresh.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EntryListRow, OperationInput } from '@api/contract';
import type { UserMessage } from '@core/errors';
import { call } from '@shared/api';
import { useApp } from '@shared/store';

// Large pages: each request has a fixed cost, and 500 short rows are little to hold.
const PAGE_SIZE = 500;

export type EntryQuery = Omit<OperationInput<'entries.list'>, 'offset' | 'limit'>;

interface Cache {
  key: string;
  total: number | null;
  pages: ReadonlyMap<number, EntryListRow[]>;
  error: UserMessage | null;
}

export interface EntryPages {
  /** Matching entries; null until the first page of the current query has arrived. */
  total: number | null;
  /** Rows to lay out: the current total, or the last one while a new query loads (no jumping). */
  count: number;
  row: (index: number) => EntryListRow | undefined;
  /** Makes sure rows first..last (inclusive) are loaded or on their way. */
  ensure: (first: number, last: number) => void;
  error: UserMessage | null;
  retry: () => void;
}

export function useEntryPages(query: EntryQuery): EntryPages {
  const revision = useApp((state) => state.revision);
  const [attempt, setAttempt] = useState(0);
  const queryJson = JSON.stringify(query);
  const key = `${revision}:${attempt}:${queryJson}`;
  const [cache, setCache] = useState<Cache>({
    key: '',
    total: null,
    pages: new Map(),
    error: null,
  });
  /** Pages asked for (or loaded), by `${key}#${page}`. */
  const requested = useRef(new Set<string>());
  /** The rows last asked to be on screen. */
  const wanted = useRef<[number, number]>([0, 0]);
  /** The query whose page request is in flight, if any: one at a time per query. */
  const busy = useRef<string | null>(null);
  const currentKey = useRef(key);

  useEffect(() => {
    currentKey.current = key;
    requested.current.clear();
  }, [key]);

  // Fetches the first missing page of the wanted rows, then the next, and so on. While one page
  // loads, further scrolling only moves the wanted rows, so a fast scroll through 50,000 rows
  // costs the pages it stops at, not every page it passes.
  const ensure = useCallback(
    (first: number, last: number) => {
      wanted.current = [first, last];
      const input = JSON.parse(queryJson) as EntryQuery;
      const pump = () => {
        if (busy.current === key || currentKey.current !== key) return;
        const [from, to] = wanted.current;
        let page = Math.floor(from / PAGE_SIZE);
        while (page <= Math.floor(to / PAGE_SIZE) && requested.current.has(`${key}#${page}`)) {
          page += 1;
        }
        if (page > Math.floor(to / PAGE_SIZE)) return;
        const id = `${key}#${page}`;
        requested.current.add(id);
        busy.current = key;
        void call('entries.list', { ...input, offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then(
          (result) => {
            if (busy.current === key) busy.current = null;
            if (currentKey.current !== key) return; // a newer query has taken over
            if (!result.ok) {
              requested.current.delete(id);
              setCache((previous) => ({ ...base(previous, key), error: result.error }));
              return;
            }
            setCache((previous) => {
              const pages = new Map(base(previous, key).pages).set(page, result.value.rows);
              return { key, total: result.value.total, pages, error: null };
            });
            pump();
          },
        );
      };
      pump();
    },
    [key, queryJson],
  );

  // The first page of every new query; it also tells the total.
  useEffect(() => ensure(0, 0), [ensure]);

  const fresh = cache.key === key;
  const { pages } = cache;
  const row = useCallback(
    (index: number) =>
      fresh ? pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE] : undefined,
    [fresh, pages],
  );
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  return {
    total: fresh ? cache.total : null,
    count: cache.total ?? 0,
    row,
    ensure,
    error: fresh ? cache.error : null,
    retry,
  };
}

/** The cache to add to: the current one if it belongs to `key`, else an empty one. */
function base(cache: Cache, key: string): Cache {
  return cache.key === key ? cache : { key, total: null, pages: new Map(), error: null };
}
