// The expert desk's rules, checked for every call from a window before its handler runs: in
// expert mode a window reaches only the signed-in expert's own queue and reviews (and signing
// in), whatever the page asks for; PINs are kept as salted scrypt hashes and compared in
// constant time. The CLI (the organiser's tool on their own machine) is not a window.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { SailError } from '../core/errors';
import type { ProjectStore } from '../store/project-store';
import type { DeskState, OperationName } from './contract';

const SCRYPT = { N: 16384, r: 8, p: 1 } as const;
const KEY_BYTES = 32;

/** `scrypt$N$r$p$salt$hash` (base64), the form a PIN is stored in. */
export function hashPin(pin: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(pin, salt, KEY_BYTES, SCRYPT);
  return [
    'scrypt',
    SCRYPT.N,
    SCRYPT.r,
    SCRYPT.p,
    salt.toString('base64'),
    hash.toString('base64'),
  ].join('$');
}

export function pinMatches(pin: string, stored: string | null): boolean {
  const [kind, n, r, p, salt, hash] = stored?.split('$') ?? [];
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(pin, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return timingSafeEqual(actual, expected);
}

/** Reachable at a locked desk: what it takes to see the desk and sign in. */
const WHILE_LOCKED = new Set<OperationName>([
  'desk.state',
  'desk.signIn',
  'desk.close',
  'project.current',
  'project.revision',
  'tasks.progress',
  'tasks.cancel',
]);

/** Reachable by a signed-in expert, besides the above; `reviewer` must be theirs. */
const EXPERT = new Set<OperationName>([
  'desk.lock',
  'rounds.list',
  'scoring.queue',
  'scoring.get',
  'scoring.history',
  'scoring.save',
  'scoring.submit',
  'scoring.reopen',
  'scoring.recuse',
  'scoring.defer',
  'attachments.read',
  // In a panel package: what the package is, and "send my scores".
  'packages.current',
  'packets.export',
]);

/** The panel's results: reachable by a signed-in expert once the round is locked, if shared. */
const RESULTS = new Set<OperationName>(['ranking.rank']);

const PROJECT_SWITCHES = new Set<OperationName>([
  'project.open',
  'project.create',
  'project.createSample',
  'project.close',
]);

export class Desk {
  /** The expert signed in at this session's desk; null when none (or in organiser mode). */
  private signedIn: string | null = null;

  constructor(private readonly store: () => ProjectStore | null) {}

  /**
   * A new project (or none): nobody is signed in — except in a panel package, which is its own
   * expert's desk and opens signed in (no PIN: its passphrase protects it).
   */
  reset(): void {
    this.signedIn = this.packageReviewer();
  }

  /** The expert a panel package is for; null for any other project. */
  private packageReviewer(): string | null {
    const store = this.store();
    if (!store?.isOpen || store.project.kind !== 'panel') return null;
    const own = store.packages.own();
    return own ? (store.reviewers.byId(own.reviewer_id)?.external_id ?? null) : null;
  }

  signIn(reviewerId: string): void {
    this.signedIn = reviewerId;
  }

  state(store: ProjectStore): DeskState {
    const settings = store.desk.settings();
    const pins = store.desk.reviewerPins();
    const packaged = this.packageReviewer();
    const experts = store.reviewers
      .list()
      .filter((reviewer) => pins.get(reviewer.external_id) || reviewer.external_id === packaged)
      .map((reviewer) => ({ reviewer_id: reviewer.external_id, name: reviewer.name }));
    const signedIn = settings.desk_mode === 'expert' ? this.signedIn : null;
    return {
      mode: settings.desk_mode,
      reviewer: experts.find((expert) => expert.reviewer_id === signedIn) ?? null,
      idle_lock_minutes: settings.idle_lock_minutes,
      organiser_pin_set: settings.organiser_pin_hash !== null,
      experts,
    };
  }

  /**
   * For the app's own menu and file events (the user, not the page): no other project is opened,
   * created, nor this one closed while it is an expert desk, so the desk cannot be walked away from.
   */
  checkSwitch(name: OperationName): void {
    if (!PROJECT_SWITCHES.has(name)) return;
    const store = this.store();
    if (!store?.isOpen || store.desk.settings().desk_mode !== 'expert') return;
    // A panel package is on the expert's own laptop: they close it and open other files.
    if (store.project.kind === 'panel') return;
    throw new SailError(
      'expert_mode',
      '专家模式下不能打开、新建或关闭项目。请先由主办方退出专家模式。',
      'At an expert desk no project can be opened, created or closed. The organiser leaves expert mode first.',
    );
  }

  /** Throws unless a window may make this call at the desk as it is now. */
  check(name: OperationName, input: unknown): void {
    const store = this.store();
    if (!store?.isOpen || store.desk.settings().desk_mode !== 'expert') return;
    if (WHILE_LOCKED.has(name)) return;
    if (PROJECT_SWITCHES.has(name) && store.project.kind === 'panel') return;
    if (this.signedIn === null) {
      throw new SailError(
        'desk_locked',
        '评分台已锁定，请选择你的姓名并输入 PIN 登录。',
        'The desk is locked: choose your name and enter your PIN to sign in.',
      );
    }
    const reviewer = (input as { reviewer?: unknown } | null)?.reviewer;
    if (EXPERT.has(name) && (reviewer === undefined || reviewer === this.signedIn)) return;
    if (RESULTS.has(name) && resultsShared(store, input)) return;
    throw new SailError(
      'expert_mode',
      '专家模式下只能查看和评分自己的评审任务。如需其他功能，请联系主办方退出专家模式。',
      'At an expert desk you can only see and score your own assignments. For anything else, ask the organiser to leave expert mode.',
    );
  }
}

/** Whether the round an input names is locked and its results shared with experts. */
function resultsShared(store: ProjectStore, input: unknown): boolean {
  const name = (input as { round?: unknown } | null)?.round;
  const round = typeof name === 'string' ? store.rounds.byName(name) : undefined;
  return round?.status === 'locked' && round.results_for_experts === 1;
}
