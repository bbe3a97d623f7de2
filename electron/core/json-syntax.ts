// Where a JSON text breaks: an offset, and the line and column an organiser finds in an editor.
// JSON.parse's messages do not always say where ("Unexpected token '“'"), and they are the
// engine's English words: people read ours instead.

/**
 * The character offset of the first syntax error in `text`, or -1 if it is valid JSON.
 * JSON.parse's messages do not always give one. Iterative, so deep nesting cannot overflow.
 */
export function jsonErrorOffset(text: string): number {
  const n = text.length;
  const stack: string[] = [];
  let i = 0;
  let expect: 'value' | 'value_or_end' | 'key' | 'key_or_end' | 'colon' | 'after' = 'value';
  const literal = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
  const string = (): boolean => {
    for (i++; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return false;
          i += 5;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
        else return false;
      }
    }
    return false;
  };
  for (;;) {
    while (i < n && ' \t\n\r'.includes(text.charAt(i))) i++;
    if (i >= n) return expect === 'after' && stack.length === 0 ? -1 : n;
    const c = text.charAt(i);
    switch (expect) {
      case 'value_or_end':
      case 'value':
        if (expect === 'value_or_end' && c === ']') {
          stack.pop();
          i++;
          expect = 'after';
        } else if (c === '{' || c === '[') {
          stack.push(c);
          i++;
          expect = c === '{' ? 'key_or_end' : 'value_or_end';
        } else if (c === '"') {
          if (!string()) return Math.min(i, n);
          expect = 'after';
        } else {
          literal.lastIndex = i;
          if (!literal.test(text)) return i;
          i = literal.lastIndex;
          expect = 'after';
        }
        break;
      case 'key_or_end':
      case 'key':
        if (expect === 'key_or_end' && c === '}') {
          stack.pop();
          i++;
          expect = 'after';
        } else if (c === '"') {
          if (!string()) return Math.min(i, n);
          expect = 'colon';
        } else return i;
        break;
      case 'colon':
        if (c !== ':') return i;
        i++;
        expect = 'value';
        break;
      case 'after': {
        const top = stack.at(-1);
        if (top === undefined) return i;
        if (c === ',') expect = top === '{' ? 'key' : 'value';
        else if ((top === '{' && c === '}') || (top === '[' && c === ']')) stack.pop();
        else return i;
        i++;
        break;
      }
    }
  }
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

/**
 * A JSON document's text as JSON (a leading BOM dropped), or where its syntax breaks, in both
 * languages: a rubric, a column mapping.
 */
export function parseJsonText(
  text: string,
): { ok: true; json: unknown } | { ok: false; reason: { zh: string; en: string } } {
  const body = text.replace(/^\uFEFF/, '');
  try {
    return { ok: true, json: JSON.parse(body) as unknown };
  } catch {
    const offset = jsonErrorOffset(body);
    if (offset < 0 || offset >= body.trimEnd().length) {
      return { ok: false, reason: { zh: '内容为空或不完整', en: 'it is empty or cut off' } };
    }
    const { line, column } = lineAndColumn(body, offset);
    return {
      ok: false,
      reason: {
        zh: `第 ${line} 行第 ${column} 列附近有语法错误`,
        en: `syntax error near line ${line}, column ${column}`,
      },
    };
  }
}
