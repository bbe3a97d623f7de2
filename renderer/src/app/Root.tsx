// Providers: antd theme and locale follow the chosen language; App gives message/notification.
// Motion follows the system's "reduce motion" setting: no zooming dialogs for those who ask.
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { App, ConfigProvider, type ThemeConfig } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { PathPromptModal } from '@shared/components/PathPromptModal';
import { useLang } from '@shared/i18n';
import { AppLayout } from './AppLayout';

const THEME: ThemeConfig = {
  token: {
    colorPrimary: '#1456c8',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif",
  },
  components: {
    Layout: { siderBg: '#0f2341', headerBg: '#ffffff', headerPadding: '0 20px', headerHeight: 56 },
    Menu: { darkItemBg: '#0f2341', darkSubMenuItemBg: '#0f2341', darkItemSelectedBg: '#1456c8' },
  },
};

const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';

function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(
    (changed) => {
      const query = window.matchMedia(REDUCED_MOTION);
      query.addEventListener('change', changed);
      return () => query.removeEventListener('change', changed);
    },
    () => window.matchMedia(REDUCED_MOTION).matches,
  );
}

export function Root() {
  const lang = useLang();
  const reducedMotion = usePrefersReducedMotion();
  const theme = useMemo<ThemeConfig>(
    () => ({ ...THEME, token: { ...THEME.token, motion: !reducedMotion } }),
    [reducedMotion],
  );
  useEffect(() => {
    document.documentElement.lang = lang === 'zh-CN' ? 'zh-CN' : 'en';
  }, [lang]);
  return (
    <ConfigProvider locale={lang === 'zh-CN' ? zhCN : enUS} theme={theme}>
      <App>
        <AppLayout />
        <PathPromptModal />
      </App>
    </ConfigProvider>
  );
}
