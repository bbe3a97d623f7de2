// Light or dark: follows the system by default, or the person's choice, kept per machine.
import { useSyncExternalStore } from 'react';
import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export type ThemeChoice = 'system' | 'light' | 'dark';

interface ThemeState {
  choice: ThemeChoice;
  setChoice: (choice: ThemeChoice) => void;
}

export const useThemeChoice = create<ThemeState>()(
  persist((set) => ({ choice: 'system', setChoice: (choice) => set({ choice }) }), {
    name: 'sail.theme',
  }),
);

const DARK = '(prefers-color-scheme: dark)';

function useSystemDark(): boolean {
  return useSyncExternalStore(
    (changed) => {
      const query = window.matchMedia(DARK);
      query.addEventListener('change', changed);
      return () => query.removeEventListener('change', changed);
    },
    () => window.matchMedia(DARK).matches,
  );
}

/** Whether the window shows dark now. */
export function useDark(): boolean {
  const choice = useThemeChoice((state) => state.choice);
  const systemDark = useSystemDark();
  return choice === 'dark' || (choice === 'system' && systemDark);
}
