// Naming sector groups and the rubric version a round pins for each: the same words and the same
// choice for the window, the CLI and the services.
import type { RubricVersion } from './domain';
import { SailError } from './errors';
import {
  GENERIC_RUBRIC_KEY,
  isSectorKey,
  sectorFromLabel,
  sectorName,
  SECTOR_NAMES,
} from './sectors';

/** A sector group as people read it: 工厂 in Chinese, its key (what the CLI takes) in English. */
export function sectorLabel(sector: string): { zh: string; en: string } {
  return { zh: sectorName(sector).zh, en: sector };
}

/** Sector keys from keys or Chinese names (工厂); an unknown one is refused, listing them all. */
export function sectorKeys(labels: string[]): string[] {
  return labels.map((label) => {
    const key = isSectorKey(label) ? label : sectorFromLabel(label);
    if (!key) {
      throw new SailError(
        'unknown_sector',
        `未知的领域“${label}”。可用领域：${Object.entries(SECTOR_NAMES)
          .map(([k, n]) => `${n.zh}（${k}）`)
          .join('、')}`,
        `Unknown sector "${label}". Sectors: ${Object.keys(SECTOR_NAMES).join(', ')}`,
      );
    }
    return key;
  });
}

/**
 * A rubric named by version: that version of the sector's own rubric, 'generic' (the newest
 * generic version) or 'latest' (the sector's own newest).
 */
export type RubricChoice = number | 'generic' | 'latest';

/** The group a round pins under, from a sector key, its Chinese name (工厂) or 'generic'. */
export function groupKey(label: string): string {
  return label === GENERIC_RUBRIC_KEY ? label : (sectorKeys([label])[0] ?? label);
}

/** The version a choice names for a sector group, among the project's versions. */
export function chooseRubric<R extends RubricVersion>(
  versions: R[],
  group: string,
  choice: RubricChoice,
): R {
  const sector = choice === 'generic' ? GENERIC_RUBRIC_KEY : group;
  const own = versions.filter((r) => r.sector === sector).sort((a, b) => a.version - b.version);
  const rubric = typeof choice === 'number' ? own.find((r) => r.version === choice) : own.at(-1);
  if (rubric) return rubric;
  const label = sectorLabel(sector);
  if (own.length === 0) {
    const generic = sector === GENERIC_RUBRIC_KEY;
    throw new SailError(
      'rubric_missing',
      `项目中没有“${label.zh}”的评分细则。${generic ? '请先导入通用评分细则。' : '请先导入，或改用通用评分细则（generic）。'}`,
      `The project has no ${label.en} rubric. ${generic ? 'Import the generic rubric first.' : 'Import one first, or use the generic one (generic).'}`,
    );
  }
  throw new SailError(
    'rubric_version_not_found',
    `“${label.zh}”的评分细则没有第 ${choice} 版。现有：${own.map((r) => `第 ${r.version} 版`).join('、')}。`,
    `The ${label.en} rubric has no version ${choice}. Versions: ${own.map((r) => r.version).join(', ')}.`,
  );
}
