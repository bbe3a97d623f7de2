// A round in detail: its settings and the rubric version pinned for each of its sectors.
import { Card, Descriptions, Table, Tag } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import type { RoundDetail } from '@api/contract';
import { LoadError } from '@shared/components/LoadError';
import { programmeFullName, sectorName, stageName } from '@shared/format';
import { useSailQuery } from '@shared/hooks';
import { pick, useLang, useT } from '@shared/i18n';

type Pin = RoundDetail['pins'][number];

export function RoundDetailCard({ name }: { name: string }) {
  const t = useT();
  const lang = useLang();
  const detail = useSailQuery('rounds.get', { round: name });
  const round = detail.data?.name === name ? detail.data : undefined;

  return (
    <Card
      title={name}
      style={{ marginTop: 16 }}
      loading={!round && !detail.error}
      data-testid="round-detail"
    >
      {detail.error && <LoadError error={detail.error} onRetry={detail.reload} />}
      {round && (
        <>
          <Descriptions
            size="small"
            column={{ xs: 1, lg: 3 }}
            items={[
              {
                key: 'programme',
                label: t('col.programme'),
                children: programmeFullName(lang, round.programme),
              },
              { key: 'stage', label: t('col.stage'), children: stageName(lang, round.stage) },
              { key: 'entries', label: t('col.entries'), children: round.entries },
              {
                key: 'settings',
                label: t('rounds.settings'),
                span: 3,
                children: [
                  t(`method.${round.settings.method}`),
                  ...(round.settings.method === 'trimmed'
                    ? [t('rounds.trimK', { k: round.settings.trim_k })]
                    : []),
                  t('rounds.minReviews', { n: round.settings.min_reviews }),
                  t('rounds.threshold', { n: round.settings.disagreement_threshold }),
                ].join(' · '),
              },
            ]}
          />
          <Table<Pin>
            data-testid="round-pins"
            style={{ marginTop: 12 }}
            size="small"
            rowKey="sector"
            pagination={false}
            dataSource={round.pins}
            locale={{ emptyText: t('rounds.noPins') }}
            title={() => t('rounds.pins')}
            columns={[
              {
                title: t('col.sector'),
                dataIndex: 'sector',
                width: 140,
                render: (sector: string) => <Tag color="blue">{sectorName(lang, sector)}</Tag>,
              },
              {
                title: t('col.rubric'),
                key: 'rubric',
                render: (_, pin) => (
                  <>
                    {pick(lang, pin.rubric.name_zh, pin.rubric.name_en)}{' '}
                    <Tag>{t('rubrics.version', { n: pin.rubric.version })}</Tag>
                    {pin.rubric.frozen && <LockOutlined title={t('rubrics.frozenHint')} />}
                  </>
                ),
              },
              {
                title: t('col.criterion'),
                key: 'criteria',
                render: (_, pin) =>
                  pin.rubric.criteria
                    .map((c) => `${pick(lang, c.name_zh, c.name_en)} ${c.max}`)
                    .join(' · '),
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}
