// The scoring form (UI.md): one row per criterion, the guide of the focused row, gate items,
// a comment, the running total, the review's state and "saved" feedback. Input is kept here
// as typed and autosaved; nothing typed is thrown away when a save fails. In a locked round the
// form shows the saved review, read-only, under a banner saying why; a submitted review is
// read-only until the expert reopens it with a reason. Opening an entry puts the caret in the
// first empty score; Ctrl+Enter submits, or names what is missing and moves there.
import {
  useEffect,
  useEffectEvent,
  useRef,
  useState,
  type KeyboardEvent as ReactKeyboardEvent,
} from 'react';
import { Alert, App, Button, Input, Radio, Tag, Tooltip, Typography, type InputRef } from 'antd';
import {
  EditOutlined,
  LockOutlined,
  QuestionCircleOutlined,
  SendOutlined,
} from '@ant-design/icons';
import type { ReviewForm, ReviewState } from '@api/contract';
import type { UserMessage } from '@core/errors';
import type { Criterion, ReviewStatus } from '@core/domain';
import { guideAnchors } from '@core/rubric';
import { ReviewStatusTag } from '@shared/components/StatusTag';
import { useOperation } from '@shared/hooks';
import { pick, useLang, useT } from '@shared/i18n';
import { useApp } from '@shared/store';
import { ReasonModal } from './ReasonModal';
import { SaveIndicator } from './SaveIndicator';
import {
  draftFacts,
  halfWidth,
  parseScore,
  scoreText,
  stepScore,
  type Draft,
  type GateAnswer,
} from './score';
import { useAutosave, type SavePayload, type SaveTarget } from './useAutosave';

type ScoreFormProps = {
  form: ReviewForm;
} & (
  | {
      preview?: false;
      target: SaveTarget;
      /**
       * Why the round takes no scores now, if it does not: locked, or still in setup (scoring
       * would start it, fixing its rubrics and settings; the organiser starts it on purpose).
       */
      closed: 'locked' | 'setup' | null;
      onSaved: (state: ReviewState) => void;
      /** A save found the round locked since it was loaded. */
      onLocked: () => void;
      /** A save found the review changed elsewhere since it was loaded; `mine` was not saved. */
      onClash: (error: UserMessage, mine: SavePayload) => void;
      /** The review was submitted from this form. */
      onSubmitted: () => void;
      /**
       * Lets the screen save this form before moving to another entry; the flush resolves to
       * false when typed input is still unsaved.
       */
      registerFlush: (flush: () => Promise<boolean>) => void;
    }
  | {
      /** The form as a reviewer will see it (rubric editor): nothing is saved or submitted. */
      preview: true;
    }
);

/** A preview never saves: its autosave has nothing pending, so this target is never sent. */
const PREVIEW_TARGET: SaveTarget = { round: '', reviewer: '', entry: 0 };

function initialDraft({ rubric, review }: ReviewForm): Draft {
  return {
    scores: Object.fromEntries(
      rubric.criteria.map((c) => [c.key, scoreText(review.scores[c.key] ?? null)]),
    ),
    gates: Object.fromEntries(rubric.gates.map((g) => [g.key, review.gates[g.key] ?? null])),
    comment: review.comment,
  };
}

export function ScoreForm(props: ScoreFormProps) {
  const { form } = props;
  const showShortcuts = useApp((state) => state.showShortcuts);
  const live = props.preview ? null : props;
  const target = live?.target ?? PREVIEW_TARGET;
  const onSaved = live?.onSaved;
  const onLocked = live?.onLocked;
  const onClash = live?.onClash;
  const onSubmitted = live?.onSubmitted;
  const registerFlush = live?.registerFlush;
  const t = useT();
  const lang = useLang();
  const run = useOperation();
  const { message } = App.useApp();
  const { criteria, gates } = form.rubric;
  const [draft, setDraft] = useState<Draft>(() => initialDraft(form));
  const [status, setStatus] = useState<ReviewStatus | 'new'>(form.review.status);
  const [focused, setFocused] = useState(0);
  const [submitting, setSubmitting] = useState(false);
  const [reopening, setReopening] = useState(false);
  const inputs = useRef<Array<InputRef | null>>([]);
  const afterCriteria = useRef<HTMLDivElement>(null);

  const autosave = useAutosave(target, form.review.version, {
    onSaved: (state) => {
      setStatus(state.status);
      onSaved?.(state);
    },
    onLocked: () => onLocked?.(),
    onClash: (error, mine) => onClash?.(error, mine),
  });
  const lockedBySave = autosave.status.kind === 'locked';
  const closed = lockedBySave ? 'locked' : (live?.closed ?? null);
  const submitted = live !== null && status === 'submitted';
  // Read-only: a closed round, or a submitted review not reopened.
  const locked = closed !== null || submitted;
  // Locked: what counts is the review as saved (the form is reloaded), not a refused change.
  const shown = locked ? initialDraft(form) : draft;
  const facts = draftFacts(shown, criteria, gates);

  const { flush } = autosave;
  useEffect(
    () => registerFlush?.(async () => (await flush()) !== 'failed'),
    [registerFlush, flush],
  );

  const update = (change: Partial<Draft>) => {
    const next = { ...draft, ...change };
    setDraft(next);
    if (!live) return;
    const { scores } = draftFacts(next, criteria, gates);
    autosave.change({ scores, gates: next.gates, comment: next.comment });
  };
  const setScore = (key: string, text: string) =>
    update({ scores: { ...draft.scores, [key]: text } });

  const focusCriterion = (index: number) => {
    if (index < criteria.length) inputs.current[index]?.focus({ cursor: 'all' });
    else afterCriteria.current?.querySelector<HTMLElement>('input, textarea')?.focus();
  };

  // Opening an entry: the caret goes to the first empty score (or the comment when all are).
  const focusFirstEmpty = useEffectEvent(() => {
    if (!live || locked) return;
    const empty = criteria.findIndex(
      (c) => parseScore(shown.scores[c.key] ?? '', c.max).value === null,
    );
    focusCriterion(empty === -1 ? criteria.length : empty);
  });
  useEffect(() => focusFirstEmpty(), []);

  const canSubmit = live !== null && !locked && facts.complete && !submitting;
  const submit = async () => {
    if (!canSubmit) return;
    setSubmitting(true);
    const saved = (await autosave.flush()) === 'saved';
    const state = saved ? await run('scoring.submit', target) : undefined;
    setSubmitting(false);
    if (!state) return;
    autosave.track(state);
    setStatus(state.status);
    onSaved?.(state);
    void message.success(t('scoring.submitted', { title: form.entry.title }));
    onSubmitted?.();
  };

  /** Ctrl+Enter on an incomplete form: say what is missing and go to the first of it. */
  const showMissing = () => {
    const missing = criteria.findIndex(
      (c) => parseScore(shown.scores[c.key] ?? '', c.max).value === null,
    );
    const names = [
      ...criteria.filter((c) => parseScore(shown.scores[c.key] ?? '', c.max).value === null),
      ...gates.filter((g) => (shown.gates[g.key] ?? null) === null),
    ].map((item) => pick(lang, item.name_zh, item.name_en));
    void message.warning({
      content: t('scoring.missing', { items: names.join(pick(lang, '、', ', ')) }),
      key: 'missing',
    });
    focusCriterion(missing === -1 ? criteria.length : missing);
  };

  // Ctrl/Cmd+Enter submits from anywhere on the screen.
  const onWindowKey = useEffectEvent((event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      if (canSubmit) void submit();
      else if (live && !locked && !submitting) showMissing();
    }
  });
  useEffect(() => {
    window.addEventListener('keydown', onWindowKey);
    return () => window.removeEventListener('keydown', onWindowKey);
  }, []);

  const focusedCriterion = criteria[focused];

  return (
    <div className="sail-score-form" data-testid={live ? 'score-form' : 'score-form-preview'}>
      {closed === 'locked' && (
        <Alert
          type="warning"
          showIcon
          icon={<LockOutlined />}
          title={t('scoring.locked')}
          description={lockedBySave ? t('scoring.lockedUnsaved') : undefined}
          data-testid="round-locked-banner"
        />
      )}
      {closed === null && submitted && (
        <Alert
          type="success"
          showIcon
          title={t('scoring.submittedReadOnly')}
          action={
            <Button
              size="small"
              icon={<EditOutlined />}
              onClick={() => setReopening(true)}
              data-testid="review-reopen"
            >
              {t('scoring.reopen')}
            </Button>
          }
          data-testid="review-submitted-banner"
        />
      )}
      {closed === 'setup' && (
        <Alert
          type="info"
          showIcon
          title={t('scoring.notStarted')}
          description={t('scoring.notStartedHint')}
          data-testid="round-setup-banner"
        />
      )}
      <div className="sail-score-head">
        <Typography.Text strong>
          {t('scoring.criteria')}{' '}
          <Tag data-testid="score-form-rubric">
            {pick(lang, form.rubric.name_zh, form.rubric.name_en)}
            {live && ` · ${t('rubrics.version', { n: form.rubric.version })}`}
          </Tag>
        </Typography.Text>
        <Tooltip title={t('shortcuts.title')}>
          <Button
            size="small"
            type="text"
            icon={<QuestionCircleOutlined />}
            onClick={() => showShortcuts(true)}
            data-testid="shortcuts-button"
          >
            {t('shortcuts.button')}
          </Button>
        </Tooltip>
      </div>
      <div role="group" aria-label={t('scoring.criteria')}>
        {criteria.map((criterion, index) => (
          <CriterionRow
            key={criterion.key}
            criterion={criterion}
            text={shown.scores[criterion.key] ?? ''}
            active={index === focused}
            disabled={locked}
            inputRef={(element) => {
              inputs.current[index] = element;
            }}
            onFocus={() => setFocused(index)}
            onChange={(text) => setScore(criterion.key, text)}
            onNext={() => focusCriterion(index + 1)}
            onPrevious={index > 0 ? () => focusCriterion(index - 1) : undefined}
          />
        ))}
      </div>
      {focusedCriterion && (
        <div className="sail-guide" data-testid="criterion-guide" aria-live="polite">
          <Typography.Text strong>
            {t('scoring.guide', {
              name: pick(lang, focusedCriterion.name_zh, focusedCriterion.name_en),
            })}
          </Typography.Text>
          <GuideText
            text={pick(lang, focusedCriterion.guide_zh, focusedCriterion.guide_en)}
            empty={t('scoring.guideEmpty')}
          />
        </div>
      )}
      <div ref={afterCriteria} className="sail-after-criteria">
        {gates.length > 0 && (
          <div className="sail-gates">
            <Typography.Text strong>{t('scoring.gates')}</Typography.Text>
            {gates.map((gate) => (
              <div key={gate.key} className="sail-gate-row">
                <span id={`gate-label-${gate.key}`}>{pick(lang, gate.name_zh, gate.name_en)}</span>
                <Radio.Group
                  aria-labelledby={`gate-label-${gate.key}`}
                  data-testid={`gate-${gate.key}`}
                  disabled={locked}
                  value={shown.gates[gate.key] ?? null}
                  onChange={(event) =>
                    update({
                      gates: { ...draft.gates, [gate.key]: event.target.value as GateAnswer },
                    })
                  }
                  options={[
                    { value: 'pass', label: t('scoring.pass') },
                    { value: 'fail', label: t('scoring.fail') },
                  ]}
                />
              </div>
            ))}
          </div>
        )}
        <Typography.Text strong>{t('scoring.comment')}</Typography.Text>
        <Input.TextArea
          className="sail-comment"
          maxLength={20_000}
          placeholder={t('scoring.commentPlaceholder')}
          aria-label={t('scoring.comment')}
          disabled={locked}
          value={shown.comment}
          onChange={(event) => update({ comment: event.target.value })}
          data-testid="review-comment"
        />
      </div>
      <div className="sail-score-foot">
        <div>
          <div className="sail-total">
            <span data-testid="score-total">{facts.total}</span>
            {/* The rubric's maxima: 100 once saved, whatever a draft in the preview sums to. */}
            <Typography.Text type="secondary" data-testid="score-possible">
              {' '}
              / {criteria.reduce((sum, c) => sum + c.max, 0)}
            </Typography.Text>
          </div>
          <Typography.Text type="secondary">
            {t('scoring.filled', { n: facts.filled, m: criteria.length })}
          </Typography.Text>
        </div>
        {live && (
          <div className="sail-foot-state">
            <span data-testid="review-status">
              <ReviewStatusTag status={status} />
            </span>
            {!locked && (
              <SaveIndicator
                status={autosave.status}
                invalid={facts.invalid}
                onRetry={() => void autosave.flush()}
              />
            )}
          </div>
        )}
        <Tooltip title={facts.complete ? 'Ctrl/⌘ + Enter' : t('scoring.submitHint')}>
          <Button
            type="primary"
            size="large"
            icon={<SendOutlined />}
            disabled={!canSubmit}
            loading={submitting}
            onClick={() => void submit()}
            data-testid="submit-review"
          >
            {status === 'submitted' ? t('reviewStatus.submitted') : t('scoring.submit')}
          </Button>
        </Tooltip>
      </div>
      {live && (
        <ReasonModal
          open={reopening}
          title={t('scoring.reopenTitle')}
          okText={t('scoring.reopen')}
          placeholder={t('scoring.reopenReason')}
          testIdPrefix="review-reopen"
          onClose={() => setReopening(false)}
          onConfirm={async (reason) => {
            const state = await run('scoring.reopen', { ...target, reason });
            if (!state) return false;
            autosave.track(state);
            setStatus(state.status);
            onSaved?.(state);
            setReopening(false);
            focusCriterion(0);
            return true;
          }}
        />
      )}
    </div>
  );
}

interface CriterionRowProps {
  criterion: Criterion;
  text: string;
  active: boolean;
  disabled: boolean;
  inputRef: (element: InputRef | null) => void;
  onFocus: () => void;
  onChange: (text: string) => void;
  onNext: () => void;
  onPrevious?: () => void;
}

function CriterionRow(props: CriterionRowProps) {
  const { criterion, text, active, disabled, inputRef, onFocus, onChange, onNext, onPrevious } =
    props;
  const t = useT();
  const lang = useLang();
  const name = pick(lang, criterion.name_zh, criterion.name_en);
  const { value, problem } = parseScore(text, criterion.max);
  const errorId = `score-error-${criterion.key}`;

  const onKeyDown = (event: ReactKeyboardEvent<HTMLInputElement>) => {
    const plain = !event.ctrlKey && !event.metaKey && !event.altKey;
    if (plain && (event.key === 'Enter' || (event.key === 'Tab' && !event.shiftKey))) {
      event.preventDefault();
      onNext();
    } else if (plain && event.key === 'Tab' && event.shiftKey && onPrevious) {
      event.preventDefault();
      onPrevious();
    } else if (plain && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault();
      onChange(stepScore(text, criterion.max, event.key === 'ArrowUp' ? 1 : -1));
    }
  };

  return (
    <div className={active ? 'sail-criterion is-active' : 'sail-criterion'}>
      <label className="sail-criterion-name" htmlFor={`score-${criterion.key}`}>
        {name}
        <Typography.Text type="secondary" className="sail-criterion-max">
          {t('scoring.maxOf', { max: criterion.max })}
        </Typography.Text>
      </label>
      <div className="sail-criterion-input">
        <Input
          id={`score-${criterion.key}`}
          ref={inputRef}
          inputMode="decimal"
          autoComplete="off"
          disabled={disabled}
          value={text}
          status={problem ? 'error' : undefined}
          suffix={`/ ${criterion.max}`}
          aria-label={pick(
            lang,
            `${name}（${t('scoring.maxOf', { max: criterion.max })}）`,
            `${name} (${t('scoring.maxOf', { max: criterion.max })})`,
          )}
          aria-invalid={problem !== null}
          aria-describedby={problem ? errorId : undefined}
          data-testid={`score-${criterion.key}`}
          data-score-input
          onFocus={onFocus}
          // Show what was understood: "１２。５" becomes "12.5", "08" becomes "8".
          onBlur={() => value !== null && text !== scoreText(value) && onChange(scoreText(value))}
          // Full-width digits from an IME (１２．５) become ASCII as they are typed.
          onChange={(event) => onChange(halfWidth(event.target.value))}
          onKeyDown={onKeyDown}
        />
        {problem && (
          <div id={errorId} className="sail-criterion-error" role="alert">
            {t(problem.key, problem.vars)}
          </div>
        )}
      </div>
    </div>
  );
}

/** Guide text with its level anchors (0分：…；8分：…) one per line, the level in bold. */
function GuideText({ text, empty }: { text: string; empty: string }) {
  const lang = useLang();
  const anchors = guideAnchors(text);
  if (anchors.length === 0) return <div className="sail-guide-empty">{empty}</div>;
  return (
    <ul className="sail-guide-anchors">
      {anchors.map((anchor, index) => (
        <li key={index}>
          {anchor.label && (
            <>
              <Typography.Text strong>{anchor.label}</Typography.Text>
              {lang === 'zh-CN' ? '：' : ': '}
            </>
          )}
          {anchor.text}
        </li>
      ))}
    </ul>
  );
}
