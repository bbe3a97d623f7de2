// The expert desk's operations: opening it (organiser), signing in and out (experts, with their
// PIN), leaving it (organiser's PIN), its settings and the experts' PINs. Every change of mode,
// setting or PIN is audited; the audit trail never holds a PIN or its hash.
import { SailError } from '../../core/errors';
import type { ProjectStore } from '../../store/project-store';
import type { deskOperations } from '../contract/desk';
import { hashPin, pinMatches } from '../desk';
import type { DomainHandlers, HandlerContext } from './context';

function wrongPin(): SailError {
  return new SailError('wrong_pin', 'PIN 不正确，请重新输入。', 'Wrong PIN; try again.');
}

export function deskHandlers({
  session,
  store,
}: HandlerContext): DomainHandlers<typeof deskOperations> {
  const { desk } = session;
  const audited = (
    project: ProjectStore,
    action: string,
    payload: object,
    change: () => void,
    actor?: string,
  ) => project.write({ action, subject: 'desk', payload, ...(actor ? { actor } : {}) }, change);

  return {
    'desk.state': () => desk.state(store()),
    'desk.open': () => {
      const project = store();
      if (project.desk.settings().organiser_pin_hash === null) {
        throw new SailError(
          'organiser_pin_missing',
          '请先设置主办方 PIN：退出专家模式时需要它，以免专家自行退出。',
          'Set the organiser PIN first: it is needed to leave expert mode, so that experts cannot.',
        );
      }
      audited(project, 'desk.open', {}, () => project.desk.setMode('expert'));
      desk.reset();
      return desk.state(project);
    },
    'desk.signIn': ({ reviewer_id, pin }) => {
      const project = store();
      if (project.desk.settings().desk_mode !== 'expert') {
        throw new SailError(
          'not_expert_mode',
          '项目不在专家模式，无需登录。',
          'The project is not an expert desk: there is nothing to sign in to.',
        );
      }
      const hash = project.desk.reviewerPins().get(reviewer_id) ?? null;
      if (!pinMatches(pin, hash)) throw wrongPin();
      audited(project, 'desk.signIn', {}, () => undefined, reviewer_id);
      desk.signIn(reviewer_id);
      return desk.state(project);
    },
    'desk.lock': () => {
      desk.reset();
      return desk.state(store());
    },
    'desk.close': ({ organiser_pin }) => {
      const project = store();
      if (project.project.kind === 'panel') {
        throw new SailError(
          'panel_package',
          '评审包只能用于该专家评分，不能退出专家模式。',
          'A panel package is its expert’s desk only: it cannot leave expert mode.',
        );
      }
      const { organiser_pin_hash } = project.desk.settings();
      if (organiser_pin_hash !== null && !pinMatches(organiser_pin ?? '', organiser_pin_hash)) {
        throw wrongPin();
      }
      audited(project, 'desk.close', {}, () => project.desk.setMode('organiser'));
      desk.reset();
      return desk.state(project);
    },
    'desk.settings': ({ idle_lock_minutes, organiser_pin }) => {
      const project = store();
      const changed = {
        ...(idle_lock_minutes === undefined ? {} : { idle_lock_minutes }),
        ...(organiser_pin === undefined
          ? {}
          : { organiser_pin: organiser_pin ? 'set' : 'removed' }),
      };
      audited(project, 'desk.settings', changed, () => {
        if (idle_lock_minutes !== undefined) project.desk.setIdleMinutes(idle_lock_minutes);
        if (organiser_pin !== undefined) {
          project.desk.setOrganiserPin(organiser_pin === null ? null : hashPin(organiser_pin));
        }
      });
      return desk.state(project);
    },
    'reviewers.setPin': ({ reviewer_id, pin }) => {
      const project = store();
      audited(
        project,
        'reviewer.setPin',
        { reviewer_id, pin: pin === null ? 'removed' : 'set' },
        () => {
          if (!project.desk.setReviewerPin(reviewer_id, pin === null ? null : hashPin(pin))) {
            throw new SailError(
              'reviewer_not_found',
              `专家名单中没有编号为 ${reviewer_id} 的专家。`,
              `No reviewer with id ${reviewer_id} in the expert list.`,
            );
          }
        },
      );
      return desk.state(project);
    },
  };
}
