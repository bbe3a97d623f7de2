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

const TIME_FORMATS: Record<Lang, Intl.DateTimeFormat> = {
  'zh-CN': timeFormat('zh-CN'),
  'en-US': timeFormat('en-US'),
};

function timeFormat(lang: Lang): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(lang, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
}

/** A stored UTC ISO time as local date and time, the language's way (2025年6月1日 14:03). */
export function formatTime(lang: Lang, iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return TIME_FORMATS[lang].format(date);
}

/** Scores are shown with 2 decimals, rounded half up (SCORING.md). */
export function formatScore(value: number | null): string {
  if (value === null) return '—';
  return (Math.round(value * 100 + 1e-9) / 100).toFixed(2);
}
