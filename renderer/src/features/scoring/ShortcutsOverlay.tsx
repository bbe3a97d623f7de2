// The `?` overlay: every keyboard shortcut of the scoring screen.
import { Modal } from 'antd';
import { useT, type MessageKey } from '@shared/i18n';

const SHORTCUTS: Array<[string[], MessageKey]> = [
  [['0–9', '.5'], 'shortcuts.digits'],
  [['Enter', 'Tab'], 'shortcuts.next'],
  [['Shift + Tab'], 'shortcuts.prev'],
  [['↑', '↓'], 'shortcuts.step'],
  [['Ctrl/⌘ + Enter'], 'shortcuts.submit'],
  [['Alt + →', 'j'], 'shortcuts.nextEntry'],
  [['Alt + ←', 'k'], 'shortcuts.prevEntry'],
  [['?'], 'shortcuts.help'],
];

export function ShortcutsOverlay({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  return (
    <Modal open={open} title={t('shortcuts.title')} footer={null} onCancel={onClose} width={480}>
      <table className="sail-shortcuts" data-testid="shortcuts-overlay">
        <tbody>
          {SHORTCUTS.map(([keys, label]) => (
            <tr key={label}>
              <td>
                {keys.map((key) => (
                  <kbd key={key}>{key}</kbd>
                ))}
              </td>
              <td>{t(label)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}
