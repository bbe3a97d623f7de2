// Providers: antd theme and locale follow the chosen language; App gives message/notification.
// Motion follows the system's "reduce motion" setting: no zooming dialogs for those who ask.
// Light or dark follows the system unless the person chose one (shared/theme.ts).
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { App, ConfigProvider, theme as antTheme, type ThemeConfig } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { PathPromptModal } from '@shared/components/PathPromptModal';
import { useLang } from '@shared/i18n';
import { useDark } from '@shared/theme';
import { AppLayout } from './AppLayout';

const THEME: ThemeConfig = {
  zeroRuntime: true,
  token: {
    colorPrimary: '#1456c8',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif",
  },
  components: {
    Layout: { siderBg: '#0f2341', headerPadding: '0 20px', headerHeight: 56 },
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
  const dark = useDark();
  const theme = useMemo<ThemeConfig>(
    () => ({
      ...THEME,
      algorithm: dark ? antTheme.darkAlgorithm : antTheme.defaultAlgorithm,
      token: { ...THEME.token, motion: !reducedMotion },
      components: {
        ...THEME.components,
        Layout: { ...THEME.components?.Layout, headerBg: dark ? '#141414' : '#ffffff' },
      },
    }),
    [reducedMotion, dark],
  );
  useEffect(() => {
    document.documentElement.lang = lang === 'zh-CN' ? 'zh-CN' : 'en';
  }, [lang]);
  useEffect(() => {
    // The page's own colour scheme: scrollbars and form controls outside antd follow it.
    document.documentElement.dataset.theme = dark ? 'dark' : 'light';
    document.documentElement.style.colorScheme = dark ? 'dark' : 'light';
  }, [dark]);
  return (
    <ConfigProvider locale={lang === 'zh-CN' ? zhCN : enUS} theme={theme}>
      <App>
        <AppLayout />
        <PathPromptModal />
      </App>
    </ConfigProvider>
  );
}
