// Left navigation, one item per task in the order of a review day (UI.md).
import type { ReactNode } from 'react';
import { Layout, Menu, Tooltip, type MenuProps } from 'antd';
import {
  AppstoreOutlined,
  ApartmentOutlined,
  AuditOutlined,
  DashboardOutlined,
  EditOutlined,
  FundOutlined,
  ExportOutlined,
  OrderedListOutlined,
  ProfileOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { useT } from '@shared/i18n';
import { useApp, VIEWS, type View } from '@shared/store';
import { testId } from '@shared/testId';

const ICONS: Record<View, ReactNode> = {
  overview: <DashboardOutlined />,
  entries: <AppstoreOutlined />,
  rubrics: <ProfileOutlined />,
  rounds: <OrderedListOutlined />,
  reviewers: <TeamOutlined />,
  panel: <ApartmentOutlined />,
  scoring: <EditOutlined />,
  progress: <FundOutlined />,
  ranking: <AuditOutlined />,
  export: <ExportOutlined />,
};

export function Navigation() {
  const t = useT();
  const view = useApp((state) => state.view);
  const hasProject = useApp((state) => state.project !== null);
  const setView = useApp((state) => state.setView);

  const items: MenuProps['items'] = VIEWS.map((key) => {
    // Only the overview (the start screen without a project) works before a project is open.
    const disabled = !hasProject && key !== 'overview';
    const label = t(`nav.${key}`);
    return {
      key,
      icon: ICONS[key],
      disabled,
      label: disabled ? (
        <Tooltip title={t('nav.needsProject')} placement="right">
          {label}
        </Tooltip>
      ) : (
        label
      ),
      ...testId(`nav-${key}`),
    };
  });

  return (
    <Layout.Sider width={208} className="sail-sider" breakpoint="lg" collapsedWidth={64}>
      <div className="sail-brand">
        <span className="sail-brand-mark" aria-hidden>
          {t('app.mark')}
        </span>
        <span className="sail-brand-name">{t('app.name')}</span>
      </div>
      <Menu
        theme="dark"
        mode="inline"
        selectedKeys={[hasProject ? view : 'overview']}
        items={items}
        onClick={({ key }) => setView(key as View)}
      />
    </Layout.Sider>
  );
}
