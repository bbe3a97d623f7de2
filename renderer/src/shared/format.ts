// Display names for domain values in the current language.
import { STAGES, type Programme, type Stage } from '@core/domain';
import { PROGRAMME_NAMES } from '@core/vocabulary';
import { GENERIC_RUBRIC_KEY, isSectorKey, SECTOR_NAMES } from '@core/sectors';
import { pick, translate, type Lang } from './i18n';

export function sectorName(lang: Lang, sector: string | null): string {
  if (sector === null) return '';
  if (isSectorKey(sector)) return pick(lang, SECTOR_NAMES[sector].zh, SECTOR_NAMES[sector].en);
  if (sector === GENERIC_RUBRIC_KEY) return translate(lang, 'sector.generic');
  return sector;
}

export function programmeName(lang: Lang, programme: Programme): string {
  return translate(lang, `programme.${programme}`);
}

export function programmeFullName(lang: Lang, programme: Programme): string {
  return pick(lang, PROGRAMME_NAMES[programme].zh, PROGRAMME_NAMES[programme].en);
}

export function stageName(lang: Lang, stage: string | null): string {
  if (stage === null) return '';
  return (STAGES as readonly string[]).includes(stage)
    ? translate(lang, `stage.${stage as Stage}`)
    : stage;
}

/** A stored UTC ISO time as local date and time, e.g. 2025-06-01 14:03. */
export function formatTime(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Scores are shown with 2 decimals, rounded half up (SCORING.md). */
export function formatScore(value: number | null): string {
  if (value === null) return '—';
  return (Math.round(value * 100 + 1e-9) / 100).toFixed(2);
}
