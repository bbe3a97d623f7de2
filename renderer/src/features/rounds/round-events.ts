// A round's history in words: each audit event whose subject is the round, as its detail card
// lists them.
import type { RoundEvent } from '@api/contract';
import { GENERIC_RUBRIC_KEY } from '@core/sectors';
import { sectorName } from '@shared/format';
import { pick, type Lang, type Translate } from '@shared/i18n';

/** The audit actions that start a round automatically, by the words for them. */
const VIA_KEYS = {
  'review.save': 'rounds.event.via.save',
  'review.submit': 'rounds.event.via.submit',
  'scores.import': 'rounds.event.via.import',
  'packet.merge': 'rounds.event.via.packet',
  'packet.resolve': 'rounds.event.via.resolve',
} as const;

/** How many moves a history line lists; the event itself keeps them all. */
const LISTED_MOVES = 5;

/** A round's audit event in the reader's words. */
export function roundEventText(t: Translate, lang: Lang, event: RoundEvent): string {
  const payload = event.payload;
  const text = (value: unknown) =>
    typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  switch (event.action) {
    case 'round.create':
      return t('rounds.event.create', { n: text(payload.entries) });
    case 'round.start': {
      if (payload.automatic !== true) return t('rounds.event.start');
      const via = text(payload.via);
      return t('rounds.event.autoStart', {
        via: Object.hasOwn(VIA_KEYS, via) ? t(VIA_KEYS[via as keyof typeof VIA_KEYS]) : via,
      });
    }
    case 'round.lock':
      return t('rounds.event.lock', { n: text(payload.reviews_submitted) });
    case 'round.reopen':
      return t('rounds.event.reopen', { reason: text(payload.reason) });
    case 'round.update':
      return t('rounds.event.update');
    case 'round.share_results':
      return t(payload.shown === true ? 'rounds.event.resultsShown' : 'rounds.event.resultsHidden');
    case 'round.pin': {
      const version = (side: unknown) => {
        const pin = (side ?? {}) as { sector?: unknown; version?: unknown };
        const n = text(pin.version);
        return pin.sector === GENERIC_RUBRIC_KEY
          ? t('rounds.event.genericVersion', { n })
          : t('rounds.event.version', { n });
      };
      const sector = sectorName(lang, text(payload.sector));
      const after = version(payload.after);
      // Before sector groups were frozen (migration 0005), pinning the same version again took
      // on the entries whose sector had changed.
      return JSON.stringify(payload.before) === JSON.stringify(payload.after)
        ? t('rounds.event.repin', { sector, n: text(payload.sector_changed_entries), after })
        : t('rounds.event.pin', { sector, before: version(payload.before), after });
    }
    case 'round.regroup': {
      const moves = Array.isArray(payload.entries)
        ? (payload.entries as Array<Record<string, unknown>>)
        : [];
      const listed = moves.slice(0, LISTED_MOVES).map((move) =>
        t('rounds.event.regroupMove', {
          entry: text(move.entry_id),
          from: sectorName(lang, text(move.from)),
          to: sectorName(lang, text(move.to)),
        }),
      );
      if (moves.length > listed.length) listed.push('…');
      return t('rounds.event.regroup', {
        n: moves.length,
        moves: listed.join(pick(lang, '、', ', ')),
      });
    }
    case 'assignment.run': {
      // The parts that are nothing (none released, no entry short) are left out.
      const released = typeof payload.released === 'number' ? payload.released : 0;
      const short = Array.isArray(payload.unassigned) ? payload.unassigned.length : 0;
      return [
        t('rounds.event.assign', { per: text(payload.per_entry), added: text(payload.added) }),
        ...(released > 0 ? [t('rounds.event.assignReleased', { n: released })] : []),
        ...(short > 0 ? [t('rounds.event.assignShort', { n: short })] : []),
      ].join(pick(lang, '，', ', '));
    }
    case 'assignment.lock': {
      const n = Array.isArray(payload.entries) ? payload.entries.length : 0;
      return t(payload.locked === true ? 'rounds.event.assignLock' : 'rounds.event.assignUnlock', {
        n,
      });
    }
    case 'panel.set': {
      const reviewers = Array.isArray(payload.reviewers) ? payload.reviewers.length : 0;
      return reviewers === 0
        ? t('rounds.event.panelEveryone')
        : t('rounds.event.panel', { n: reviewers });
    }
    default:
      return event.action;
  }
}
