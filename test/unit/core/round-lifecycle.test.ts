// The life of a round as the product brief states it: setup → scoring → locked, reopened to
// scoring only with a reason; settings, pins and groups change only in setup; scores change until
// the round is locked, and a score in setup starts the round.
import { describe, expect, it } from 'vitest';
import { ROUND_STATUSES, type RoundStatus } from '../../../electron/core/domain';
import { SailError } from '../../../electron/core/errors';
import {
  assertCanScore,
  assertSetupChange,
  canChangeSetup,
  canScore,
  roundTransition,
  scoresStartRound,
  type RoundTransition,
  type SetupChange,
} from '../../../electron/core/round-lifecycle';

const round = (status: RoundStatus) => ({ name: '初赛', status });

/** The SailError `action` throws, or null when it throws nothing. */
function refusal(action: () => unknown): SailError | null {
  try {
    action();
    return null;
  } catch (error) {
    if (error instanceof SailError) return error;
    throw error;
  }
}

describe('round transitions', () => {
  it('walks a round through its whole life', () => {
    let status: RoundStatus = 'setup';
    const walk: Array<[RoundTransition, string | undefined, RoundStatus]> = [
      ['start', undefined, 'scoring'],
      ['lock', undefined, 'locked'],
      ['reopen', '专家 R003 漏评一项', 'scoring'],
      ['lock', undefined, 'locked'],
    ];
    for (const [transition, reason, expected] of walk) {
      const step = roundTransition(round(status), transition, reason);
      expect(step.from).toBe(status);
      expect(step.to).toBe(expected);
      status = step.to;
    }
  });

  it('allows exactly one transition out of each status', () => {
    const allowed: Record<RoundStatus, RoundTransition> = {
      setup: 'start',
      scoring: 'lock',
      locked: 'reopen',
    };
    for (const status of ROUND_STATUSES) {
      for (const transition of ['start', 'lock', 'reopen'] as const) {
        const error = refusal(() => roundTransition(round(status), transition, '原因'));
        if (transition === allowed[status]) expect(error).toBeNull();
        else expect(error?.code, `${transition} from ${status}`).toBe('round_transition_refused');
      }
    }
  });

  it('names the status and what to do in both languages when refused', () => {
    const error = refusal(() => roundTransition(round('locked'), 'lock'));
    expect(error?.message_zh).toContain('初赛');
    expect(error?.message_zh).toContain('已锁定');
    expect(error?.message_zh).toContain('重新开放');
    expect(error?.message_en).toContain('is locked; it cannot lock');
    expect(error?.exitCode).toBe(2);
  });

  it('reopens only with a reason, which is trimmed, and says so before the status', () => {
    expect(refusal(() => roundTransition(round('locked'), 'reopen'))?.code).toBe('reason_required');
    expect(refusal(() => roundTransition(round('locked'), 'reopen', ' \n '))?.code).toBe(
      'reason_required',
    );
    // A round not locked: the missing reason is still the first thing to fix.
    expect(refusal(() => roundTransition(round('scoring'), 'reopen', ''))?.code).toBe(
      'reason_required',
    );
    expect(roundTransition(round('locked'), 'reopen', '  补录评分  ').reason).toBe('补录评分');
    expect(roundTransition(round('setup'), 'start').reason).toBe('');
  });

  it('refuses a reason over 1,000 characters', () => {
    expect(roundTransition(round('locked'), 'reopen', '因'.repeat(1000)).to).toBe('scoring');
    const error = refusal(() => roundTransition(round('locked'), 'reopen', '因'.repeat(1001)));
    expect(error?.code).toBe('reason_too_long');
    expect(error?.message_en).toContain('1001');
  });
});

describe('what each status allows', () => {
  it('changes settings, pins and groups in setup only', () => {
    expect(ROUND_STATUSES.filter(canChangeSetup)).toEqual(['setup']);
    const changes: SetupChange[] = ['settings', 'pins', 'groups'];
    for (const change of changes) {
      expect(refusal(() => assertSetupChange(round('setup'), change))).toBeNull();
      for (const status of ['scoring', 'locked'] as const) {
        const error = refusal(() => assertSetupChange(round(status), change));
        expect(error?.code).toBe('round_not_in_setup');
        expect(error?.message_zh).toContain('只能在筹备阶段修改');
        expect(error?.message_en).toContain('can change only in setup');
      }
    }
  });

  it('takes scores until the round is locked; a score in setup starts it', () => {
    expect(ROUND_STATUSES.filter(canScore)).toEqual(['setup', 'scoring']);
    expect(ROUND_STATUSES.filter(scoresStartRound)).toEqual(['setup']);
    expect(refusal(() => assertCanScore(round('scoring')))).toBeNull();
    const error = refusal(() => assertCanScore(round('locked')));
    expect(error?.code).toBe('round_locked');
    expect(error?.message_zh).toContain('重新开放');
    expect(error?.message_en).toContain('reopen');
  });
});
