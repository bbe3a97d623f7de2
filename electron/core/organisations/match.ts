// Whether two organisation names are one unit, or one belongs to the other (issue 12, 回避).
// Pure; each finding says in Chinese and English which names matched and why.
import type { OrganisationGroup } from './groups';
import { type OrganisationKey, organisationKey } from './key';

/** Why two names are taken for one organisation, in both languages. */
export interface OrganisationMatch {
  rule: 'same_unit' | 'belongs_to';
  zh: string;
  en: string;
}

/** A conflict of an expert's organisation with one of an entry's organisations. */
export interface OrganisationConflict extends OrganisationMatch {
  expertOrganisation: string;
  entryOrganisation: string;
}

/** Where a unit is (江苏苏州), or '' for the whole organisation. */
const where = (key: OrganisationKey, separator: string): string =>
  [key.province, key.city].filter((part) => part !== null).join(separator);

/**
 * One location holds the other: no place (the whole organisation) holds every unit, a province
 * holds its cities. Two provinces, or two cities, are different units (中国移动江苏 ≠ 中国移动浙江).
 */
function nested(a: OrganisationKey, b: OrganisationKey): boolean {
  if (a.province !== null && b.province !== null && a.province !== b.province) return false;
  return a.city === null || b.city === null || a.city === b.city;
}

/**
 * The two keys with one core name, or null when their cores differ. 苏州恒安精密 meets
 * 恒安精密（苏州）: its leading place then locates it like the other's bracketed place does.
 */
function aligned(
  a: OrganisationKey,
  b: OrganisationKey,
): [OrganisationKey, OrganisationKey] | null {
  if (a.core === b.core) return [a, b];
  if (a.group || b.group) return null;
  const located = (x: OrganisationKey, y: OrganisationKey): OrganisationKey | null => {
    const leading = x.leadingPlace;
    if (leading === null || leading.rest !== y.core) return null;
    if (!y.places.some((place) => place.name === leading.place.name)) return null;
    const city = leading.place.kind === 'city' ? leading.place.name : null;
    return { ...x, core: y.core, places: [leading.place], province: leading.place.province, city };
  };
  const aLocated = located(a, b);
  if (aLocated) return [aLocated, b];
  const bLocated = located(b, a);
  return bLocated ? [a, bLocated] : null;
}

/** How two keys match, or null when they are different organisations. */
export function matchKeys(
  first: OrganisationKey,
  second: OrganisationKey,
): OrganisationMatch | null {
  const pair = aligned(first, second);
  if (!pair || !nested(...pair)) return null;
  const [a, b] = pair;
  const sameUnit = a.province === b.province && a.city === b.city;
  if (sameUnit) {
    const zhPlace = where(a, '') ? `，${where(a, '')}` : '';
    const enPlace = where(a, ' ') ? `, ${where(a, ' ')}` : '';
    return {
      rule: 'same_unit',
      zh: `「${a.name}」与「${b.name}」是同一单位（${a.core}${zhPlace}）`,
      en: `"${a.name}" and "${b.name}" are the same organisation (${a.core}${enPlace})`,
    };
  }
  // The narrower location is the unit: a city within its province, a province within the whole.
  const depth = (key: OrganisationKey): number =>
    key.city !== null ? 2 : key.province !== null ? 1 : 0;
  const [unit, whole] = depth(a) > depth(b) ? [a, b] : [b, a];
  const [zhWhy, enWhy] = where(whole, '')
    ? [
        `${where(unit, '')}在${where(whole, '')}之内`,
        `${where(unit, ' ')} is within ${where(whole, ' ')}`,
      ]
    : [
        `${where(unit, '')}的单位属于整个${a.core}`,
        `its ${where(unit, ' ')} unit is part of the whole ${a.core}`,
      ];
  return {
    rule: 'belongs_to',
    zh: `「${unit.name}」属于「${whole.name}」（同为${a.core}，${zhWhy}）`,
    en: `"${unit.name}" belongs to "${whole.name}" (both ${a.core}; ${enWhy})`,
  };
}

/** Whether two names are one organisation or one belongs to the other; null when not. */
export function sameOrganisation(
  a: string,
  b: string,
  extraGroups: readonly OrganisationGroup[] = [],
): OrganisationMatch | null {
  return matchKeys(organisationKey(a, extraGroups), organisationKey(b, extraGroups));
}

/** The first of an entry's organisations (applicant, partners) the expert's organisation matches. */
export function conflictBetween(
  expertOrganisation: string,
  entryOrganisations: readonly string[],
  extraGroups: readonly OrganisationGroup[] = [],
): OrganisationConflict | null {
  const expert = organisationKey(expertOrganisation, extraGroups);
  for (const entryOrganisation of entryOrganisations) {
    const match = matchKeys(expert, organisationKey(entryOrganisation, extraGroups));
    if (match) return { ...match, expertOrganisation, entryOrganisation };
  }
  return null;
}
