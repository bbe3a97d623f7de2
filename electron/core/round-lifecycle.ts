// The life of a round (评审批次): setup → scoring → locked, and reopened from locked to scoring
// with a recorded reason. What each status allows is decided here, once, for every way a round
// or its scores change (round operations, the scoring desk, score imports); the callers check it
// inside the transaction that writes, against the round as stored then.
import type { RoundStatus } from './domain';
import { SailError } from './errors';
import { ROUND_STATUS_NAMES, type Words } from './vocabulary';

/** A round as these rules need it. */
export interface RoundState {
  name: string;
  status: RoundStatus;
}

export type RoundTransition = 'start' | 'lock' | 'reopen';

export const ROUND_TRANSITIONS: Record<
  RoundTransition,
  { from: RoundStatus; to: RoundStatus } & Words
> = {
  start: { from: 'setup', to: 'scoring', zh: '开始评审', en: 'start scoring' },
  lock: { from: 'scoring', to: 'locked', zh: '锁定', en: 'lock' },
  reopen: { from: 'locked', to: 'scoring', zh: '重新开放', en: 'reopen' },
};

/** What to do instead, for a transition refused in a status. */
const REFUSAL_HINT: Record<RoundStatus, Words> = {
  setup: { zh: '请先开始评审', en: 'start scoring first' },
  scoring: { zh: '评审正在进行', en: 'scoring is under way' },
  locked: {
    zh: '如需修改，请先重新开放并填写原因',
    en: 'reopen it with a reason to change anything',
  },
};

/** The longest reason a reopening records. */
export const MAX_REOPEN_REASON = 1000;

/**
 * The status a transition leads to from the round as it is, with the reason it records (trimmed;
 * empty when none). Refused: reopening without a reason, an overlong reason (checked first: it is
 * the thing to fix, whatever the round's status), a transition from another status.
 */
export function roundTransition(
  round: RoundState,
  transition: RoundTransition,
  reason?: string,
): { from: RoundStatus; to: RoundStatus; reason: string } {
  const why = reason?.trim() ?? '';
  if (transition === 'reopen' && why === '') {
    throw new SailError(
      'reason_required',
      `重新开放评审批次“${round.name}”须填写原因，原因会记入审计记录。`,
      `Reopening round "${round.name}" needs a reason; it is recorded in the audit trail.`,
    );
  }
  if (why.length > MAX_REOPEN_REASON) {
    throw new SailError(
      'reason_too_long',
      `原因最多 ${MAX_REOPEN_REASON} 个字符（现有 ${why.length} 个），请精简后再提交。`,
      `A reason holds at most ${MAX_REOPEN_REASON} characters (this one has ${why.length}); shorten it.`,
    );
  }
  const step = ROUND_TRANSITIONS[transition];
  if (round.status !== step.from) {
    throw new SailError(
      'round_transition_refused',
      `评审批次“${round.name}”${ROUND_STATUS_NAMES[round.status].zh}，不能${step.zh}（${REFUSAL_HINT[round.status].zh}）。`,
      `Round "${round.name}" is ${ROUND_STATUS_NAMES[round.status].en}; it cannot ${step.en} (${REFUSAL_HINT[round.status].en}).`,
    );
  }
  return { from: step.from, to: step.to, reason: why };
}

/** What changes only in setup: the stage and settings, the rubric pins, the sector groups. */
export type SetupChange = 'settings' | 'pins' | 'groups';

const SETUP_CHANGES: Record<SetupChange, Words> = {
  settings: { zh: '阶段和汇总设置', en: 'its stage and settings' },
  pins: { zh: '评分细则版本', en: 'its rubric versions' },
  groups: { zh: '项目所在的领域分组', en: 'the sector groups of its entries' },
};

/** Settings, pins and groups change only in setup: once scored, a round keeps them. */
export const canChangeSetup = (status: RoundStatus): boolean => status === 'setup';

/** Refuses a setup change of a round past setup. */
export function assertSetupChange(round: RoundState, change: SetupChange): void {
  if (canChangeSetup(round.status)) return;
  const what = SETUP_CHANGES[change];
  throw new SailError(
    'round_not_in_setup',
    `评审批次“${round.name}”${ROUND_STATUS_NAMES[round.status].zh}，${what.zh}只能在筹备阶段修改。`,
    `Round "${round.name}" is ${ROUND_STATUS_NAMES[round.status].en}; ${what.en} can change only in setup.`,
  );
}

/**
 * Scores are saved, submitted and imported until the round is locked. A score written in setup
 * starts the round (`scoresStartRound`), so `round create` then `scores import` works as
 * organisers script it.
 */
export const canScore = (status: RoundStatus): boolean => status !== 'locked';

/** A score written to a round in this status moves it to scoring first. */
export const scoresStartRound = (status: RoundStatus): boolean => status === 'setup';

/**
 * Refuses a score change of a locked round, saying who can reopen it. Experts read this in the
 * window too, so it names no command: the CLI adds its own.
 */
export function assertCanScore(round: RoundState): void {
  if (canScore(round.status)) return;
  throw new SailError(
    'round_locked',
    `评审批次“${round.name}”已锁定，评分不能修改。如需修改，请联系主办方在“评审批次”页面重新开放本批次（须填写原因）。`,
    `Round "${round.name}" is locked; scores cannot change. To change them, ask the organiser to reopen the round on the Rounds page (with a reason).`,
  );
}

/** Assignments change in setup and while scoring; a locked round keeps who reviewed what. */
export function assertAssignmentsChange(round: RoundState): void {
  if (round.status !== 'locked') return;
  throw new SailError(
    'round_locked',
    `评审批次“${round.name}”已锁定，分配不能修改。如需修改，请先重新开放本批次（须填写原因）。`,
    `Round "${round.name}" is locked; its assignments cannot change. Reopen it (with a reason) to change them.`,
  );
}
