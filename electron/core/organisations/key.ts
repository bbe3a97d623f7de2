// The normalised key of a Chinese organisation name (issue 12), so that 江苏移动,
// 中国移动通信集团江苏有限公司 and 中國移動通信集團江蘇有限公司 are recognised as one unit. Pure.
import { Converter } from 'opencc-js/t2cn';
import { DEFAULT_GROUPS, type OrganisationGroup } from './groups';
import { type Place, placeAtEnd, placeAtStart, placeNamed } from './places';

/** What a unit is within its organisation, from the word that ends its name. */
export type UnitKind = 'branch' | 'subsidiary' | 'office' | 'institute';

export interface OrganisationKey {
  /** The name as written. */
  name: string;
  /** The known group (中国移动), else the name without legal form, unit words and trailing places. */
  core: string;
  /** Whether core is a known group's name. */
  group: boolean;
  /** Places in the name, outermost first (江苏, 苏州); a leading place of a plain name is not one. */
  places: Place[];
  /** The province and city the unit sits in, when its name says so. */
  province: string | null;
  city: string | null;
  /** The unit word of the name (分公司 → branch), or null for the organisation itself. */
  unit: UnitKind | null;
  /** A plain name's leading place and the rest (苏州恒安精密 → 苏州, 恒安精密), to meet 恒安精密（苏州）. */
  leadingPlace: { place: Place; rest: string } | null;
}

/** Legal forms, longest first so 集团股份有限公司 goes in one step. */
const LEGAL_FORMS = [
  '集团股份有限公司',
  '集团有限责任公司',
  '集团有限公司',
  '股份有限公司',
  '有限责任公司',
  '有限公司',
  '股份公司',
  '集团公司',
  '总公司',
  '公司',
  '集团',
  '股份',
];
const UNITS: ReadonlyArray<[string, UnitKind]> = [
  ['分公司', 'branch'],
  ['子公司', 'subsidiary'],
  ['代表处', 'office'],
  ['办事处', 'office'],
  ['营业部', 'office'],
  ['分院', 'institute'],
];
/** Words that only say what a group's unit is (中国移动研究院), never a plain name's own. */
const GROUP_UNITS: ReadonlyArray<[string, UnitKind]> = [['研究院', 'institute']];

// Built when a name is first keyed: its dictionaries take tens of milliseconds, which every CLI
// command would otherwise pay at start.
let toSimplified: ((text: string) => string) | undefined;
/** Any bracket, after NFKC has made full-width ones half-width. */
const BRACKETS = /[([{【〔〖「『]([^)\]}】〕〗」』]*)[)\]}】〕〗」』]/gu;
/** Spaces and punctuation other than brackets: 中国移动 · 江苏 = 中国移动江苏. */
const NOISE = /[\s.,·・•\-—_'"“”‘’、,，。:：;；/\\&]+/gu;

/** NFKC (full/half width), traditional → simplified, lower case, no spaces or punctuation. */
function normalise(name: string): string {
  toSimplified ??= Converter({ from: 't', to: 'cn' });
  return toSimplified(name.normalize('NFKC')).toLowerCase().replace(NOISE, '');
}

function stripEnd(text: string, words: readonly string[]): string | null {
  for (const word of words) {
    if (text.length > word.length && text.endsWith(word)) return text.slice(0, -word.length);
  }
  return null;
}

interface CompiledGroup {
  group: OrganisationGroup;
  aliases: string[];
  localAliases: string[];
  unitWords: string[];
}

const compiled = new WeakMap<readonly OrganisationGroup[], CompiledGroup[]>();
function compile(groups: readonly OrganisationGroup[]): CompiledGroup[] {
  let result = compiled.get(groups);
  if (!result) {
    const longestFirst = (words: readonly string[] = []) =>
      words.map(normalise).sort((a, b) => b.length - a.length);
    result = groups.map((group) => ({
      group,
      aliases: longestFirst(group.aliases),
      localAliases: longestFirst(group.localAliases),
      unitWords: longestFirst(group.unitWords),
    }));
    compiled.set(groups, result);
  }
  return result;
}

/**
 * Reads what follows a group's alias: only places, legal forms, unit words and the group's own
 * words may follow (国网 江苏省 电力 有限公司 苏州 供电 分公司). Null when anything else does, so
 * 中国移动 does not swallow an unrelated 中国移动XX科技.
 */
function readGroupRest(
  rest: string,
  group: CompiledGroup,
): { places: Place[]; unit: UnitKind | null } | null {
  const places: Place[] = [];
  let unit: UnitKind | null = null;
  let text = rest;
  while (text.length > 0) {
    const place = placeAtStart(text);
    if (place) {
      places.push(place.place);
      text = text.slice(place.length);
      continue;
    }
    const word = [...LEGAL_FORMS, ...group.unitWords].find((w) => text.startsWith(w));
    if (word) {
      text = text.slice(word.length);
      continue;
    }
    const unitWord = [...UNITS, ...GROUP_UNITS].find(([w]) => text.startsWith(w));
    if (!unitWord) return null;
    unit = unitWord[1];
    text = text.slice(unitWord[0].length);
  }
  return { places, unit };
}

function matchGroup(
  text: string,
  groups: CompiledGroup[],
): { group: CompiledGroup; places: Place[]; unit: UnitKind | null } | null {
  for (const group of groups) {
    for (const alias of group.aliases) {
      if (!text.startsWith(alias)) continue;
      const rest = readGroupRest(text.slice(alias.length), group);
      if (rest) return { group, ...rest };
    }
  }
  // 江苏移动, 苏州联通: a local alias needs the place before it.
  const place = placeAtStart(text);
  if (!place) return null;
  const afterPlace = text.slice(place.length);
  for (const group of groups) {
    for (const alias of group.localAliases) {
      if (!afterPlace.startsWith(alias)) continue;
      const rest = readGroupRest(afterPlace.slice(alias.length), group);
      if (rest) return { group, places: [place.place, ...rest.places], unit: rest.unit };
    }
  }
  return null;
}

/** Province and city of a unit from its places; the innermost place wins. */
function locate(places: Place[]): { province: string | null; city: string | null } {
  let province: string | null = null;
  let city: string | null = null;
  for (const place of places) {
    province = place.province;
    if (place.kind === 'city') city = place.name;
  }
  return { province, city };
}

// The organiser's groups before the defaults (theirs win a shared alias), one array per array of
// theirs: compile keeps its work per array, so a fresh copy each call would redo it every time.
const merged = new WeakMap<readonly OrganisationGroup[], readonly OrganisationGroup[]>();
function withDefaults(extraGroups: readonly OrganisationGroup[]): readonly OrganisationGroup[] {
  if (extraGroups.length === 0) return DEFAULT_GROUPS;
  let groups = merged.get(extraGroups);
  if (!groups) {
    groups = [...extraGroups, ...DEFAULT_GROUPS];
    merged.set(extraGroups, groups);
  }
  return groups;
}

/**
 * The normalised key of an organisation name. `extraGroups` are the organiser's own aliases;
 * pass the same array each time (its compiled form is kept per array).
 */
export function organisationKey(
  name: string,
  extraGroups: readonly OrganisationGroup[] = [],
): OrganisationKey {
  const groups = compile(withDefaults(extraGroups));
  let text = normalise(name);
  const bracketPlaces: Place[] = [];
  // 恒安精密(苏州)有限公司: a place in brackets locates the unit, wherever it stands; (集团) is a
  // legal form and (中国) names the whole country, so both go; other bracketed words stay.
  text = text.replace(BRACKETS, (_all, inner: string) => {
    const place = placeNamed(inner);
    if (place) {
      bracketPlaces.push(place);
      return '';
    }
    return LEGAL_FORMS.includes(inner) || inner === '中国' ? '' : inner;
  });

  const grouped = matchGroup(text, groups);
  if (grouped) {
    const places = [...grouped.places, ...bracketPlaces];
    return {
      name,
      core: grouped.group.group.name,
      group: true,
      places,
      ...locate(places),
      unit: grouped.unit,
      leadingPlace: null,
    };
  }

  // A plain name: unit words, legal forms and places come off its end, in any order (the unit
  // word first, or 公司 would be taken off 分公司).
  const trailing: Place[] = [];
  let unit: UnitKind | null = null;
  for (;;) {
    const unitWord = UNITS.find(([word]) => text.length > word.length && text.endsWith(word));
    if (unitWord) {
      unit ??= unitWord[1];
      text = text.slice(0, -unitWord[0].length);
      continue;
    }
    const withoutForm = stripEnd(text, LEGAL_FORMS);
    if (withoutForm !== null) {
      text = withoutForm;
      continue;
    }
    const place = placeAtEnd(text);
    if (place && text.length - place.length >= 2) {
      trailing.unshift(place.place);
      text = text.slice(0, -place.length);
      continue;
    }
    break;
  }
  const places = [...trailing, ...bracketPlaces];
  const leading = placeAtStart(text);
  return {
    name,
    core: text,
    group: false,
    places,
    ...locate(places),
    unit,
    leadingPlace:
      leading && text.length - leading.length >= 2
        ? { place: leading.place, rest: text.slice(leading.length) }
        : null,
  };
}
