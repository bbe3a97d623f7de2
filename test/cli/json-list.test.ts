// `rank --json` writes its rows one at a time in chunks (cli/output.ts printJsonList); scripts
// read the text JSON.stringify lays out, so the two must agree byte for byte: on one line when
// stdout is a pipe or a file, indented when it is a terminal.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { printJson, printJsonList } from '../../electron/cli/output';

function written(print: () => void): string {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    print();
  } finally {
    spy.mockRestore();
  }
  return chunks.join('');
}

afterEach(() => vi.restoreAllMocks());

const onTerminal = (isTTY: boolean) => {
  const was = Object.getOwnPropertyDescriptor(process.stdout, 'isTTY');
  Object.defineProperty(process.stdout, 'isTTY', { value: isTTY, configurable: true });
  return () => {
    if (was) Object.defineProperty(process.stdout, 'isTTY', was);
    else delete (process.stdout as { isTTY?: boolean }).isTTY;
  };
};

describe('printJson', () => {
  it('indents for a terminal, and writes one line for a pipe or a file', () => {
    const value = { rank: 1, criteria: { net: 18.5 }, flags: ['tie'] };
    for (const [isTTY, expected] of [
      [true, `${JSON.stringify(value, null, 2)}\n`],
      [false, `${JSON.stringify(value)}\n`],
    ] as const) {
      const restore = onTerminal(isTTY);
      try {
        expect(written(() => printJson(value))).toBe(expected);
      } finally {
        restore();
      }
    }
  });
});

describe.each([
  ['a terminal', true],
  ['a pipe', false],
])('printJsonList to %s', (_, isTTY) => {
  let restore: () => void = () => undefined;
  beforeEach(() => {
    restore = onTerminal(isTTY);
  });
  afterEach(() => restore());

  it('writes the text printJson writes for the same list', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => ({
      rank: i % 7 === 0 ? null : i,
      entry_id: `B${i}`,
      title: i % 5 === 0 ? `标题\n第二行 "引号" \\ ${i}` : `项目${i}`,
      sector: i % 3 === 0 ? null : 'factory',
      score: i / 3,
      criteria: i % 4 === 0 ? {} : { net: 1.5, 'a key': i },
      flags: i % 2 === 0 ? [] : ['tie', 'disagreement'],
      nested: { list: [[], [1, [2]], {}], empty: null },
      gate_failed: i % 11 === 0 ? 'licence' : null,
    }));
    const shape = (row: (typeof rows)[number]) => ({ ...row, shown: true });
    const chunked = written(() => printJsonList(rows, shape));
    expect(chunked).toBe(written(() => printJson(rows.map(shape))));
    expect(chunked.length).toBeGreaterThan(1 << 17); // more than one chunk was written
  });

  it('writes lists of every length around a chunk as printJson does', () => {
    // Lengths around the chunk sizes the CLI has used (100, 500): a row lost or doubled at a
    // chunk's edge, or a comma missing there, shows in one of them.
    for (const length of [1, 2, 99, 100, 101, 199, 200, 201, 499, 500, 501, 1001]) {
      const rows = Array.from({ length }, (_, i) => ({ i, title: `项目${i}`, flags: [i] }));
      expect(written(() => printJsonList(rows, (row) => row))).toBe(written(() => printJson(rows)));
    }
  });

  it('writes an empty list as printJson does', () => {
    expect(written(() => printJsonList([], (row) => row))).toBe(written(() => printJson([])));
  });
});
