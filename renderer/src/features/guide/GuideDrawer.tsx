// The user guide beside whatever screen is open: from the welcome screen, the top bar and the
// shortcuts overlay.
import { lazy, Suspense } from 'react';
import { Drawer, Skeleton } from 'antd';
import { useT } from '@shared/i18n';
import { useApp } from '@shared/store';

const UserGuide = lazy(() => import('./UserGuide'));

export function GuideDrawer() {
  const t = useT();
  const open = useApp((state) => state.guide);
  const showGuide = useApp((state) => state.showGuide);
  return (
    <Drawer
      open={open}
      onClose={() => showGuide(false)}
      title={t('guide.title')}
      size="large"
      data-testid="guide-drawer"
    >
      {open && (
        <Suspense fallback={<Skeleton active />}>
          <UserGuide />
        </Suspense>
      )}
    </Drawer>
  );
}
