// The `?` overlay, on every screen: the keys of the screen on view, then those that work
// everywhere. Opened by `?` (outside text fields) or a screen's 快捷键 button.
import { useEffect, useEffectEvent } from 'react';
import { Modal, Typography } from 'antd';
import { useT, type MessageKey } from '@shared/i18n';
import { useApp, VIEWS, type View } from '@shared/store';

type Shortcut = [keys: string[], label: MessageKey];

const SCORE_FORM: Shortcut[] = [
  [['0–9', '.5'], 'shortcuts.digits'],
  [['Enter', 'Tab'], 'shortcuts.next'],
  [['Shift + Tab'], 'shortcuts.prev'],
  [['↑', '↓'], 'shortcuts.step'],
  [['Ctrl/⌘ + Enter'], 'shortcuts.submit'],
];

/** The keys each screen adds; screens without any of their own show the global ones only. */
const ON_SCREEN: Partial<Record<View, Shortcut[]>> = {
  scoring: [
    ...SCORE_FORM,
    [['Alt + →', 'j'], 'shortcuts.nextEntry'],
    [['Alt + ←', 'k'], 'shortcuts.prevEntry'],
  ],
  // The rubric editor's preview is the scoring form.
  rubrics: SCORE_FORM,
  entries: [[['Enter', 'Space'], 'shortcuts.openEntry']],
  ranking: [[['→', 'j', '←', 'k'], 'shortcuts.discussion']],
};

const EVERYWHERE: Shortcut[] = [
  [['Alt + 1 … 9', 'Alt + 0'], 'shortcuts.screen'],
  [['Tab', 'Shift + Tab'], 'shortcuts.focus'],
  [['Esc'], 'shortcuts.close'],
  [['?'], 'shortcuts.help'],
];

/** A field where `?` is text. Score inputs take only digits and '.', so '?' there is help. */
function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.tagName === 'TEXTAREA' || target.isContentEditable) return true;
  return target.tagName === 'INPUT' && target.dataset.scoreInput === undefined;
}

/**
 * The keys that work on every screen: `?` for the overlay and Alt + digit for the n-th screen of
 * the navigation (`navigation`: false at an expert desk, which has none).
 */
export function useGlobalShortcuts(navigation: boolean): void {
  const onKey = useEffectEvent((event: KeyboardEvent) => {
    const { project, shortcuts, showShortcuts, setView } = useApp.getState();
    if (event.key === '?' && !event.ctrlKey && !event.metaKey && !isTextEntry(event.target)) {
      event.preventDefault();
      showShortcuts(!shortcuts);
      return;
    }
    // By the key's place (event.code): Alt + digit types other characters on a Mac.
    const digit = /^Digit(\d)$/.exec(event.code)?.[1];
    if (digit && event.altKey && !event.ctrlKey && !event.metaKey && navigation && project) {
      const view = VIEWS[(Number(digit) + 9) % 10];
      if (view) {
        event.preventDefault();
        setView(view);
      }
    }
  });
  useEffect(() => {
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

export function ShortcutsOverlay({ view }: { view: View | null }) {
  const t = useT();
  const open = useApp((state) => state.shortcuts);
  const showShortcuts = useApp((state) => state.showShortcuts);
  const own = view ? ON_SCREEN[view] : undefined;
  return (
    <Modal
      open={open}
      title={t('shortcuts.title')}
      footer={null}
      onCancel={() => showShortcuts(false)}
      width={520}
    >
      <div data-testid="shortcuts-overlay">
        {own && view && (
          <ShortcutTable
            title={t('shortcuts.onScreen', { screen: t(`nav.${view}`) })}
            shortcuts={own}
          />
        )}
        <ShortcutTable title={t('shortcuts.everywhere')} shortcuts={EVERYWHERE} />
      </div>
    </Modal>
  );
}

function ShortcutTable({ title, shortcuts }: { title: string; shortcuts: Shortcut[] }) {
  const t = useT();
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 8 }}>
        {title}
      </Typography.Title>
      <table className="sail-shortcuts">
        <tbody>
          {shortcuts.map(([keys, label]) => (
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
    </>
  );
}
