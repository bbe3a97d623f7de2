// The columns every list of experts starts with (the expert list, its import preview, a round's
// panel): id, name, organisation and expertise, the same words and widths everywhere.
import { Tag, type TableColumnType } from 'antd';
import type { Reviewer } from '@api/contract';
import { sectorName } from './format';
import { useLang, useT } from './i18n';

export function useReviewerColumns<R extends Reviewer>(): TableColumnType<R>[] {
  const t = useT();
  const lang = useLang();
  return [
    { title: t('col.reviewerId'), dataIndex: 'reviewer_id', width: 110 },
    { title: t('col.reviewerName'), dataIndex: 'name', width: 110 },
    { title: t('col.organisation'), dataIndex: 'organisation', ellipsis: true },
    {
      title: t('col.expertise'),
      dataIndex: 'sectors',
      render: (sectors: string[]) =>
        sectors.map((sector) => (
          <Tag key={sector} color="blue">
            {sectorName(lang, sector)}
          </Tag>
        )),
    },
  ];
}
