// Providers: antd theme and locale follow the chosen language; App gives message/notification.
import { useEffect } from 'react';
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

export function Root() {
  const lang = useLang();
  useEffect(() => {
    document.documentElement.lang = lang === 'zh-CN' ? 'zh-CN' : 'en';
  }, [lang]);
  return (
    <ConfigProvider locale={lang === 'zh-CN' ? zhCN : enUS} theme={THEME}>
      <App>
        <AppLayout />
        <PathPromptModal />
      </App>
    </ConfigProvider>
  );
}
