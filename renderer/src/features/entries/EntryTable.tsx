// The entry table: a virtualised grid over pages fetched on demand (see useEntryPages).
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { Tag } from 'antd';
import { CaretDownOutlined, CaretUpOutlined } from '@ant-design/icons';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { EntryRow } from '@api/contract';
import { programmeName, sectorName } from '@shared/format';
import { useLang, useT, type Lang, type MessageKey } from '@shared/i18n';
import type { EntryPages, EntryQuery } from './useEntryPages';

export type SortField = NonNullable<EntryQuery['sort']>;
export type SortDirection = NonNullable<EntryQuery['direction']>;

const ROW_HEIGHT = 40;
const HEADER_HEIGHT = 40;

interface Column {
  key: string;
  label: MessageKey;
  sort?: SortField;
  text: (row: EntryRow, lang: Lang) => ReactNode;
}

const COLUMNS: Column[] = [
  { key: 'entry_id', label: 'col.entryId', sort: 'entry_id', text: (row) => row.entry_id },
  { key: 'title', label: 'col.title', sort: 'title', text: (row) => row.title },
  { key: 'applicant', label: 'col.applicant', sort: 'applicant', text: (row) => row.applicant },
  {
    key: 'province',
    label: 'col.province',
    sort: 'province',
    // Municipalities repeat themselves (重庆市 重庆市): show the city only when it adds something.
    text: (row) =>
      row.city && row.city !== row.province ? `${row.province ?? ''} ${row.city}` : row.province,
  },
  {
    key: 'sector',
    label: 'col.sector',
    sort: 'sector',
    text: (row, lang) =>
      row.sector ? (
        <Tag color="blue" title={row.sector_label ?? undefined}>
          {sectorName(lang, row.sector)}
        </Tag>
      ) : (
        row.sector_label
      ),
  },
  { key: 'track', label: 'col.track', sort: 'track', text: (row) => row.track },
  {
    key: 'programme',
    label: 'col.programme',
    text: (row, lang) => (
      <Tag color={row.programme === 'bloom' ? 'magenta' : 'geekblue'}>
        {programmeName(lang, row.programme)}
      </Tag>
    ),
  },
];

interface EntryTableProps {
  pages: EntryPages;
  sort: SortField;
  direction: SortDirection;
  onSort: (field: SortField) => void;
  onOpen: (row: EntryRow) => void;
}

export function EntryTable({ pages, sort, direction, onSort, onOpen }: EntryTableProps) {
  const t = useT();
  const lang = useLang();
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

  const open = (row: EntryRow | undefined) => row && onOpen(row);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>, row: EntryRow | undefined) => {
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
      <div className="sail-grid-head sail-grid-cols" role="row" style={{ height: HEADER_HEIGHT }}>
        {COLUMNS.map((column) => {
          const active = column.sort === sort;
          return (
            <div
              key={column.key}
              role="columnheader"
              className={column.sort ? 'sail-grid-cell is-sortable' : 'sail-grid-cell'}
              aria-sort={active ? (direction === 'asc' ? 'ascending' : 'descending') : undefined}
              data-testid={`entries-sort-${column.key}`}
              tabIndex={column.sort ? 0 : undefined}
              onClick={() => column.sort && onSort(column.sort)}
              onKeyDown={(event) => {
                if (column.sort && (event.key === 'Enter' || event.key === ' ')) {
                  event.preventDefault();
                  onSort(column.sort);
                }
              }}
            >
              {t(column.label)}
              {column.sort && (
                <span className={active ? 'sail-sort is-active' : 'sail-sort'} aria-hidden>
                  <CaretUpOutlined className={active && direction === 'asc' ? 'on' : ''} />
                  <CaretDownOutlined className={active && direction === 'desc' ? 'on' : ''} />
                </span>
              )}
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
                height: ROW_HEIGHT,
                transform: `translateY(${item.start - HEADER_HEIGHT}px)`,
              }}
              tabIndex={row ? 0 : -1}
              data-testid="entry-row"
              data-entry-id={row?.entry_id}
              onClick={() => open(row)}
              onKeyDown={(event) => onKeyDown(event, row)}
            >
              {COLUMNS.map((column) => {
                const text = row ? column.text(row, lang) : <span className="sail-skeleton" />;
                return (
                  <div
                    key={column.key}
                    role="cell"
                    className="sail-grid-cell"
                    title={typeof text === 'string' ? text : undefined}
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
