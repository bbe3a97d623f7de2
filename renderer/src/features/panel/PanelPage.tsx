// 专家分配: the current round's panel (who takes part), the conflicts of interest (回避) that bar
// an expert from an entry, and the assignment of K experts to each entry.
import { Empty, Tabs } from 'antd';
import { AssignmentTab } from './AssignmentTab';
import { ConflictList } from './ConflictList';
import { Page } from '@shared/components/Page';
import { useT } from '@shared/i18n';
import { useApp } from '@shared/store';
import { PackagesTab } from './PackagesTab';
import { PanelMembers } from './PanelMembers';

export function PanelPage() {
  const t = useT();
  const round = useApp((state) => state.round);
  return (
    <Page title={t('nav.panel')}>
      {round === null ? (
        <Empty description={t('panel.noRound')} />
      ) : (
        <Tabs
          destroyOnHidden
          items={[
            {
              key: 'assign',
              label: t('panel.tab.assign'),
              children: <AssignmentTab round={round} />,
            },
            {
              key: 'conflicts',
              label: t('panel.tab.conflicts'),
              children: <ConflictList round={round} />,
            },
            {
              key: 'members',
              label: t('panel.tab.members'),
              children: <PanelMembers round={round} />,
            },
            {
              key: 'packages',
              label: <span data-testid="panel-tab-packages">{t('panel.tab.packages')}</span>,
              children: <PackagesTab round={round} />,
            },
          ]}
        />
      )}
    </Page>
  );
}
