// 评分: the screen experts live in. Queue on the left, the entry in the middle, the scoring
// form on the right. Alt+←/→ (and j/k outside fields) move through the queue, a submit moves on
// to the next entry not yet submitted, `?` lists the shortcuts.
import { useEffect, useEffectEvent, useMemo, useRef, useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Select, Skeleton, Tooltip, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import type { QueueItem, ReviewForm, ReviewState } from '@api/contract';
import type { UserMessage } from '@core/errors';
import { call } from '@shared/api';
import { LoadError } from '@shared/components/LoadError';
import { ReviewHistoryButton } from '@shared/components/ReviewHistory';
import { Page } from '@shared/components/Page';
import {
  askNow,
  useMessageText,
  useNotifyError,
  useSailQuery,
  type AskedAnswer,
} from '@shared/hooks';
import { pick, useLang, useT } from '@shared/i18n';
import { useApp } from '@shared/store';
import { EntryActions } from './EntryActions';
import { EntrySummary } from './EntrySummary';
import { Queue, type QueueFilter } from './Queue';
import { ScoreForm } from './ScoreForm';
import type { SavePayload } from './useAutosave';

export function ScoringPage() {
  const t = useT();
  const round = useApp((state) => state.round);
  const reviewer = useApp((state) => state.reviewer);
  const setView = useApp((state) => state.setView);

  if (!round) {
    return (
      <Page title={t('nav.scoring')}>
        <Empty className="sail-empty" description={t('scoring.needRound')}>
          <Button type="primary" onClick={() => setView('rounds')}>
            {t('nav.rounds')}
          </Button>
        </Empty>
      </Page>
    );
  }
  if (!reviewer) {
    return (
      <Page title={t('nav.scoring')}>
        <ReviewerChooser />
      </Page>
    );
  }
  return <ScoringWorkspace key={`${round}\n${reviewer}`} round={round} reviewer={reviewer} />;
}

function ReviewerChooser() {
  const t = useT();
  const reviewers = useSailQuery('reviewers.list', {});
  const setReviewer = useApp((state) => state.setReviewer);
  return (
    <Card className="sail-chooser">
      <Typography.Paragraph>{t('scoring.needReviewer')}</Typography.Paragraph>
      <Select
        autoFocus
        style={{ width: '100%' }}
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('top.reviewerPlaceholder')}
        loading={reviewers.loading}
        onChange={(id: string) => setReviewer(id)}
        options={reviewers.data?.map((r) => ({
          value: r.reviewer_id,
          label: `${r.name} (${r.reviewer_id})${r.organisation ? ` · ${r.organisation}` : ''}`,
        }))}
        data-testid="scoring-reviewer-select"
      />
    </Card>
  );
}

type Patch = Pick<QueueItem, 'status' | 'total'>;

/** Any field that takes typing, score inputs included: j and k there are text, not moves. */
function isField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)
  );
}

/** Back to the form from the queue: the first empty score, else the comment. */
function focusForm(): void {
  const form = document.querySelector('[data-testid="score-form"]');
  const scores = [...(form?.querySelectorAll<HTMLInputElement>('input[data-score-input]') ?? [])];
  const empty = scores.find((input) => input.value === '' && !input.disabled);
  (empty ?? form?.querySelector<HTMLTextAreaElement>('textarea:not([disabled])'))?.focus();
}

function ScoringWorkspace({ round, reviewer }: { round: string; reviewer: string }) {
  const t = useT();
  const { message } = App.useApp();
  const dataChanged = useApp((state) => state.dataChanged);
  const queue = useSailQuery('scoring.queue', { round, reviewer });
  const rounds = useSailQuery('rounds.list', {});
  const status = rounds.data?.find((item) => item.name === round)?.status;
  const closed = status === 'locked' || status === 'setup' ? status : null;
  // Saves and submits update the queue in place rather than refetching it.
  const [patches, setPatches] = useState<Record<number, Patch>>({});
  // The entry shown, and its form when a click or key asked for it before the pane was drawn.
  const [pane, setPane] = useState<{ entry: number; form?: AskedAnswer<'scoring.get'> } | null>(
    null,
  );
  const chosen = pane?.entry ?? null;
  const [filter, setFilter] = useState<QueueFilter>('all');
  const flushCurrent = useRef<() => Promise<boolean>>(() => Promise.resolve(true));
  // The entry the last click or key moved to (a held Alt+→ moves on from it, drawn or not).
  const heading = useRef<number | null>(null);
  const clicks = useRef(0);

  const items = useMemo(
    () =>
      (queue.data ?? []).map((item) => {
        const patch = patches[item.entry.id];
        return patch ? { ...item, ...patch } : item;
      }),
    [queue.data, patches],
  );
  const shown = filter === 'all' ? items : items.filter((item) => item.status !== 'submitted');

  // Start at the first entry not yet submitted, once the queue is known.
  if (chosen === null) {
    const first = (items.find((item) => item.status !== 'submitted') ?? items[0])?.entry.id;
    if (first !== undefined) setPane({ entry: first });
  }

  const select = async (entryId: number) => {
    if (entryId === (heading.current ?? chosen)) {
      focusForm();
      return;
    }
    const click = ++clicks.current;
    heading.current = entryId;
    // Never leave an entry whose input has not reached the store.
    if (!(await flushCurrent.current())) {
      if (click === clicks.current) heading.current = null;
      void message.warning(t('save.stay'));
      return;
    }
    // The pane is drawn once, with the entry's form, rather than first empty: the form is asked
    // for at once, and the pane moves when it has come, unless a later click or key came since.
    const form = askNow('scoring.get', { round, reviewer, entry: entryId });
    await form.answer;
    if (click !== clicks.current) return;
    // `heading` stays: a key pressed before this render must move on from here, not from the
    // entry the last render shows.
    setPane({ entry: entryId, form });
  };
  const placeOf = (entryId: number | null) => shown.findIndex((item) => item.entry.id === entryId);
  const position = placeOf(chosen);
  const neighbour = (step: 1 | -1) => shown[position + step]?.entry.id;
  const move = (step: 1 | -1) => {
    const from = heading.current === null ? position : placeOf(heading.current);
    const target = shown[from + step]?.entry.id;
    if (target !== undefined) void select(target);
  };
  /** After a submit: the next entry of the queue not yet submitted, wrapping round. */
  const moveToNextOpen = () => {
    const after = [...shown.slice(position + 1), ...shown.slice(0, Math.max(position, 0))];
    const next = after.find((item) => item.entry.id !== chosen && item.status !== 'submitted');
    if (next) void select(next.entry.id);
  };

  /** Defer or recuse: what is typed is saved first, and a change done moves on. */
  const changeQueue = async (change: () => Promise<boolean>) => {
    if (!(await flushCurrent.current())) {
      void message.warning(t('save.stay'));
      return false;
    }
    if (!(await change())) return false;
    moveToNextOpen();
    return true;
  };
  const current = items.find((item) => item.entry.id === chosen);

  const onWindowKey = useEffectEvent((event: KeyboardEvent) => {
    const plain = !event.altKey && !event.ctrlKey && !event.metaKey;
    if (event.altKey && (event.key === 'ArrowRight' || event.key === 'ArrowLeft')) {
      event.preventDefault();
      move(event.key === 'ArrowRight' ? 1 : -1);
    } else if (plain && (event.key === 'j' || event.key === 'k') && !isField(event.target)) {
      event.preventDefault();
      move(event.key === 'j' ? 1 : -1);
    }
  });
  useEffect(() => {
    window.addEventListener('keydown', onWindowKey);
    return () => window.removeEventListener('keydown', onWindowKey);
  }, []);

  const onSaved = (state: ReviewState) =>
    setPatches((current) => ({
      ...current,
      [state.entry_id]: { status: state.status, total: state.total },
    }));

  return (
    <div className="sail-scoring" data-testid="scoring-page">
      <div className="sail-scoring-queue">
        {queue.error && <LoadError error={queue.error} onRetry={queue.reload} />}
        <Queue
          items={items}
          filter={filter}
          onFilter={setFilter}
          selected={chosen}
          onSelect={(entryId) => void select(entryId)}
        />
      </div>
      {chosen === null ? (
        <div className="sail-scoring-none">
          {queue.loading ? <Skeleton active /> : <Empty description={t('scoring.queueEmpty')} />}
        </div>
      ) : (
        <ReviewPane
          key={chosen}
          target={{ round, reviewer, entry: chosen }}
          asked={pane?.form}
          closed={closed}
          onSaved={onSaved}
          // Locked elsewhere since it was loaded: load the round, queue and form again.
          onLocked={dataChanged}
          onSubmitted={moveToNextOpen}
          registerFlush={(flush) => {
            flushCurrent.current = flush;
          }}
          navigation={
            <Flex align="center" gap={8}>
              <Tooltip title={t('keys.previousEntry')}>
                <Button
                  size="small"
                  icon={<LeftOutlined />}
                  disabled={neighbour(-1) === undefined}
                  onClick={() => move(-1)}
                  data-testid="entry-prev"
                >
                  {t('scoring.prev')}
                </Button>
              </Tooltip>
              <Typography.Text type="secondary">
                {position + 1} / {shown.length}
              </Typography.Text>
              <Tooltip title={t('keys.nextEntry')}>
                <Button
                  size="small"
                  disabled={neighbour(1) === undefined}
                  onClick={() => move(1)}
                  data-testid="entry-next"
                >
                  {t('scoring.next')} <RightOutlined />
                </Button>
              </Tooltip>
              {current && closed === null && (
                <EntryActions
                  item={current}
                  target={{ round, reviewer, entry: current.entry.id }}
                  onQueueChange={changeQueue}
                />
              )}
            </Flex>
          }
        />
      )}
    </div>
  );
}

interface ReviewPaneProps {
  target: { round: string; reviewer: string; entry: number };
  asked: AskedAnswer<'scoring.get'> | undefined;
  navigation: ReactNode;
  closed: 'locked' | 'setup' | null;
  onSaved: (state: ReviewState) => void;
  onLocked: () => void;
  onSubmitted: () => void;
  registerFlush: (flush: () => Promise<boolean>) => void;
}

/** A save refused because the review changed elsewhere: why, and what this window had typed. */
interface Clash {
  error: UserMessage;
  mine: SavePayload;
}

function ReviewPane({ target, asked, navigation, onSaved, ...form }: ReviewPaneProps) {
  const loaded = useSailQuery('scoring.get', target, asked);
  const notifyError = useNotifyError();
  // After a clash the form shows the review as it is now, loaded at once and kept: a later
  // refetch of the query (any write) must not reset what the expert types next.
  const [fresh, setFresh] = useState<{ form: ReviewForm; clash: Clash; generation: number } | null>(
    null,
  );
  const shown = fresh?.form ?? loaded.data;

  const onClash = (error: UserMessage, mine: SavePayload) => {
    void call('scoring.get', target).then((result) => {
      if (!result.ok) {
        notifyError(result.error);
        return;
      }
      onSaved(result.value.review);
      setFresh((previous) => ({
        form: result.value,
        clash: { error, mine },
        generation: (previous?.generation ?? 0) + 1,
      }));
    });
  };

  return (
    <>
      <section className="sail-scoring-entry">
        <Flex align="center" gap={8} wrap>
          {navigation}
          {shown && (
            <ReviewHistoryButton
              review={target}
              title={`${shown.entry.entry_id} · ${shown.entry.title}`}
              rubric={shown.rubric}
            />
          )}
        </Flex>
        {loaded.error && <LoadError error={loaded.error} onRetry={loaded.reload} />}
        {shown ? <EntrySummary entry={shown.entry} /> : <Skeleton active />}
      </section>
      <section className="sail-scoring-form">
        {fresh && <ClashBanner clash={fresh.clash} form={fresh.form} />}
        {shown && (
          <ScoreForm
            key={fresh?.generation ?? 0}
            target={target}
            form={shown}
            onSaved={onSaved}
            onClash={onClash}
            {...form}
          />
        )}
      </section>
    </>
  );
}

/** Says the review changed elsewhere, and lists what this window had typed so none is lost. */
function ClashBanner({ clash, form }: { clash: Clash; form: ReviewForm }) {
  const t = useT();
  const lang = useLang();
  const text = useMessageText();
  const typed = form.rubric.criteria
    .filter((c) => clash.mine.scores[c.key] != null)
    .map((c) => `${pick(lang, c.name_zh, c.name_en)} ${clash.mine.scores[c.key]}`);
  return (
    <Alert
      type="warning"
      showIcon
      closable
      style={{ marginBottom: 12 }}
      title={text(clash.error)}
      description={
        <>
          {typed.length > 0 && (
            <div>{t('scoring.clashMine', { scores: typed.join(pick(lang, '、', ', ')) })}</div>
          )}
          {clash.mine.comment && (
            <div>{t('scoring.clashComment', { comment: clash.mine.comment })}</div>
          )}
        </>
      }
      data-testid="review-clash"
    />
  );
}
