// 申报项目: search, filter (programme, sector, province, track) and sort every entry, with any
// column of the imported files shown; open one to see its source row and attachments; import
// more, link an attachments folder, and decide on possible duplicates.
import { useState } from 'react';
import { Badge, Button, Empty, Flex, Input, Segmented, Select, Spin, Typography } from 'antd';
import { ImportOutlined, SearchOutlined } from '@ant-design/icons';
import type { DuplicateView, EntryListRow, Facet } from '@api/contract';
import { PROGRAMMES, type Programme } from '@core/domain';
import { SECTOR_KEYS } from '@core/sectors';
import { LoadError } from '@shared/components/LoadError';
import { Page } from '@shared/components/Page';
import { programmeName, sectorName } from '@shared/format';
import { useDebounced, useSailQuery } from '@shared/hooks';
import { useLang, useT } from '@shared/i18n';
import { useApp } from '@shared/store';
import { ColumnChooser } from './ColumnChooser';
import { DUPLICATES_PAGE_SIZE, DuplicateList } from './DuplicateList';
import { EntryDrawer } from './EntryDrawer';
import { EntryTable, type SortDirection, type SortField } from './EntryTable';
import { ImportModal } from './ImportModal';
import { LinkAttachmentsButton } from './LinkAttachments';
import { sourceHeader, useEntryColumns } from './entryColumns';
import { useEntryPages } from './useEntryPages';

export function EntriesPage() {
  const t = useT();
  const lang = useLang();
  const [search, setSearch] = useState('');
  const [programme, setProgramme] = useState<Programme | undefined>();
  const [sector, setSector] = useState<string | undefined>();
  const [provinces, setProvinces] = useState<string[]>([]);
  const [tracks, setTracks] = useState<string[]>([]);
  const facets = useSailQuery('entries.facets', { programme });
  const sourceColumns = facets.data?.source_columns;
  const [shownColumns] = useEntryColumns(sourceColumns);
  const shownSources = shownColumns.flatMap((column) => sourceHeader(column) ?? []);
  const [sort, setSort] = useState<{ field: SortField; direction: SortDirection }>({
    field: 'entry_id',
    direction: 'asc',
  });
  const [importing, setImporting] = useState(false);
  // A file dropped on the window: the import opens with it, until closed.
  const dropped = useApp((state) => state.droppedImport);
  const setDropped = useApp((state) => state.setDroppedImport);
  const [openId, setOpenId] = useState<number | null>(null);
  const [view, setView] = useState<'all' | 'duplicates'>('all');
  const [duplicateView, setDuplicateView] = useState<DuplicateView>('pending');
  const [duplicatePage, setDuplicatePage] = useState(1);
  // Asked on every visit for the count of pairs to decide; the pairs themselves a page at a time.
  const duplicates = useSailQuery('entries.duplicates', {
    programme,
    view: duplicateView,
    offset: (duplicatePage - 1) * DUPLICATES_PAGE_SIZE,
    limit: DUPLICATES_PAGE_SIZE,
  });
  const pendingPairs = duplicates.data?.counts.pending;
  const settledSearch = useDebounced(search.trim(), 150);

  const pages = useEntryPages({
    search: settledSearch || undefined,
    programme,
    sector,
    ...(provinces.length > 0 ? { provinces } : {}),
    ...(tracks.length > 0 ? { tracks } : {}),
    ...(shownSources.length > 0 ? { source_columns: shownSources } : {}),
    sort: sort.field,
    direction: sort.direction,
  });
  const filtered = Boolean(
    settledSearch || programme || sector || provinces.length > 0 || tracks.length > 0,
  );
  const facetOptions = (values: Facet[] | undefined) =>
    (values ?? []).map(({ value, count }) => ({
      value,
      label: t('entries.facetOption', { value, n: count }),
      title: value,
    }));

  const toggleSort = (field: SortField) =>
    setSort((current) => ({
      field,
      direction: current.field === field && current.direction === 'asc' ? 'desc' : 'asc',
    }));

  return (
    <Page
      title={t('nav.entries')}
      extra={
        <Flex gap={8}>
          <LinkAttachmentsButton />
          <Button
            type="primary"
            icon={<ImportOutlined />}
            onClick={() => setImporting(true)}
            data-testid="import-button"
          >
            {t('entries.import')}
          </Button>
        </Flex>
      }
    >
      <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
        <Segmented<'all' | 'duplicates'>
          value={view}
          onChange={setView}
          data-testid="entries-view"
          options={[
            { value: 'all', label: t('entries.viewAll') },
            {
              value: 'duplicates',
              label: (
                <Flex
                  gap={6}
                  align="center"
                  data-testid="duplicates-count"
                  data-count={pendingPairs ?? ''}
                >
                  {t('entries.viewDuplicates')}
                  {pendingPairs === undefined && !duplicates.error ? (
                    // The check runs on its own after an import; the list does not wait for it.
                    <Spin size="small" aria-label={t('duplicates.checking')} />
                  ) : (
                    <Badge count={pendingPairs ?? 0} size="small" overflowCount={99999} />
                  )}
                </Flex>
              ),
            },
          ]}
        />
        <Input
          allowClear
          prefix={<SearchOutlined />}
          style={{ width: 340 }}
          placeholder={t('entries.search')}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          data-testid="entries-search"
          aria-label={t('entries.search')}
          maxLength={200}
        />
        <Select<Programme>
          allowClear
          style={{ width: 160 }}
          placeholder={t('entries.allProgrammes')}
          value={programme}
          onChange={(next) => {
            setProgramme(next);
            setDuplicatePage(1);
          }}
          options={PROGRAMMES.map((value) => ({ value, label: programmeName(lang, value) }))}
          data-testid="entries-programme"
        />
        <Select<string>
          allowClear
          style={{ width: 160 }}
          placeholder={t('entries.allSectors')}
          value={sector}
          onChange={setSector}
          options={SECTOR_KEYS.map((value) => ({ value, label: sectorName(lang, value) }))}
          data-testid="entries-sector"
        />
        <Select<string[]>
          mode="multiple"
          allowClear
          maxTagCount={1}
          style={{ width: 200 }}
          placeholder={t('entries.allProvinces')}
          value={provinces}
          onChange={setProvinces}
          options={facetOptions(facets.data?.provinces)}
          showSearch={{ optionFilterProp: 'title' }}
          data-testid="entries-province"
          aria-label={t('entries.allProvinces')}
        />
        <Select<string[]>
          mode="multiple"
          allowClear
          maxTagCount={1}
          style={{ width: 220 }}
          placeholder={t('entries.allTracks')}
          value={tracks}
          onChange={setTracks}
          options={facetOptions(facets.data?.tracks)}
          showSearch={{ optionFilterProp: 'title' }}
          data-testid="entries-track"
          aria-label={t('entries.allTracks')}
        />
        <ColumnChooser sourceColumns={sourceColumns ?? []} />
        <Typography.Text
          type="secondary"
          data-testid="entries-total"
          data-total={pages.total ?? ''}
        >
          {pages.total !== null
            ? t('common.rows', { n: pages.total })
            : !pages.error && <Spin size="small" />}
        </Typography.Text>
      </Flex>
      {view === 'all' && pages.error && <LoadError error={pages.error} onRetry={pages.retry} />}
      {view === 'duplicates' ? (
        <DuplicateList
          query={duplicates}
          view={duplicateView}
          page={duplicatePage}
          onView={(next) => {
            setDuplicateView(next);
            setDuplicatePage(1);
          }}
          onPage={setDuplicatePage}
          onOpen={setOpenId}
        />
      ) : pages.total === 0 ? (
        <Empty
          className="sail-empty"
          description={filtered ? t('entries.noMatch') : t('entries.empty')}
        >
          {!filtered && (
            <Button type="primary" onClick={() => setImporting(true)}>
              {t('entries.import')}
            </Button>
          )}
        </Empty>
      ) : (
        <EntryTable
          pages={pages}
          sort={sort.field}
          direction={sort.direction}
          onSort={toggleSort}
          onOpen={(row: EntryListRow) => setOpenId(row.id)}
          sourceColumns={sourceColumns}
        />
      )}
      <EntryDrawer id={openId} onClose={() => setOpenId(null)} onOpen={setOpenId} />
      <ImportModal
        key={dropped?.path ?? ''}
        open={importing || dropped !== null}
        dropped={dropped}
        onClose={() => {
          setImporting(false);
          setDropped(null);
        }}
      />
    </Page>
  );
}
