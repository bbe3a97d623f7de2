// App-wide state: the open project, the task on screen, the current round and reviewer.
// Round and reviewer are remembered per project file, so an expert reopening a project lands
// back in the same queue.
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { ProjectInfo } from '@api/contract';

export const VIEWS = [
  'overview',
  'entries',
  'rubrics',
  'rounds',
  'reviewers',
  'panel',
  'scoring',
  'progress',
  'ranking',
  'export',
] as const;
export type View = (typeof VIEWS)[number];

/** A file of entries dropped on the window, waiting for the entries screen to import it. */
export interface DroppedImport {
  path: string;
  fileName: string;
}

interface Selection {
  round: string | null;
  reviewer: string | null;
}

interface AppState extends Selection {
  project: ProjectInfo | null;
  view: View;
  /** Bumped after every write, so loaded lists know to fetch again. */
  revision: number;
  remembered: Record<string, Selection>;
  /** The keyboard shortcuts overlay (`?`) is open. */
  shortcuts: boolean;
  /** The user guide is open beside the screen. */
  guide: boolean;
  droppedImport: DroppedImport | null;
  openProject: (project: ProjectInfo) => void;
  closeProject: () => void;
  setView: (view: View) => void;
  setRound: (round: string | null) => void;
  setReviewer: (reviewer: string | null) => void;
  dataChanged: () => void;
  showShortcuts: (open: boolean) => void;
  showGuide: (open: boolean) => void;
  setDroppedImport: (dropped: DroppedImport | null) => void;
}

const EMPTY: Selection = { round: null, reviewer: null };

export const useApp = create<AppState>()(
  persist(
    (set, get) => {
      const select = (change: Partial<Selection>) => {
        const { project, round, reviewer, remembered } = get();
        const next = { round, reviewer, ...change };
        set({
          ...next,
          remembered: project ? { ...remembered, [project.path]: next } : remembered,
        });
      };
      return {
        ...EMPTY,
        project: null,
        view: 'overview',
        revision: 0,
        remembered: {},
        shortcuts: false,
        guide: false,
        droppedImport: null,
        openProject: (project) =>
          set((state) => ({
            project,
            view: 'overview',
            revision: state.revision + 1,
            ...(state.remembered[project.path] ?? EMPTY),
          })),
        closeProject: () => set({ project: null, view: 'overview', ...EMPTY }),
        setView: (view) => set({ view }),
        setRound: (round) => select({ round }),
        setReviewer: (reviewer) => select({ reviewer }),
        dataChanged: () => set((state) => ({ revision: state.revision + 1 })),
        showShortcuts: (shortcuts) => set({ shortcuts }),
        showGuide: (guide) => set({ guide }),
        setDroppedImport: (droppedImport) => set({ droppedImport }),
      };
    },
    { name: 'sail.app', partialize: (state) => ({ remembered: state.remembered }) },
  ),
);
