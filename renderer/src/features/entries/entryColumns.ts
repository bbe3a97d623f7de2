// Which columns the entry table shows, remembered per project file on this machine: the listed
// fields (each sortable) and any column of the imported files, read from the entries' verbatim
// source rows.
import { useCallback } from 'react';
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { ENTRY_SORT_FIELDS } from '@core/domain';
import type { MessageKey } from '@shared/i18n';
import { useApp } from '@shared/store';

// Every sortable field is a column the organiser may show.
export const ENTRY_COLUMNS = ENTRY_SORT_FIELDS;
export type EntryColumn = (typeof ENTRY_COLUMNS)[number];

/** A column of the imported files, by its header. */
export type SourceColumn = `source:${string}`;
export type TableColumn = EntryColumn | SourceColumn;

export const sourceColumn = (header: string): SourceColumn => `source:${header}`;

/** The header of a source column; null for a listed field. */
export function sourceHeader(column: TableColumn): string | null {
  return column.startsWith('source:') ? column.slice('source:'.length) : null;
}

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
  /** Shown columns by project path; a project without a choice shows every listed field. */
  byProject: Record<string, TableColumn[]>;
  choose: (project: string, columns: TableColumn[]) => void;
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

/**
 * The shown columns in table order — the listed fields, then the source columns in the order
 * they were chosen, of those `available` (all chosen while it is not known) — and a setter that
 * keeps at least one.
 */
export function useEntryColumns(
  available: readonly string[] | undefined,
): [TableColumn[], (columns: TableColumn[]) => void] {
  const project = useApp((state) => state.project?.path ?? '');
  const stored = useColumnChoice((state) => state.byProject[project]);
  const choose = useColumnChoice((state) => state.choose);
  // Stored choices may predate a column's rename or removal: keep the known ones only.
  const fields = ENTRY_COLUMNS.filter((column) => stored?.includes(column) ?? true);
  const sources = (stored ?? []).filter((column) => {
    const header = sourceHeader(column);
    return header !== null && (available?.includes(header) ?? true);
  });
  const shown = [...fields, ...sources];
  const set = useCallback(
    (columns: TableColumn[]) => {
      if (columns.length > 0) choose(project, columns);
    },
    [choose, project],
  );
  return [shown.length > 0 ? shown : [...ENTRY_COLUMNS], set];
}
