// Near-identical submissions (issue 3, point 6): the same applicant sending the same case twice,
// often to different tracks. Pure. Entries are grouped by normalised applicant first, so only
// entries of one applicant are compared and 50,000 entries never cost all-pairs work.

/** A pair is flagged when its titles are at least this similar … */
export const TITLE_SIMILARITY_THRESHOLD = 0.8;
/** … or its summaries are (summaries are longer, so the bar is higher). */
export const SUMMARY_SIMILARITY_THRESHOLD = 0.9;

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

/**
 * Bigrams of UTF-16 code units, each packed in 32 bits and sorted, so a comparison is one merge
 * pass (a typed array sorts natively, which keeps 50,000 entries fast).
 */
function bigrams(text: string): Uint32Array {
  const grams = new Uint32Array(Math.max(0, text.length - 1));
  for (let i = 1; i < text.length; i++) {
    grams[i - 1] = ((text.charCodeAt(i - 1) << 16) | text.charCodeAt(i)) >>> 0;
  }
  return grams.sort();
}

interface Profile {
  text: string;
  grams: Uint32Array;
}

function profile(raw: string | null): Profile | null {
  const text = raw === null ? '' : normaliseForSimilarity(raw);
  return text ? { text, grams: bigrams(text) } : null;
}

/**
 * Sørensen–Dice coefficient over character bigrams (counted with multiplicity): word-free, so it
 * suits Chinese, where words are not separated. Texts of one character compare by equality.
 */
function dice(a: Profile, b: Profile): number {
  if (a.text === b.text) return 1;
  const total = a.grams.length + b.grams.length;
  if (total === 0) return 0;
  let shared = 0;
  for (let i = 0, j = 0; i < a.grams.length && j < b.grams.length;) {
    const x = a.grams[i] ?? 0;
    const y = b.grams[j] ?? 0;
    if (x === y) {
      shared += 1;
      i += 1;
      j += 1;
    } else if (x < y) i += 1;
    else j += 1;
  }
  return (2 * shared) / total;
}

/** The highest Dice two profiles could reach given their sizes alone: skips hopeless pairs. */
function diceBound(a: Profile, b: Profile): number {
  const total = a.grams.length + b.grams.length;
  return total === 0 ? 0 : (2 * Math.min(a.grams.length, b.grams.length)) / total;
}

/** Similarities are reported to three decimals (shown as percentages). */
const round = (value: number) => Math.round(value * 1000) / 1000;

export interface DuplicateCandidate {
  id: number;
  programme: string;
  applicant: string;
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

interface Prepared<T> {
  entry: T;
  title: Profile | null;
  summary: Profile | null;
  track: string;
}

/**
 * Pairs of entries of the same programme and applicant whose titles or summaries are nearly the
 * same, most similar first.
 */
export function findDuplicates<T extends DuplicateCandidate>(
  entries: Iterable<T>,
): DuplicateMatch<T>[] {
  const groups = new Map<string, T[]>();
  for (const entry of entries) {
    const applicant = normaliseApplicant(entry.applicant);
    if (!applicant) continue;
    const key = `${entry.programme}\u0000${applicant}`;
    const group = groups.get(key);
    if (group) group.push(entry);
    else groups.set(key, [entry]);
  }

  const matches: DuplicateMatch<T>[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const prepared: Prepared<T>[] = group
      .sort((x, y) => x.id - y.id)
      .map((entry) => ({
        entry,
        title: profile(entry.title),
        summary: profile(entry.summary),
        track: normaliseForSimilarity(entry.track ?? ''),
      }));
    for (let i = 0; i < prepared.length; i++) {
      const a = prepared[i];
      if (!a) continue;
      for (let j = i + 1; j < prepared.length; j++) {
        const b = prepared[j];
        if (!b) continue;
        const match = compare(a, b);
        if (match) matches.push(match);
      }
    }
  }
  const strongest = (m: DuplicateMatch<T>) =>
    Math.max(m.title_similarity, m.summary_similarity ?? 0);
  return matches.sort((x, y) => strongest(y) - strongest(x) || x.a.id - y.a.id || x.b.id - y.b.id);
}

function compare<T extends DuplicateCandidate>(
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
  const title = titles ? dice(titles.a, titles.b) : 0;
  const summary = summaries ? dice(summaries.a, summaries.b) : null;
  if (title < TITLE_SIMILARITY_THRESHOLD && (summary ?? 0) < SUMMARY_SIMILARITY_THRESHOLD) {
    return null;
  }
  return {
    a: a.entry,
    b: b.entry,
    title_similarity: round(title),
    summary_similarity: summary === null ? null : round(summary),
    same_track: a.track === b.track,
  };
}
