// Data hooks over the API: loading a query (refetched after every write) and running an
// operation with its error shown in the user's language.
import { useCallback, useEffect, useState } from 'react';
import { App } from 'antd';
import type { OperationInput, OperationName, OperationOutput } from '@api/contract';
import type { Result } from '@api/result';
import type { UserMessage } from '@core/errors';
import { call, downloadFile, isWebMode } from './api';
import { pick, useLang, useT } from './i18n';
import { useApp } from './store';
import { toUserMessage } from './userMessage';

interface Loaded<T> {
  key: string;
  data: T | undefined;
  error: UserMessage | null;
}

export interface Query<T> {
  /** The last loaded value; kept while a refetch is under way so screens do not flicker. */
  data: T | undefined;
  loading: boolean;
  error: UserMessage | null;
  reload: () => void;
}

/**
 * An answer asked for before the screen that shows it is drawn (a click asks at once, not after
 * a first render), with the data revision it was asked at: a write since makes it stale.
 */
export interface AskedAnswer<N extends OperationName> {
  revision: number;
  answer: Promise<Result<OperationOutput<N>>>;
  /** The answer once it has come: the screen is then drawn with it from its first render. */
  settled?: Result<OperationOutput<N>>;
}

/** Asks `name` now, for a screen about to be drawn (useSailQuery's `asked`). */
export function askNow<N extends OperationName>(name: N, input: OperationInput<N>): AskedAnswer<N> {
  const asked: AskedAnswer<N> = { revision: useApp.getState().revision, answer: call(name, input) };
  void asked.answer.then((result) => {
    asked.settled = result;
  });
  return asked;
}

const loadedFrom = <T>(key: string, result: Result<T>, previous?: T): Loaded<T> =>
  result.ok
    ? { key, data: result.value, error: null }
    : { key, data: previous, error: result.error };

/**
 * Loads an operation's output; `null` input means "not yet" (e.g. no round chosen). `asked`: the
 * same question already asked (askNow), taken for the first load if nothing was written since.
 */
export function useSailQuery<N extends OperationName>(
  name: N,
  input: OperationInput<N> | null,
  asked?: AskedAnswer<N>,
): Query<OperationOutput<N>> {
  const revision = useApp((state) => state.revision);
  const [reloads, setReloads] = useState(0);
  const inputJson = input === null ? null : JSON.stringify(input);
  const key = inputJson === null ? null : `${name} ${inputJson} ${revision} ${reloads}`;
  const taken = asked && asked.revision === revision && reloads === 0 ? asked : undefined;
  const [loaded, setLoaded] = useState<Loaded<OperationOutput<N>>>(() =>
    key !== null && taken?.settled
      ? loadedFrom(key, taken.settled)
      : { key: '', data: undefined, error: null },
  );

  const loadedKey = loaded.key;
  useEffect(() => {
    if (key === null || inputJson === null || loadedKey === key) return;
    let live = true;
    void (taken?.answer ?? call(name, JSON.parse(inputJson) as OperationInput<N>)).then(
      (result) => {
        if (live) setLoaded((previous) => loadedFrom(key, result, previous.data));
      },
    );
    return () => {
      live = false;
    };
  }, [name, inputJson, key, taken, loadedKey]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  const current = loaded.key === key;
  return {
    data: key === null ? undefined : loaded.data,
    loading: key !== null && !current,
    error: current ? loaded.error : null,
    reload,
  };
}

/** The text of a user message in the current language. */
export function useMessageText(): (error: UserMessage) => string {
  const lang = useLang();
  return useCallback((error) => pick(lang, error.message_zh, error.message_en), [lang]);
}

/** Shows an error (a Result error or anything thrown) as a notification. */
export function useNotifyError(): (error: unknown) => void {
  const { notification } = App.useApp();
  const t = useT();
  const text = useMessageText();
  return useCallback(
    (error) => {
      const message = toUserMessage(error);
      notification.error({
        title: t('error.title'),
        description: text(message),
        duration: 8,
        // Same code and text: one notification, not a stack of duplicates.
        key: `${message.code}:${message.message_en}`,
      });
    },
    [notification, t, text],
  );
}

/**
 * Saves a file the host wrote through the browser's downloads, showing a failure; null in the
 * desktop window, which writes files where the user chose in the save dialog.
 */
export function useDownload(): ((path: string) => void) | null {
  const notifyError = useNotifyError();
  const download = useCallback(
    (path: string) => void downloadFile(path).catch(notifyError),
    [notifyError],
  );
  return isWebMode ? download : null;
}

/** Runs an operation; on failure shows the error and resolves to undefined. */
export function useOperation(): <N extends OperationName>(
  name: N,
  input: OperationInput<N>,
) => Promise<OperationOutput<N> | undefined> {
  const notifyError = useNotifyError();
  return useCallback(
    async (name, input) => {
      const result = await call(name, input);
      if (result.ok) return result.value;
      notifyError(result.error);
      return undefined;
    },
    [notifyError],
  );
}

/** `value`, once it has stopped changing for `delay` ms. */
export function useDebounced<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}
