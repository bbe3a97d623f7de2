// The little XML reading XLSX parts need. Only linear scans (regexes without unbounded lazy
// matches, indexOf), so a damaged file cannot make the reader crawl.

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function codePoint(n: number): string {
  return Number.isInteger(n) && n >= 0 && n <= 0x10ffff && (n < 0xd800 || n > 0xdfff)
    ? String.fromCodePoint(n)
    : '\uFFFD';
}

/** Text content: XML entities, then OOXML's _xHHHH_ escapes (_x000D_ is a carriage return). */
export function decodeXml(text: string): string {
  let out = text;
  if (out.includes('&')) {
    out = out.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (whole, ref: string) => {
      if (ref.startsWith('#x') || ref.startsWith('#X'))
        return codePoint(parseInt(ref.slice(2), 16));
      if (ref.startsWith('#')) return codePoint(parseInt(ref.slice(1), 10));
      return ENTITIES[ref] ?? whole;
    });
  }
  if (out.includes('_x')) {
    out = out.replace(/_x([0-9a-f]{4})_/gi, (_, hex: string) => codePoint(parseInt(hex, 16)));
  }
  return out;
}

/** Attributes of a start tag's inside, by local name (r:id → id) and by full name. */
export function attributes(tag: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of tag.matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const full = m[1] ?? '';
    const value = decodeXml(m[2] ?? m[3] ?? '');
    attrs.set(full, value);
    const colon = full.indexOf(':');
    if (colon >= 0 && full.slice(0, colon) !== 'xmlns') {
      const local = full.slice(colon + 1);
      if (!attrs.has(local)) attrs.set(local, value);
    }
  }
  return attrs;
}

/** Start tags (and empty-element tags) with the local name `name`, in order. */
export function* startTags(xml: string, name: string): Generator<Map<string, string>> {
  const re = new RegExp(`<(?:[\\w.-]+:)?${name}(?=[\\s/>])([^>]*)>`, 'g');
  for (const m of xml.matchAll(re)) yield attributes(m[1] ?? '');
}

/** The inside of the first element `name`, or null. */
export function elementText(xml: string, name: string): string | null {
  const open = new RegExp(`<((?:[\\w.-]+:)?)${name}(?=[\\s/>])[^>]*?(/?)>`).exec(xml);
  if (!open) return null;
  if (open[2] === '/') return '';
  const start = open.index + open[0].length;
  const end = xml.indexOf(`</${open[1] ?? ''}${name}>`, start);
  return end < 0 ? null : xml.slice(start, end);
}

/**
 * The visible text of rich or plain string markup (<si>, <is>): every <t>, except phonetic
 * guides (<rPh>), which Excel does not show.
 */
export function stringText(xml: string): string {
  let text = '';
  let phonetic = 0;
  for (const m of xml.matchAll(/<(\/?)(?:[\w.-]+:)?(rPh|t)(?=[\s/>])([^>]*)>([^<]*)/g)) {
    const closing = m[1] === '/';
    const selfClosing = (m[3] ?? '').endsWith('/');
    if (m[2] === 'rPh') {
      if (!selfClosing) phonetic = Math.max(0, phonetic + (closing ? -1 : 1));
    } else if (!closing && !selfClosing && phonetic === 0) {
      text += m[4] ?? '';
    }
  }
  return decodeXml(text);
}

/**
 * Each <si> of a shared-strings part as text. One pass over the part: <si> opens a string, <t>
 * adds to it unless inside <rPh>, </si> closes it.
 */
export function sharedStrings(xml: string): string[] {
  const strings: string[] = [];
  let current: string | null = null;
  let phonetic = 0;
  for (const m of xml.matchAll(/<(\/?)(?:[\w.-]+:)?(si|rPh|t)(?=[\s/>])([^>]*)>([^<]*)/g)) {
    const closing = m[1] === '/';
    const selfClosing = (m[3] ?? '').endsWith('/');
    switch (m[2]) {
      case 'si':
        if (closing) {
          strings.push(decodeXml(current ?? ''));
          current = null;
        } else if (selfClosing) strings.push('');
        else {
          current = '';
          phonetic = 0;
        }
        break;
      case 'rPh':
        if (!selfClosing) phonetic = Math.max(0, phonetic + (closing ? -1 : 1));
        break;
      default:
        if (!closing && !selfClosing && phonetic === 0 && current !== null) current += m[4] ?? '';
    }
  }
  return strings;
}
