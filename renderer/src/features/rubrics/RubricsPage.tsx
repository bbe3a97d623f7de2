// 评分细则: the stored rubric versions per sector; templates from the library, JSON imports
// and stored versions open in the editor.
import { useState } from 'react';
import { Button, Empty, Spin, Tabs } from 'antd';
import { BookOutlined, ImportOutlined } from '@ant-design/icons';
import type { StoredRubric } from '@api/contract';
import type { RubricDefinition } from '@core/domain';
import { RUBRIC_SECTORS } from '@core/rubric';
import { LoadError } from '@shared/components/LoadError';
import { Page } from '@shared/components/Page';
import { sectorName } from '@shared/format';
import { useSailQuery } from '@shared/hooks';
import { useLang, useT } from '@shared/i18n';
import { toDraft } from './draft';
import { ImportRubricModal } from './ImportRubricModal';
import { LibraryModal } from './LibraryModal';
import { RubricEditor, type EditorSession } from './RubricEditor';
import { RubricView } from './RubricView';

/** Versions by sector, newest first; sectors in the usual order, unknown ones last. */
function bySector(rubrics: StoredRubric[]): Array<[string, StoredRubric[]]> {
  const groups = new Map<string, StoredRubric[]>();
  for (const rubric of rubrics) {
    groups.set(rubric.sector, [...(groups.get(rubric.sector) ?? []), rubric]);
  }
  const rank = (sector: string) => {
    const index = (RUBRIC_SECTORS as readonly string[]).indexOf(sector);
    return index < 0 ? RUBRIC_SECTORS.length : index;
  };
  return [...groups.entries()]
    .map(([sector, versions]): [string, StoredRubric[]] => [
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
  const [importOpen, setImportOpen] = useState(false);
  const [editing, setEditing] = useState<EditorSession | null>(null);
  const [tab, setTab] = useState<string | undefined>(undefined);
  const groups = bySector(rubrics.data ?? []);

  const editNew = (rubric: RubricDefinition) => {
    setLibraryOpen(false);
    setImportOpen(false);
    setEditing({ draft: toDraft(rubric), base: null });
  };

  return (
    <Page
      title={t('nav.rubrics')}
      extra={
        <>
          <Button
            icon={<ImportOutlined />}
            onClick={() => setImportOpen(true)}
            data-testid="rubrics-import-json"
          >
            {t('editor.import.title')}
          </Button>
          <Button
            type="primary"
            icon={<BookOutlined />}
            onClick={() => setLibraryOpen(true)}
            data-testid="rubrics-library"
          >
            {t('rubrics.addFromLibrary')}
          </Button>
        </>
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
          activeKey={tab && groups.some(([sector]) => sector === tab) ? tab : groups[0]?.[0]}
          onChange={setTab}
          items={groups.map(([sector, versions]) => ({
            key: sector,
            label: <span data-testid={`rubrics-tab-${sector}`}>{sectorName(lang, sector)}</span>,
            children: (
              <RubricView
                versions={versions}
                onEdit={(version) => setEditing({ draft: toDraft(version), base: version })}
              />
            ),
          }))}
        />
      )}
      <LibraryModal
        open={libraryOpen}
        stored={rubrics.data ?? []}
        onClose={() => setLibraryOpen(false)}
        onClone={editNew}
      />
      <ImportRubricModal
        open={importOpen}
        onClose={() => setImportOpen(false)}
        onLoaded={editNew}
      />
      <RubricEditor
        session={editing}
        onClose={() => setEditing(null)}
        onSaved={(sector) => setTab(sector)}
      />
    </Page>
  );
}
