// The zh-CN application menu as a template built from plain data, so it can be tested without
// Electron; main.ts turns it into a Menu and supplies the actions.
import type { MenuItemConstructorOptions } from 'electron';
import type { RecentProject } from '../api/contract';

export interface MenuActions {
  newProject: () => void;
  openProject: () => void;
  openRecent: (path: string) => void;
  about: () => void;
}

export interface MenuOptions {
  isDev: boolean;
  isMac: boolean;
  appName: string;
  recent: readonly RecentProject[];
  actions: MenuActions;
}

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { isDev, isMac, appName, recent, actions } = options;
  const recentItems: MenuItemConstructorOptions[] =
    recent.length === 0
      ? [{ label: '（无）', enabled: false }]
      : recent.map((project) => ({
          label: `${project.name} — ${project.path}`,
          click: () => actions.openRecent(project.path),
        }));

  const file: MenuItemConstructorOptions = {
    label: '文件',
    submenu: [
      { label: '新建项目…', accelerator: 'CmdOrCtrl+N', click: () => actions.newProject() },
      { label: '打开项目…', accelerator: 'CmdOrCtrl+O', click: () => actions.openProject() },
      { label: '最近的项目', submenu: recentItems },
      { type: 'separator' },
      isMac ? { label: '关闭窗口', role: 'close' } : { label: '退出', role: 'quit' },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: '编辑',
    submenu: [
      { label: '撤销', role: 'undo' },
      { label: '重做', role: 'redo' },
      { type: 'separator' },
      { label: '剪切', role: 'cut' },
      { label: '复制', role: 'copy' },
      { label: '粘贴', role: 'paste' },
      { label: '全选', role: 'selectAll' },
    ],
  };
  const devItems: MenuItemConstructorOptions[] = isDev
    ? [
        { label: '重新加载', role: 'reload' },
        { label: '开发者工具', role: 'toggleDevTools' },
        { type: 'separator' },
      ]
    : [];
  const view: MenuItemConstructorOptions = {
    label: '视图',
    submenu: [
      ...devItems,
      { label: '实际大小', role: 'resetZoom' },
      { label: '放大', role: 'zoomIn' },
      { label: '缩小', role: 'zoomOut' },
      { type: 'separator' },
      { label: '全屏', role: 'togglefullscreen' },
    ],
  };
  const help: MenuItemConstructorOptions = {
    label: '帮助',
    submenu: [{ label: `关于 ${appName}`, click: () => actions.about() }],
  };
  // macOS puts the application's own menu first and quits from there.
  const macApp: MenuItemConstructorOptions[] = isMac
    ? [
        {
          label: appName,
          submenu: [
            { label: `关于 ${appName}`, click: () => actions.about() },
            { type: 'separator' },
            { label: `隐藏 ${appName}`, role: 'hide' },
            { label: '隐藏其他', role: 'hideOthers' },
            { type: 'separator' },
            { label: `退出 ${appName}`, role: 'quit' },
          ],
        },
      ]
    : [];
  return [...macApp, file, edit, view, help];
}
