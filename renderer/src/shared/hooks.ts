// Data hooks over the API: loading a query (refetched after every write) and running an
// operation with its error shown in the user's language.
import { useCallback, useEffect, useState } from 'react';
import { App } from 'antd';
import type { OperationInput, OperationName, OperationOutput } from '@api/contract';
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

/** Loads an operation's output; `null` input means "not yet" (e.g. no round chosen). */
export function useSailQuery<N extends OperationName>(
  name: N,
  input: OperationInput<N> | null,
): Query<OperationOutput<N>> {
  const revision = useApp((state) => state.revision);
  const [reloads, setReloads] = useState(0);
  const inputJson = input === null ? null : JSON.stringify(input);
  const key = inputJson === null ? null : `${name} ${inputJson} ${revision} ${reloads}`;
  const [loaded, setLoaded] = useState<Loaded<OperationOutput<N>>>({
    key: '',
    data: undefined,
    error: null,
  });

  useEffect(() => {
    if (key === null || inputJson === null) return;
    let live = true;
    void call(name, JSON.parse(inputJson) as OperationInput<N>).then((result) => {
      if (!live) return;
      setLoaded((previous) =>
        result.ok
          ? { key, data: result.value, error: null }
          : { key, data: previous.data, error: result.error },
      );
    });
    return () => {
      live = false;
    };
  }, [name, inputJson, key]);

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
