// What a score packet's import did: whose packet, which of theirs, how many reviews were taken,
// unchanged, or left as clashes for the organiser. After an import from the packages tab or a
// packet dropped on the window.
import { Descriptions, Modal } from 'antd';
import type { PacketImported } from '@api/contract';
import { pick, useLang, useT } from '@shared/i18n';
import { testId } from '@shared/testId';

export function PacketImportedModal({
  outcome,
  onClose,
}: {
  outcome: PacketImported | null;
  onClose: () => void;
}) {
  const t = useT();
  const lang = useLang();
  return (
    <Modal
      open={outcome !== null}
      title={t('packets.imported')}
      onOk={onClose}
      onCancel={onClose}
      cancelButtonProps={{ style: { display: 'none' } }}
      okButtonProps={testId('packet-import-done')}
    >
      {outcome && (
        <Descriptions
          size="small"
          column={1}
          data-testid="packet-import-result"
          items={[
            { key: 'file', label: t('packets.file'), children: outcome.file },
            { key: 'who', label: t('packages.expert'), children: outcome.reviewer_id },
            { key: 'n', label: t('packets.sequence'), children: outcome.sequence },
            { key: 'accepted', label: t('packets.accepted'), children: outcome.accepted },
            { key: 'unchanged', label: t('packets.unchanged'), children: outcome.unchanged },
            { key: 'clashes', label: t('packets.clashCount'), children: outcome.clashes.length },
            ...(outcome.recused.length > 0
              ? [
                  {
                    key: 'recused',
                    label: t('packets.recused'),
                    children: outcome.recused.join(pick(lang, '、', ', ')),
                  },
                ]
              : []),
          ]}
        />
      )}
    </Modal>
  );
}
