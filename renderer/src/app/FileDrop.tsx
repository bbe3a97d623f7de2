// Files dragged onto the window: a project or panel package opens (as by double-click), a score
// packet is imported into the open project, a file of entries opens the import on the entries
// screen. While a file is over the window, a veil says what letting go will do.
import { useEffect, useEffectEvent, useState } from 'react';
import { App } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import type { PacketImported } from '@api/contract';
import { droppedFileKind } from '@core/project-file-names';
import { shell } from '@shared/api';
import { useNotifyError } from '@shared/hooks';
import { useT } from '@shared/i18n';
import { useApp } from '@shared/store';
import { useTask } from '@shared/useTask';
import { PacketImportedModal } from '../features/panel/PacketImportedModal';
import { useOpenProject } from '../features/project/useOpenProject';

const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

/** `enabled`: false at an expert desk, where nothing but the expert's queue is reachable. */
export function FileDrop({ enabled }: { enabled: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const openProject = useOpenProject();
  const packetImport = useTask('packets.import');
  const [over, setOver] = useState(false);
  const [outcome, setOutcome] = useState<PacketImported | null>(null);

  const take = async (file: File) => {
    const kind = droppedFileKind(file.name);
    const { project, setView, setDroppedImport } = useApp.getState();
    if (kind === null) {
      void message.error(t('drop.unknown', { name: file.name }));
      return;
    }
    if (kind !== 'project' && !project) {
      void message.error(t('drop.needsProject', { name: file.name }));
      return;
    }
    let path: string | null;
    try {
      path = await shell.droppedFile(file);
    } catch (error) {
      notifyError(error);
      return;
    }
    if (path === null) {
      void message.error(t(kind === 'project' ? 'drop.projectInBrowser' : 'drop.unreadable'));
      return;
    }
    if (kind === 'project') {
      await openProject({ path });
    } else if (kind === 'packet') {
      const result = await packetImport.run({ path, file_name: file.name });
      if (result.ok) setOutcome(result.value);
      else notifyError(result.error);
    } else {
      setView('entries');
      setDroppedImport({ path, fileName: file.name });
    }
  };

  const onDragOver = useEffectEvent((event: DragEvent) => {
    if (!carriesFiles(event)) return;
    // Taken here, never by the browser (which would open the file in place of the app).
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = enabled ? 'copy' : 'none';
    if (enabled) setOver(true);
  });
  const onDragLeave = useEffectEvent((event: DragEvent) => {
    // Left the window (not just moved from one element to another).
    if (event.relatedTarget === null) setOver(false);
  });
  const onDrop = useEffectEvent((event: DragEvent) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    setOver(false);
    const files = [...(event.dataTransfer?.files ?? [])];
    const [file] = files;
    if (!enabled || !file) return;
    if (files.length > 1) void message.warning(t('drop.oneAtATime', { name: file.name }));
    void take(file);
  });
  useEffect(() => {
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('dragleave', onDragLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('dragleave', onDragLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, []);

  return (
    <>
      {over && (
        <div className="sail-drop-veil" data-testid="drop-veil">
          <InboxOutlined className="sail-drop-icon" />
          <div>{t('drop.hint')}</div>
        </div>
      )}
      <PacketImportedModal outcome={outcome} onClose={() => setOutcome(null)} />
    </>
  );
}
