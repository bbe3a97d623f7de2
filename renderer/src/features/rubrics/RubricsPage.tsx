// 评分细则: the stored rubric versions per sector, and adding templates from the library.
import { useState } from 'react';
import { Button, Empty, Spin, Tabs } from 'antd';
import { BookOutlined } from '@ant-design/icons';
import type { RubricVersion } from '@core/domain';
import { GENERIC_RUBRIC_KEY, SECTOR_KEYS } from '@core/sectors';
import { LoadError } from '@shared/components/LoadError';
import { Page } from '@shared/components/Page';
import { sectorName } from '@shared/format';
import { useSailQuery } from '@shared/hooks';
import { useLang, useT } from '@shared/i18n';
import { LibraryModal } from './LibraryModal';
import { RubricView } from './RubricView';

const SECTOR_ORDER: readonly string[] = [GENERIC_RUBRIC_KEY, ...SECTOR_KEYS];

/** Versions by sector, newest first; sectors in the usual order, unknown ones last. */
function bySector(rubrics: RubricVersion[]): Array<[string, RubricVersion[]]> {
  const groups = new Map<string, RubricVersion[]>();
  for (const rubric of rubrics) {
    groups.set(rubric.sector, [...(groups.get(rubric.sector) ?? []), rubric]);
  }
  const rank = (sector: string) => {
    const index = SECTOR_ORDER.indexOf(sector);
    return index < 0 ? SECTOR_ORDER.length : index;
  };
  return [...groups.entries()]
    .map(([sector, versions]): [string, RubricVersion[]] => [
      sector,
      versions.sort((a, b) => b.version - a.version),
    ])
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

export function RubricsPage() {
  const t = useT();
  const lang = useLang();
  const rubrics = useSailQuery('rubrics.list', {});
  const [libraryOpen, setLibraryOpen] = useState(false);
  const groups = bySector(rubrics.data ?? []);

  return (
    <Page
      title={t('nav.rubrics')}
      extra={
        <Button
          type="primary"
          icon={<BookOutlined />}
          onClick={() => setLibraryOpen(true)}
          data-testid="rubrics-library"
        >
          {t('rubrics.addFromLibrary')}
        </Button>
      }
    >
      {rubrics.error && <LoadError error={rubrics.error} onRetry={rubrics.reload} />}
      {rubrics.loading && !rubrics.data ? (
        <Spin />
      ) : groups.length === 0 ? (
        <Empty className="sail-empty" description={t('rubrics.empty')}>
          <Button type="primary" onClick={() => setLibraryOpen(true)}>
            {t('rubrics.addFromLibrary')}
          </Button>
        </Empty>
      ) : (
        <Tabs
          tabPlacement="start"
          data-testid="rubrics-tabs"
          items={groups.map(([sector, versions]) => ({
            key: sector,
            label: sectorName(lang, sector),
            children: <RubricView versions={versions} />,
          }))}
        />
      )}
      <LibraryModal
        open={libraryOpen}
        stored={rubrics.data ?? []}
        onClose={() => setLibraryOpen(false)}
      />
    </Page>
  );
}
