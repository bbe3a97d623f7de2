// The entry being scored: what it is, who applied, where, and the application's own fields.
import { Descriptions, Tag, Typography } from 'antd';
import type { EntryDetail } from '@api/contract';
import { programmeName, sectorName } from '@shared/format';
import { useLang, useT } from '@shared/i18n';

export function EntrySummary({ entry }: { entry: EntryDetail }) {
  const t = useT();
  const lang = useLang();
  const place = [entry.province, entry.city !== entry.province ? entry.city : null]
    .filter(Boolean)
    .join(' ');
  return (
    <article className="sail-entry-summary" data-testid="entry-summary">
      <Typography.Text type="secondary">{entry.entry_id}</Typography.Text>
      <Typography.Title level={4} style={{ marginTop: 4 }}>
        {entry.title}
      </Typography.Title>
      <div className="sail-entry-tags">
        <Tag color={entry.programme === 'bloom' ? 'magenta' : 'geekblue'}>
          {programmeName(lang, entry.programme)}
        </Tag>
        {entry.sector && <Tag color="blue">{sectorName(lang, entry.sector)}</Tag>}
        {entry.track && <Tag>{entry.track}</Tag>}
        {place && <Tag>{place}</Tag>}
      </div>
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'applicant', label: t('col.applicant'), children: entry.applicant },
          ...(entry.partners
            ? [{ key: 'partners', label: t('entries.partners'), children: entry.partners }]
            : []),
        ]}
      />
      {entry.summary && (
        <>
          <Typography.Title level={5}>{t('entries.summary')}</Typography.Title>
          <Typography.Paragraph className="sail-prewrap">{entry.summary}</Typography.Paragraph>
        </>
      )}
      <Typography.Title level={5}>{t('entries.source')}</Typography.Title>
      <Descriptions
        size="small"
        bordered
        column={1}
        styles={{ label: { width: 140 } }}
        items={entry.source.map(([column, value], index) => ({
          key: index,
          label: column,
          children: <span className="sail-prewrap">{value}</span>,
        }))}
      />
    </article>
  );
}
