// Language state and the t() function. Chinese is the default; the choice persists per machine.
import { useMemo } from 'react';
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { enUS } from './en-US';
import { zhCN, type MessageKey, type Messages } from './zh-CN';

export type Lang = 'zh-CN' | 'en-US';
export type { MessageKey };

const MESSAGES: Record<Lang, Messages> = { 'zh-CN': zhCN, 'en-US': enUS };

interface LanguageState {
  lang: Lang;
  setLang: (lang: Lang) => void;
}

export const useLanguage = create<LanguageState>()(
  persist((set) => ({ lang: 'zh-CN', setLang: (lang) => set({ lang }) }), {
    name: 'sail.language',
  }),
);

export type Vars = Record<string, string | number>;

/** The names of a message's {name} and {name:one|other} places. */
type PlacesOf<S extends string> = S extends `${string}{${infer Place}}${infer Rest}`
  ? (Place extends `${infer Name}:${string}` ? Name : Place) | PlacesOf<Rest>
  : never;

/**
 * The values a message takes: one for each of its places, so that leaving one out (which would
 * show "{name}" to the user) is a type error. A key known only as one of several takes the
 * values of any of them.
 */
export type VarsFor<K extends MessageKey> = K extends MessageKey
  ? [PlacesOf<(typeof zhCN)[K]>] extends [never]
    ? [vars?: Vars]
    : [vars: Record<PlacesOf<(typeof zhCN)[K]>, string | number>]
  : never;

export type Translate = <K extends MessageKey>(key: K, ...vars: VarsFor<K>) => string;

const PLURALS: Record<Lang, Intl.PluralRules> = {
  'zh-CN': new Intl.PluralRules('zh-CN'),
  'en-US': new Intl.PluralRules('en-US'),
};

/**
 * Fills a message's {name} places from `vars`; {name:one|other} picks the word that agrees with
 * the number `name` ("1 entry", "2 entries"). Chinese messages need no such choice.
 */
export function translate<K extends MessageKey>(lang: Lang, key: K, ...given: VarsFor<K>): string {
  const template = MESSAGES[lang][key];
  const vars: Vars | undefined = given[0];
  if (!vars) return template;
  return template
    .replace(/\{(\w+):([^|}]*)\|([^}]*)\}/g, (whole, name: string, one: string, other: string) =>
      name in vars ? (PLURALS[lang].select(Number(vars[name])) === 'one' ? one : other) : whole,
    )
    .replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function useLang(): Lang {
  return useLanguage((state) => state.lang);
}

export function useT(): Translate {
  const lang = useLang();
  return useMemo(
    () =>
      (key, ...vars) =>
        translate(lang, key, ...vars),
    [lang],
  );
}

/** Chooses the zh or en variant of data that carries both (names, messages). */
export function pick(lang: Lang, zh: string, en: string): string {
  return lang === 'zh-CN' ? zh : en;
}
