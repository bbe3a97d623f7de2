// Before an export takes the place of a file already there, the organiser is asked: replace it,
// keep both (this export under a numbered name), or stop. The native save dialog asks this
// itself; the browser mode's exports folder does not, so the window does.
import { useCallback } from 'react';
import { App, Button } from 'antd';
import { baseName } from '@shared/api';
import { useT } from '@shared/i18n';
import { testId } from '@shared/testId';

export type ReplaceAnswer = 'replace' | 'keep-both' | 'cancel';

/** The folder part of a path, for saying where the file is. */
function folderOf(path: string): string {
  return path.slice(0, Math.max(0, path.length - baseName(path).length - 1)) || path;
}

export function useReplaceQuestion(): (path: string) => Promise<ReplaceAnswer> {
  const t = useT();
  const { modal } = App.useApp();
  return useCallback(
    (path) =>
      new Promise<ReplaceAnswer>((resolve) => {
        const question = modal.confirm({
          title: t('export.replaceTitle'),
          content: t('export.replaceText', { name: baseName(path), folder: folderOf(path) }),
          okText: t('export.replace'),
          okButtonProps: { danger: true, ...testId('export-replace-confirm') },
          cancelText: t('common.cancel'),
          cancelButtonProps: testId('export-replace-cancel'),
          footer: (_, { OkBtn, CancelBtn }) => (
            <>
              <CancelBtn />
              <Button
                onClick={() => {
                  question.destroy();
                  resolve('keep-both');
                }}
                data-testid="export-keep-both"
              >
                {t('export.keepBoth')}
              </Button>
              <OkBtn />
            </>
          ),
          onOk: () => resolve('replace'),
          onCancel: () => resolve('cancel'),
        });
      }),
    [modal, t],
  );
}

/** `path` with " (n)" before its extension: 初赛-排名.csv → 初赛-排名 (2).csv. */
export function numberedPath(path: string, n: number): string {
  const name = baseName(path);
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const extension = dot > 0 ? name.slice(dot) : '';
  return `${path.slice(0, path.length - name.length)}${stem} (${n})${extension}`;
}
