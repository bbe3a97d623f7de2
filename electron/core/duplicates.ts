// Near-identical submissions (issue 3, point 6): the same applicant sending the same case twice,
// often to different tracks. Pure. Entries are grouped by normalised applicant first, so only
// entries of one applicant are compared and 50,000 entries never cost all-pairs work.

/** A pair is flagged when its titles are at least this similar … */
export const TITLE_SIMILARITY_THRESHOLD = 0.8;
/** … or its summaries are (summaries are longer, so the bar is higher). */
export const SUMMARY_SIMILARITY_THRESHOLD = 0.9;

/** What the organiser decides of a suspected pair: two different cases, or one case twice. */
export const DUPLICATE_VERDICTS = ['distinct', 'same_case'] as const;
export type DuplicateVerdict = (typeof DUPLICATE_VERDICTS)[number];

/** Legal-form endings that vary between exports of the same organisation (full names first). */
const CHINESE_SUFFIXES = /(股份有限公司|有限责任公司|有限公司|股份公司|公司)$/u;
const LATIN_SUFFIXES =
  /(?:[\s,.]+(?:co|company|corp|corporation|inc|incorporated|limited|ltd|llc|gmbh))+[\s,.]*$/u;
/**
 * Spaces, punctuation and symbols (ASCII, Latin-1, general punctuation, arrows to dingbats, CJK
 * punctuation, full-width forms) as explicit ranges: several times faster than \p{L}/\p{N}
 * classes, which matters at 50,000 entries.
 */
const NOISE =
  /[\s!-/:-@[-`{-~\u00a0-\u00bf\u00d7\u00f7\u2000-\u206f\u2190-\u2bff\u3000-\u303f\ufe30-\ufe4f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]+/g;

/** Text for comparison: NFKC (full-width to half-width), lower case, no spaces or punctuation. */
function normaliseForSimilarity(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(NOISE, '');
}

/**
 * Per UTF-16 code unit (the fast table), what normaliseForSimilarity makes of it, for the units
 * it maps on their own whatever surrounds them: 0 when dropped, else the one unit it becomes
 * (Ａ → a). FAST_OTHER marks the others (combining marks, ligatures, surrogates …), whose
 * text takes the slow path.
 * ASCII, punctuation, CJK ideographs and full-width forms — nearly all of what entries hold —
 * are then compared without allocating a normalised copy of each text.
 */
const FAST_OTHER = 0xffff;
const FAST_RANGES: Array<[number, number]> = [
  [0x0000, 0x00ff],
  [0x2000, 0x206f],
  [0x3000, 0x303f],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  // Not the half-width katakana after U+FF65: their voicing marks join the kana before them.
  [0xff01, 0xff65],
];
/** The two tables, built on first use: the window imports this module for its thresholds. */
let unitTables: { fast: Uint16Array; normalised: Uint16Array } | null = null;

function tables(): { fast: Uint16Array; normalised: Uint16Array } {
  if (unitTables) return unitTables;
  const fast = new Uint16Array(0x10000).fill(FAST_OTHER);
  for (const [from, to] of FAST_RANGES) {
    for (let unit = from; unit <= to; unit++) {
      const mapped = normaliseForSimilarity(String.fromCharCode(unit));
      if (mapped.length <= 1) fast[unit] = mapped.length === 0 ? 0 : mapped.charCodeAt(0);
    }
  }
  // Per code unit of normalised text: 0 for a space or punctuation (dropped), else itself;
  // U+FFFF, a noncharacter, is dropped too, as it stands for an unmapped unit.
  const normalised = new Uint16Array(0x10000);
  const noise = new RegExp(`^${NOISE.source}$`);
  for (let unit = 0; unit < FAST_OTHER; unit++) {
    if (!noise.test(String.fromCharCode(unit))) normalised[unit] = unit;
  }
  unitTables = { fast, normalised };
  return unitTables;
}

/**
 * The key entries of one applicant share: 华为技术有限公司, 华为技术股份有限公司, 华为 技术（有限公司）
 * collapse, as do ＨＵＡＷＥＩ Co., Ltd. and Huawei Inc. Brackets are dropped but not their content,
 * so 中国电信(重庆分公司) stays apart from 中国电信(湖南分公司).
 */
export function normaliseApplicant(name: string): string {
  const latinTrimmed = name.normalize('NFKC').toLowerCase().replace(LATIN_SUFFIXES, '');
  const key = latinTrimmed.replace(NOISE, '').replace(CHINESE_SUFFIXES, '');
  // A name that is nothing but a legal form keeps its compact form rather than matching all.
  return key || normaliseForSimilarity(name);
}

/** A text's bigrams: a sorted slice of the group's gram pool. */
interface Profile {
  start: number;
  end: number;
  /** Code units of the normalised text: a text of one is compared by that unit alone. */
  units: number;
  first: number;
}

/**
 * Bigrams of UTF-16 code units, each packed in 32 bits, every text's sorted in place in one
 * buffer reused from group to group: a comparison is one merge pass, and 200,000 entries
 * allocate no array per text.
 */
class GramPool {
  grams = new Uint32Array(1 << 12);
  length = 0;

  reset(): void {
    this.length = 0;
  }

  profile(raw: string | null): Profile | null {
    if (raw === null) return null;
    const { fast, normalised } = tables();
    // Most texts map unit by unit; one that has a unit the fast table does not map is read
    // again from its normalised copy.
    return (
      this.read(raw, fast) ?? this.read(raw.normalize('NFKC').toLowerCase(), normalised) ?? null
    );
  }

  /**
   * The profile of the units of `text` as `table` maps them; null for text that maps to
   * nothing, undefined when `table` does not map one of its units.
   */
  private read(text: string, table: Uint16Array): Profile | null | undefined {
    if (this.grams.length - this.length < text.length) this.grow(text.length);
    const start = this.length;
    let units = 0;
    let first = 0;
    let previous = 0;
    for (let i = 0; i < text.length; i++) {
      const unit = table[text.charCodeAt(i)] ?? FAST_OTHER;
      if (unit === FAST_OTHER) {
        this.length = start;
        return undefined;
      }
      if (unit === 0) continue;
      if (units === 0) first = unit;
      else this.grams[this.length++] = ((previous << 16) | unit) >>> 0;
      previous = unit;
      units += 1;
    }
    if (units === 0) return null;
    sortRange(this.grams, start, this.length);
    return { start, end: this.length, units, first };
  }

  /** Makes room for `more` grams. */
  private grow(more: number): void {
    const grown = new Uint32Array(Math.max(this.grams.length * 2, this.length + more));
    grown.set(this.grams.subarray(0, this.length));
    this.grams = grown;
  }
}

/** Sorts grams[from, to): by insertion when short (most titles), natively otherwise. */
function sortRange(grams: Uint32Array, from: number, to: number): void {
  if (to - from > 48) {
    grams.subarray(from, to).sort();
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const gram = grams[i] ?? 0;
    let j = i - 1;
    while (j >= from && (grams[j] ?? 0) > gram) {
      grams[j + 1] = grams[j] ?? 0;
      j -= 1;
    }
    grams[j + 1] = gram;
  }
}

/**
 * Sørensen–Dice coefficient over character bigrams (counted with multiplicity): word-free, so it
 * suits Chinese, where words are not separated. Texts of one character compare by equality.
 * With `atLeast`, the merge stops as soon as the grams left cannot reach it, and gives -1: most
 * pairs of a group are far apart, and this is where the check spends its time.
 */
function dice(grams: Uint32Array, a: Profile, b: Profile, atLeast = 0): number {
  if (a.units === 1 && b.units === 1) return a.first === b.first ? 1 : 0;
  const total = a.end - a.start + (b.end - b.start);
  if (total === 0) return 0;
  const needed = atLeast * total;
  let shared = 0;
  for (let i = a.start, j = b.start; i < a.end && j < b.end;) {
    const x = grams[i] ?? 0;
    const y = grams[j] ?? 0;
    if (x === y) {
      shared += 1;
      i += 1;
      j += 1;
    } else {
      if (x < y) i += 1;
      else j += 1;
      if (2 * (shared + Math.min(a.end - i, b.end - j)) < needed) return -1;
    }
  }
  return (2 * shared) / total;
}

/** The highest Dice two profiles could reach given their sizes alone: skips hopeless pairs. */
function diceBound(a: Profile, b: Profile): number {
  const x = a.end - a.start;
  const y = b.end - b.start;
  return x + y === 0 ? 0 : (2 * Math.min(x, y)) / (x + y);
}

/** Similarities are reported to three decimals (shown as percentages). */
const round = (value: number) => Math.round(value * 1000) / 1000;

/** What the grouping needs of an entry. */
export interface ApplicantEntry {
  id: number;
  programme: string;
  applicant: string;
}

export interface DuplicateCandidate extends ApplicantEntry {
  title: string;
  summary: string | null;
  track: string | null;
}

export interface DuplicateMatch<T> {
  /** The entry stored first (lower id). */
  a: T;
  b: T;
  title_similarity: number;
  /** Null when either entry has no summary. */
  summary_similarity: number | null;
  same_track: boolean;
}

/**
 * Entries by programme and normalised applicant, added one by one (a caller may read them in
 * parts). Only entries of one group are ever compared.
 */
export class ApplicantGroups<T extends ApplicantEntry> {
  private readonly groups = new Map<string, T[]>();
  /** Applicant names repeat (every entry of a group spells it so, mostly): normalised once. */
  private readonly keys = new Map<string, string>();

  add(entry: T): void {
    let applicant = this.keys.get(entry.applicant);
    if (applicant === undefined) {
      applicant = normaliseApplicant(entry.applicant);
      this.keys.set(entry.applicant, applicant);
    }
    if (!applicant) return;
    const key = `${entry.programme}\u0000${applicant}`;
    const group = this.groups.get(key);
    if (group) group.push(entry);
    else this.groups.set(key, [entry]);
  }

  /** The groups of two entries or more, each ordered by id. */
  *shared(): Generator<T[]> {
    for (const group of this.groups.values()) {
      if (group.length > 1) yield group.sort((x, y) => x.id - y.id);
    }
  }
}

interface Prepared<T> {
  entry: T;
  title: Profile | null;
  summary: Profile | null;
}

const pool = new GramPool();

/** The nearly identical pairs among one group's entries (ordered by id, as `shared` gives). */
export function groupDuplicates<T extends DuplicateCandidate>(
  group: readonly T[],
): DuplicateMatch<T>[] {
  pool.reset();
  const prepared: Prepared<T>[] = group.map((entry) => ({
    entry,
    title: pool.profile(entry.title),
    summary: pool.profile(entry.summary),
  }));
  const matches: DuplicateMatch<T>[] = [];
  const check = (i: number, j: number) => {
    const a = prepared[i];
    const b = prepared[j];
    const match = a && b ? compare(pool.grams, a, b) : null;
    if (match) matches.push(match);
  };
  if (prepared.length <= ALL_PAIRS_UP_TO) {
    for (let i = 0; i < prepared.length; i++) {
      for (let j = i + 1; j < prepared.length; j++) check(i, j);
    }
    return matches;
  }
  // Pairs that may reach a threshold share an element of their prefixes (see prefixes): an
  // entry is compared with the earlier entries holding one of its prefix elements, each once.
  const titleKeys = prefixes(
    prepared.map((p) => p.title),
    TITLE_SIMILARITY_THRESHOLD,
  );
  const summaryKeys = prefixes(
    prepared.map((p) => p.summary),
    SUMMARY_SIMILARITY_THRESHOLD,
  );
  const titleHolders = new Map<number, number[]>();
  const summaryHolders = new Map<number, number[]>();
  const comparedWith = new Int32Array(prepared.length).fill(-1);
  const compareHolders = (j: number, keys: number[], holders: Map<number, number[]>) => {
    for (const key of keys) {
      const earlier = holders.get(key);
      if (!earlier) {
        holders.set(key, [j]);
        continue;
      }
      for (const i of earlier) {
        if (comparedWith[i] === j) continue;
        comparedWith[i] = j;
        check(i, j);
      }
      earlier.push(j);
    }
  };
  for (let j = 0; j < prepared.length; j++) {
    compareHolders(j, titleKeys[j] ?? [], titleHolders);
    compareHolders(j, summaryKeys[j] ?? [], summaryHolders);
  }
  return matches;
}

/**
 * Groups up to this size compare every pair; larger ones (an applicant with hundreds of
 * entries) compare only the pairs that prefix filtering leaves.
 */
const ALL_PAIRS_UP_TO = 16;

/**
 * Each text's prefix for prefix filtering (as in set-similarity joins). Every occurrence of a
 * gram is an element (Dice counts grams with multiplicity), and elements are ordered rarest in
 * the group first. Two texts reaching Dice `threshold` share at least α = ⌈t·|x| / (2 − t)⌉
 * elements however long the other text is (Dice ≤ 2·min / (|x| + |y|)), so their first
 * |x| − α + 1 elements have one in common: texts whose prefixes share nothing never match.
 */
function prefixes(profiles: Array<Profile | null>, threshold: number): number[][] {
  const elements = profiles.map((profile) => {
    const keys: number[] = [];
    if (!profile) return keys;
    for (let i = profile.start, occurrence = 0; i < profile.end; i++) {
      const gram = pool.grams[i] ?? 0;
      occurrence = i > profile.start && pool.grams[i - 1] === gram ? occurrence + 1 : 0;
      keys.push(gram * 1024 + Math.min(occurrence, 1023));
    }
    return keys;
  });
  const frequency = new Map<number, number>();
  for (const keys of elements) {
    for (const key of keys) frequency.set(key, (frequency.get(key) ?? 0) + 1);
  }
  return elements.map((keys) => {
    keys.sort((x, y) => (frequency.get(x) ?? 0) - (frequency.get(y) ?? 0) || x - y);
    // The small margin keeps a product like 10.000000000000002 from rounding up to 11.
    const shared = Math.ceil((threshold * keys.length) / (2 - threshold) - 1e-9);
    return keys.slice(0, keys.length - shared + 1);
  });
}

const strongest = (match: DuplicateMatch<unknown>) =>
  Math.max(match.title_similarity, match.summary_similarity ?? 0);

/** The order pairs are listed in: most similar first, then by the entries' ids. */
export function byStrength<T extends { id: number }>(
  x: DuplicateMatch<T>,
  y: DuplicateMatch<T>,
): number {
  return strongest(y) - strongest(x) || x.a.id - y.a.id || x.b.id - y.b.id;
}

/**
 * Pairs of entries of the same programme and applicant whose titles or summaries are nearly the
 * same, most similar first.
 */
export function findDuplicates<T extends DuplicateCandidate>(
  entries: Iterable<T>,
): DuplicateMatch<T>[] {
  const groups = new ApplicantGroups<T>();
  for (const entry of entries) groups.add(entry);
  const matches: DuplicateMatch<T>[] = [];
  for (const group of groups.shared()) matches.push(...groupDuplicates(group));
  return matches.sort(byStrength);
}

function compare<T extends DuplicateCandidate>(
  grams: Uint32Array,
  a: Prepared<T>,
  b: Prepared<T>,
): DuplicateMatch<T> | null {
  const titles = a.title && b.title ? { a: a.title, b: b.title } : null;
  const summaries = a.summary && b.summary ? { a: a.summary, b: b.summary } : null;
  const titleMayMatch =
    titles !== null && diceBound(titles.a, titles.b) >= TITLE_SIMILARITY_THRESHOLD;
  const summaryMayMatch =
    summaries !== null && diceBound(summaries.a, summaries.b) >= SUMMARY_SIMILARITY_THRESHOLD;
  if (!titleMayMatch && !summaryMayMatch) return null;
  // Each similarity is measured in full only once the pair is known to match on one of them.
  let title = titleMayMatch ? dice(grams, titles.a, titles.b, TITLE_SIMILARITY_THRESHOLD) : -1;
  let summary: number | null = null;
  if (title < 0) {
    if (!summaryMayMatch) return null;
    summary = dice(grams, summaries.a, summaries.b, SUMMARY_SIMILARITY_THRESHOLD);
    if (summary < 0) return null;
    title = titles ? dice(grams, titles.a, titles.b) : 0;
  } else if (summaries) {
    summary = dice(grams, summaries.a, summaries.b);
  }
  return {
    a: a.entry,
    b: b.entry,
    title_similarity: round(title),
    summary_similarity: summary === null ? null : round(summary),
    same_track:
      normaliseForSimilarity(a.entry.track ?? '') === normaliseForSimilarity(b.entry.track ?? ''),
  };
}
