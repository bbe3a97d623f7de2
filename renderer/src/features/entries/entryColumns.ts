// Which columns the entry table shows, remembered per project file on this machine.
import { useCallback } from 'react';
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { ENTRY_SORT_FIELDS } from '@core/domain';
import type { MessageKey } from '@shared/i18n';
import { useApp } from '@shared/store';

// Every sortable field is a column the organiser may show.
export const ENTRY_COLUMNS = ENTRY_SORT_FIELDS;
export type EntryColumn = (typeof ENTRY_COLUMNS)[number];

export const COLUMN_LABELS: Record<EntryColumn, MessageKey> = {
  entry_id: 'col.entryId',
  title: 'col.title',
  applicant: 'col.applicant',
  province: 'col.province',
  city: 'col.city',
  sector: 'col.sector',
  track: 'col.track',
  programme: 'col.programme',
};

interface ColumnChoice {
  /** Shown columns by project path; a project without a choice shows every column. */
  byProject: Record<string, EntryColumn[]>;
  choose: (project: string, columns: EntryColumn[]) => void;
}

const useColumnChoice = create<ColumnChoice>()(
  persist(
    (set) => ({
      byProject: {},
      choose: (project, columns) =>
        set((state) => ({ byProject: { ...state.byProject, [project]: columns } })),
    }),
    { name: 'sail.entryColumns', partialize: (state) => ({ byProject: state.byProject }) },
  ),
);

/** The shown columns in table order, and a setter that keeps at least one. */
export function useEntryColumns(): [EntryColumn[], (columns: EntryColumn[]) => void] {
  const project = useApp((state) => state.project?.path ?? '');
  const stored = useColumnChoice((state) => state.byProject[project]);
  const choose = useColumnChoice((state) => state.choose);
  // Stored choices may predate a column's rename or removal: keep the known ones only.
  const shown = ENTRY_COLUMNS.filter((column) => stored?.includes(column) ?? true);
  const set = useCallback(
    (columns: EntryColumn[]) => {
      if (columns.length > 0) choose(project, columns);
    },
    [choose, project],
  );
  return [shown.length > 0 ? shown : [...ENTRY_COLUMNS], set];
}
