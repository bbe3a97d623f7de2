// Entry detail: the mapped fields, the attachments, the organiser's decisions on its suspected
// duplicates, then every column of the source row verbatim, with the file and row it came from,
// so any entry can be traced back to what the organiser received.
import { Descriptions, Drawer, Flex, List, Skeleton, Table, Tag, Typography } from 'antd';
import type { EntryDetail } from '@api/contract';
import { LoadError } from '@shared/components/LoadError';
import { programmeFullName, sectorName } from '@shared/format';
import { useSailQuery } from '@shared/hooks';
import { useLang, useT } from '@shared/i18n';
import { DecidedBy, VerdictTag } from './DuplicateList';
import { EntryAttachments } from './EntryAttachments';

export function EntryDrawer({
  id,
  onClose,
  onOpen,
}: {
  id: number | null;
  onClose: () => void;
  /** Opens another entry (the other side of a duplicate pair) in the drawer. */
  onOpen: (id: number) => void;
}) {
  const t = useT();
  const entry = useSailQuery('entries.get', id === null ? null : { id });
  const detail = entry.data?.id === id ? entry.data : undefined;

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={760}
      title={detail ? `${detail.entry_id} · ${detail.title}` : t('entries.detail')}
      destroyOnHidden
      data-testid="entry-drawer"
    >
      {entry.error && <LoadError error={entry.error} onRetry={entry.reload} />}
      {detail ? (
        <EntryFields entry={detail} onOpen={onOpen} />
      ) : (
        !entry.error && <Skeleton active />
      )}
    </Drawer>
  );
}

interface SourceCell {
  index: number;
  column: string;
  value: string;
}

function EntryFields({ entry, onOpen }: { entry: EntryDetail; onOpen: (id: number) => void }) {
  const t = useT();
  const lang = useLang();
  const place = [entry.province, entry.city !== entry.province ? entry.city : null]
    .filter(Boolean)
    .join(' ');
  return (
    <>
      <Descriptions
        bordered
        size="small"
        column={2}
        items={[
          { key: 'id', label: t('col.entryId'), children: entry.entry_id },
          {
            key: 'programme',
            label: t('col.programme'),
            children: programmeFullName(lang, entry.programme),
          },
          { key: 'title', label: t('col.title'), span: 2, children: entry.title },
          { key: 'applicant', label: t('col.applicant'), span: 2, children: entry.applicant },
          { key: 'partners', label: t('entries.partners'), span: 2, children: entry.partners },
          { key: 'place', label: t('col.province'), children: place },
          {
            key: 'sector',
            label: t('col.sector'),
            children: (
              <>
                {entry.sector && <Tag color="blue">{sectorName(lang, entry.sector)}</Tag>}
                {entry.sector_label && (
                  <Typography.Text type="secondary">
                    {t('entries.sectorLabel')}：{entry.sector_label}
                  </Typography.Text>
                )}
              </>
            ),
          },
          { key: 'track', label: t('col.track'), children: entry.track },
          { key: 'contact', label: t('entries.contact'), children: entry.contact },
          {
            key: 'summary',
            label: t('entries.summary'),
            span: 2,
            children: <div className="sail-prewrap">{entry.summary}</div>,
          },
        ]}
      />
      <EntryAttachments attachments={entry.attachments} />
      {entry.duplicate_decisions.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('entries.duplicateDecisions')}
          </Typography.Title>
          <List
            size="small"
            bordered
            data-testid="entry-duplicate-decisions"
            dataSource={entry.duplicate_decisions}
            rowKey={(decision) => decision.other.id}
            renderItem={(decision) => (
              <List.Item>
                <Flex vertical gap={2}>
                  <Flex gap={8} align="center" wrap>
                    <VerdictTag verdict={decision.verdict} />
                    <Typography.Link
                      onClick={() => onOpen(decision.other.id)}
                      data-testid="entry-duplicate-other"
                    >
                      {decision.other.entry_id} · {decision.other.title}
                    </Typography.Link>
                  </Flex>
                  {decision.note && <Typography.Text>{decision.note}</Typography.Text>}
                  <DecidedBy decision={decision} />
                </Flex>
              </List.Item>
            )}
          />
        </>
      )}
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('entries.source')}
      </Typography.Title>
      {entry.source_file && (
        <Typography.Paragraph type="secondary" data-testid="entry-source-origin">
          {t('entries.sourceFrom', { file: entry.source_file, row: entry.source_row ?? '—' })}
        </Typography.Paragraph>
      )}
      <Table<SourceCell>
        data-testid="entry-source-table"
        size="small"
        bordered
        pagination={false}
        // Headers can repeat in real files, so cells are keyed by position.
        dataSource={entry.source.map(([column, value], index) => ({ index, column, value }))}
        rowKey="index"
        columns={[
          { title: t('entries.sourceColumn'), dataIndex: 'column', width: 200 },
          {
            title: t('entries.sourceValue'),
            dataIndex: 'value',
            render: (value: string) => <span className="sail-prewrap">{value}</span>,
          },
        ]}
      />
    </>
  );
}
