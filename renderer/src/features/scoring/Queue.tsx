// The expert's queue for the round: every entry with its review state and total.
import { memo, useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import { Empty, Progress, Segmented, Tag, Typography } from 'antd';
import type { QueueItem } from '@api/contract';
import { ReviewStatusTag } from '@shared/components/StatusTag';
import { useT } from '@shared/i18n';

export type QueueFilter = 'all' | 'open';

interface QueueProps {
  items: QueueItem[];
  filter: QueueFilter;
  onFilter: (filter: QueueFilter) => void;
  selected: number | null;
  onSelect: (entryId: number) => void;
}

export function Queue({ items, filter, onFilter, selected, onSelect }: QueueProps) {
  const t = useT();
  const done = items.filter((item) => item.status === 'submitted').length;
  const shown = filter === 'all' ? items : items.filter((item) => item.status !== 'submitted');
  const list = useRef<HTMLOListElement>(null);
  // One callback for every row, so a row is drawn again only when its own item or state changes
  // (a queue holds hundreds of entries; a click changes two of them).
  const latestSelect = useRef(onSelect);
  useLayoutEffect(() => {
    latestSelect.current = onSelect;
  });
  // The entry last clicked: in view already, so not scrolled to (which lays the queue out again).
  const clicked = useRef<number | null>(null);
  const choose = useCallback((entryId: number) => {
    clicked.current = entryId;
    latestSelect.current(entryId);
  }, []);

  // Keep the current entry in view when it changes otherwise (Alt+←/→, the next after a submit).
  useEffect(() => {
    const byClick = selected === clicked.current;
    clicked.current = null;
    if (byClick) return;
    list.current?.querySelector('[aria-current="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  return (
    <nav className="sail-queue" aria-label={t('scoring.queue')} data-testid="scoring-queue">
      <div className="sail-queue-head">
        <Typography.Text strong>{t('scoring.queue')}</Typography.Text>
        <Typography.Text type="secondary" data-testid="queue-progress">
          {t('scoring.progress', { done, total: items.length })}
        </Typography.Text>
        <Progress
          percent={items.length ? Math.round((done / items.length) * 100) : 0}
          size="small"
          showInfo={false}
        />
        <Segmented<QueueFilter>
          block
          size="small"
          value={filter}
          onChange={onFilter}
          options={[
            { value: 'all', label: t('scoring.filterAll') },
            { value: 'open', label: t('scoring.filterOpen') },
          ]}
        />
      </div>
      {shown.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('scoring.queueEmpty')} />
      ) : (
        <ol className="sail-queue-list" ref={list}>
          {shown.map((item) => (
            <QueueRow
              key={item.entry.id}
              item={item}
              current={item.entry.id === selected}
              onSelect={choose}
            />
          ))}
        </ol>
      )}
    </nav>
  );
}

const QueueRow = memo(function QueueRow({
  item,
  current,
  onSelect,
}: {
  item: QueueItem;
  current: boolean;
  onSelect: (entryId: number) => void;
}) {
  const t = useT();
  return (
    <li>
      <button
        type="button"
        aria-current={current}
        onClick={() => onSelect(item.entry.id)}
        data-testid="queue-item"
        data-entry-id={item.entry.id}
        data-status={item.status}
        data-deferred={item.deferred}
      >
        <span className="sail-queue-title">{item.entry.title}</span>
        <span className="sail-queue-meta">
          <Typography.Text type="secondary">{item.entry.entry_id}</Typography.Text>
          <span>
            {item.deferred && <Tag>{t('scoring.deferred')}</Tag>}
            {item.total !== null && <span className="sail-queue-total">{item.total}</span>}
            <ReviewStatusTag status={item.status} />
          </span>
        </span>
      </button>
    </li>
  );
});
