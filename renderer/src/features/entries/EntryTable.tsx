// The entry table: a virtualised grid over pages fetched on demand (see useEntryPages), with
// the columns chosen in ColumnChooser: the listed fields, each sortable, and columns of the
// imported files as the files have them.
import { useEffect, useRef, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react';
import { Tag } from 'antd';
import { CaretDownOutlined, CaretUpOutlined } from '@ant-design/icons';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { EntryListRow } from '@api/contract';
import { programmeName, sectorName } from '@shared/format';
import { useLang, useT, type Lang } from '@shared/i18n';
import {
  COLUMN_LABELS,
  sourceHeader,
  useEntryColumns,
  type EntryColumn,
  type TableColumn,
} from './entryColumns';
import type { EntryPages, EntryQuery } from './useEntryPages';

export type SortField = NonNullable<EntryQuery['sort']>;
export type SortDirection = NonNullable<EntryQuery['direction']>;

const ROW_HEIGHT = 40;
const HEADER_HEIGHT = 40;

interface Column {
  /** A grid track: fixed, or a share of the spare width above a minimum. */
  width: string;
  /** The narrowest the column gets, for the grid's minimum width. */
  min: number;
  text: (row: EntryListRow, lang: Lang) => ReactNode;
}

// Every column sorts by the field of its own name (ENTRY_SORT_FIELDS).
const COLUMNS: Record<EntryColumn, Column> = {
  entry_id: { width: '130px', min: 130, text: (row) => row.entry_id },
  title: { width: 'minmax(200px, 2.2fr)', min: 200, text: (row) => row.title },
  applicant: { width: 'minmax(180px, 1.6fr)', min: 180, text: (row) => row.applicant },
  province: { width: '110px', min: 110, text: (row) => row.province },
  // Municipalities repeat themselves (重庆市 重庆市): show the city only when it adds something.
  city: {
    width: '110px',
    min: 110,
    text: (row) => (row.city !== row.province ? row.city : null),
  },
  sector: {
    width: '110px',
    min: 110,
    text: (row, lang) =>
      row.sector ? (
        <Tag color="blue" title={row.sector_label ?? undefined}>
          {sectorName(lang, row.sector)}
        </Tag>
      ) : (
        row.sector_label
      ),
  },
  track: { width: 'minmax(120px, 1fr)', min: 120, text: (row) => row.track },
  programme: {
    width: '90px',
    min: 90,
    text: (row, lang) => (
      <Tag color={row.programme === 'bloom' ? 'magenta' : 'geekblue'}>
        {programmeName(lang, row.programme)}
      </Tag>
    ),
  },
};

/** A column of the imported files: its value as the file had it; not sortable. */
function sourceColumnOf(header: string): Column {
  return {
    width: 'minmax(140px, 1fr)',
    min: 140,
    text: (row) => row.source?.[header] ?? null,
  };
}

const columnOf = (key: TableColumn): Column => {
  const header = sourceHeader(key);
  return header === null ? COLUMNS[key as EntryColumn] : sourceColumnOf(header);
};

interface EntryTableProps {
  pages: EntryPages;
  sort: SortField;
  direction: SortDirection;
  onSort: (field: SortField) => void;
  onOpen: (row: EntryListRow) => void;
  /** The source columns of the imported files; undefined while not known. */
  sourceColumns: string[] | undefined;
}

export function EntryTable(props: EntryTableProps) {
  const { pages, sort, direction, onSort, onOpen, sourceColumns } = props;
  const t = useT();
  const lang = useLang();
  const [shown] = useEntryColumns(sourceColumns);
  const grid: CSSProperties = {
    gridTemplateColumns: shown.map((key) => columnOf(key).width).join(' '),
    minWidth: shown.reduce((sum, key) => sum + columnOf(key).min, 0),
  };
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- rows render from its output each time
  const virtualizer = useVirtualizer({
    count: pages.count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    scrollMargin: HEADER_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? -1;
  const { ensure } = pages;

  // Fetch what is on screen once scrolling pauses, not every page flown past.
  useEffect(() => {
    if (last < 0) return;
    const timer = setTimeout(() => ensure(first, last), 60);
    return () => clearTimeout(timer);
  }, [ensure, first, last]);

  const open = (row: EntryListRow | undefined) => row && onOpen(row);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>, row: EntryListRow | undefined) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      open(row);
    }
  };

  return (
    <div
      ref={scrollRef}
      className="sail-grid"
      role="table"
      aria-rowcount={pages.count + 1}
      data-testid="entries-table"
    >
      <div
        className="sail-grid-head sail-grid-cols"
        role="row"
        style={{ ...grid, height: HEADER_HEIGHT }}
      >
        {shown.map((key) => {
          const header = sourceHeader(key);
          if (header !== null) {
            return (
              <div
                key={key}
                role="columnheader"
                className="sail-grid-cell"
                title={t('entries.sourceColumnHint', { column: header })}
                data-testid="entries-source-header"
                data-column={header}
              >
                {header}
              </div>
            );
          }
          const field = key as EntryColumn;
          const active = field === sort;
          return (
            <div
              key={key}
              role="columnheader"
              className="sail-grid-cell is-sortable"
              aria-sort={active ? (direction === 'asc' ? 'ascending' : 'descending') : undefined}
              data-testid={`entries-sort-${field}`}
              tabIndex={0}
              onClick={() => onSort(field)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  onSort(field);
                }
              }}
            >
              {t(COLUMN_LABELS[field])}
              <span className={active ? 'sail-sort is-active' : 'sail-sort'} aria-hidden>
                <CaretUpOutlined className={active && direction === 'asc' ? 'on' : ''} />
                <CaretDownOutlined className={active && direction === 'desc' ? 'on' : ''} />
              </span>
            </div>
          );
        })}
      </div>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const row = pages.row(item.index);
          return (
            <div
              key={item.key}
              role="row"
              aria-rowindex={item.index + 2}
              className={
                row ? 'sail-grid-row sail-grid-cols' : 'sail-grid-row sail-grid-cols is-loading'
              }
              style={{
                ...grid,
                height: ROW_HEIGHT,
                transform: `translateY(${item.start - HEADER_HEIGHT}px)`,
              }}
              tabIndex={row ? 0 : -1}
              data-testid="entry-row"
              data-entry-id={row?.entry_id}
              onClick={() => open(row)}
              onKeyDown={(event) => onKeyDown(event, row)}
            >
              {shown.map((key) => {
                const text = row ? (
                  columnOf(key).text(row, lang)
                ) : (
                  <span className="sail-skeleton" />
                );
                return (
                  <div
                    key={key}
                    role="cell"
                    className="sail-grid-cell"
                    title={typeof text === 'string' ? text : undefined}
                    data-column={key}
                  >
                    {text}
                  </div>
                );
              })}
            </div>
          );
        })}
      </div>
    </div>
  );
}
