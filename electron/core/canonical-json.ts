// JSON with sorted object keys, so the same data always hashes the same (audit chain, digests).
// Written out directly rather than as a sorted copy handed to JSON.stringify: a packet merge's
// audit event holds 5,000 reviews, and the copies were most of its cost. The text is the copy's:
// an object lists its index-like keys ("0", "12") first in numeric order, as JS enumerates them,
// then the others sorted.
export function canonicalJson(value: unknown): string {
  // JSON.stringify's answer for undefined, a function or a symbol at the top: no text at all.
  return written(value) as string;
}

function written(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) text += ',';
      text += written(value[i]) ?? 'null';
    }
    return `${text}]`;
  }
  // A class instance (a Date, a Map) or an object with its own toJSON: as the copy wrote it.
  const prototype = Object.getPrototypeOf(value) as unknown;
  if ((prototype !== Object.prototype && prototype !== null) || 'toJSON' in value) {
    return JSON.stringify(sortKeys(value));
  }
  const source = value as Record<string, unknown>;
  let text = '{';
  for (const key of keysInOrder(source)) {
    const item = written(source[key]);
    if (item === undefined) continue;
    if (text.length > 1) text += ',';
    text += `${JSON.stringify(key)}:${item}`;
  }
  return `${text}}`;
}

/** The keys of the sorted copy, in the order JS enumerates them: index-like ones first. */
function keysInOrder(source: Record<string, unknown>): string[] {
  const keys = Object.keys(source);
  // Own keys already list the index-like ones first, in numeric order; the rest is sorted here.
  let indices = 0;
  while (indices < keys.length && isIndex(keys[indices] ?? '')) indices++;
  return indices === 0 ? keys.sort() : [...keys.slice(0, indices), ...keys.slice(indices).sort()];
}

const isIndex = (key: string) => /^(?:0|[1-9]\d*)$/.test(key) && Number(key) < 4_294_967_295;

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const source = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(source)
        .sort()
        .filter((key) => source[key] !== undefined)
        .map((key) => [key, sortKeys(source[key])]),
    );
  }
  return value;
}
