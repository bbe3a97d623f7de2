import { useCallback } from 'react';
import { App } from 'antd';
import { shell } from '@shared/api';
import { useNotifyError } from '@shared/hooks';
import { useT } from '@shared/i18n';
import { useApp } from '@shared/store';
import { useProjectSwitch } from '@shared/useProjectSwitch';

/** Create or open through a dialog; or open a file already chosen (the recent list, a drop). */
type How = 'create' | 'open' | { path: string };

/** Asks for a project file (native dialog or path prompt), then creates or opens it. */
export function useOpenProject(): (how: How) => Promise<void> {
  const t = useT();
  const run = useProjectSwitch();
  const notifyError = useNotifyError();
  const { message } = App.useApp();
  const openProject = useApp((state) => state.openProject);

  return useCallback(
    async (how) => {
      let path: string | null;
      try {
        path =
          how === 'create'
            ? await shell.pickNewProject()
            : how === 'open'
              ? await shell.pickOpenProject()
              : how.path;
      } catch (error) {
        notifyError(error);
        return;
      }
      if (!path) return;
      const project = await run(how === 'create' ? 'project.create' : 'project.open', { path });
      if (!project) return;
      openProject(project);
      void message.success(t('project.opened', { name: project.name }));
    },
    [t, run, notifyError, message, openProject],
  );
}
