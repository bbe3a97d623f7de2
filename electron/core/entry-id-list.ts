// A list of entry ids as organisers paste or save it: one id per line (or several separated by
// commas, 、 or spaces), or a CSV whose header names the id column (entry_id, 项目编号 …); and
// how a listed id finds its entry.
import { normaliseCode } from './entries/normalise';

const ID_HEADERS = ['entry_id', 'id', '项目编号', '参赛编号', '候选编号', '编号'];

/** Splits one CSV line into cells; quotes may wrap a cell and "" is a quote inside one. */
function csvCells(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line.charAt(i);
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === delimiter) {
      cells.push(cell);
      cell = '';
    } else cell += char;
  }
  cells.push(cell);
  return cells.map((value) => value.trim());
}

/** The ids in `text`, in order, each once. */
export function parseEntryIdList(text: string): string[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n|\r/)
    .filter((line) => line.trim() !== '');
  const first = lines[0] ?? '';
  const delimiter = first.includes('\t') ? '\t' : ',';
  const header = csvCells(first, delimiter).map((cell) => cell.toLowerCase());
  const column = header.findIndex((cell) => ID_HEADERS.includes(cell));
  const ids =
    column >= 0
      ? lines.slice(1).map((line) => csvCells(line, delimiter)[column] ?? '')
      : lines.flatMap((line) => line.split(/[,，、;；\s]+/));
  return [...new Set(ids.map((id) => id.trim()).filter(Boolean))];
}

/**
 * The form in which a typed id is compared with the stored ones: as imports store ids
 * (full-width forms half-width, no spaces) and in one case, so b2025-0001 finds B2025-0001.
 */
export function entryIdKey(id: string): string {
  return normaliseCode(id).toUpperCase();
}

export interface EntryIdMatch<T> {
  /** The entries the ids name, in list order, each once. */
  found: T[];
  /** Ids that name no entry. */
  missing: string[];
  /** Ids that name no entry as stored and several once case is ignored (B1 and b1 both exist). */
  ambiguous: Array<{ id: string; entry_ids: string[] }>;
}

/**
 * Finds the entries a list of ids names: an id as stored first, else the one entry whose id
 * reads the same ignoring case and width.
 */
export function matchEntryIds<T extends { entry_id: string }>(
  ids: readonly string[],
  entries: readonly T[],
): EntryIdMatch<T> {
  const exact = new Map(entries.map((entry) => [entry.entry_id, entry]));
  const byKey = new Map<string, T[]>();
  for (const entry of entries) {
    const key = entryIdKey(entry.entry_id);
    const same = byKey.get(key);
    if (same) same.push(entry);
    else byKey.set(key, [entry]);
  }
  const found = new Set<T>();
  const missing: string[] = [];
  const ambiguous: EntryIdMatch<T>['ambiguous'] = [];
  for (const id of new Set(ids.map((value) => value.trim()))) {
    const stored = exact.get(id);
    const named = stored ? [stored] : (byKey.get(entryIdKey(id)) ?? []);
    const [only, ...others] = named;
    if (!only) missing.push(id);
    else if (others.length === 0) found.add(only);
    else ambiguous.push({ id, entry_ids: named.map((entry) => entry.entry_id) });
  }
  return { found: [...found], missing, ambiguous };
}
