// Hostile files fed to every importer through the API, as the window, the host and the CLI call
// them: entries (CSV, XLSX, JSON), experts (CSV, XLSX), scores (CSV), a rubric (JSON) and a
// column mapping (the CLI's --mapping). Small valid files are truncated, bit-flipped, spliced,
// stuffed with huge fields and stray quotes, have cells replaced, are re-encoded (Big5,
// Shift-JIS, EUC-KR, UTF-16, …), have a part inside the XLSX damaged, or are replaced by random
// bytes or ZIP bombs, or by a FIFO, a device or a folder. Each one must be
// read (and then imported consistently) or refused cleanly: our code, our words in both
// languages, and not a trace in the project (every table and the audit chain as before). Each
// within bounds of time and memory that are safety nets, not speed targets. fast-check runs
// with a fixed seed, so a failure reproduces.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toUserMessage } from '../../electron/api/dispatch';
import type { Result } from '../../electron/api/result';
import { readMappingFile } from '../../electron/api/cli-files';
import type { UserMessage } from '../../electron/core/errors';
import { repeatedPart, SHEET_HEAD, SHEET_TAIL, textPart, xlsxAround } from '../io/helpers';
import { demoFile, demoRoundSession } from '../support/demo-round';
import { auditLength, holdProject } from '../support/digest';
import { sample } from '../support/paths';
import { expectOwnRefusal } from '../support/refusal';
import type { ApiSession } from '../support/session';

const SEED = 20_251_010;
/** Safety bounds per file: a refusal takes milliseconds; a hang or a bomb takes minutes and GBs. */
const FILE_TIME_BOUND_MS = 10_000;
const FILE_MEMORY_BOUND_MB = 300;
const POSIX = process.platform !== 'win32';

let api: ApiSession;
let dir: string;
let counter = 0;
/** Outcomes by importer: 'ok' or the refusal's code, to show the files were not all alike. */
const outcomes = new Map<string, Map<string, number>>();

/** What an importer did with one file. */
type Outcome = { ok: true; check: () => void } | { ok: false; error: UserMessage };

interface Importer {
  name: string;
  /** Valid files this importer reads, by file name (the extension picks the reader). */
  seeds: Array<{ name: string; bytes: Buffer }>;
  /** How many mutated files it is fed: 2,000 in all, more where there is more to read. */
  runs: number;
  /** Whether it reads tables (so a ZIP bomb reaches the XLSX reader). */
  tables: boolean;
  /** Runs the import of `path`; on success `check` verifies what it wrote. */
  run: (path: string) => Promise<Outcome>;
}

/** A Result's outcome: refused, or read with `check` on what it returned. */
function outcomeOf<T>(result: Result<T>, check: (value: T) => void): Outcome {
  return result.ok ? { ok: true, check: () => check(result.value) } : result;
}

const lines = (bytes: Buffer, count: number): Buffer => {
  let at = 0;
  for (let n = 0; n < count && at >= 0; n++) at = bytes.indexOf(0x0a, at) + 1;
  return at > 0 ? bytes.subarray(0, at) : bytes;
};

async function xlsxOf(rows: string[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Sheet1');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const csvRows = (bytes: Buffer): string[][] =>
  Papa.parse<string[]>(bytes.toString('utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true })
    .data;

let importers: Importer[] = [];

beforeAll(async () => {
  api = await demoRoundSession();
  dir = join(api.dir, 'hostile');
  mkdirSync(dir);
  const store = () => api.session.require();

  const bloom = lines(readFileSync(sample('bloom-submissions.csv')), 9);
  const bloomGbk = lines(readFileSync(sample('bloom-submissions-gbk.csv')), 9);
  const [bloomHeader = [], ...bloomBody] = csvRows(bloom);
  const bloomJson = Buffer.from(
    JSON.stringify(
      bloomBody
        .slice(0, 4)
        .map((row) => Object.fromEntries(bloomHeader.map((h, i) => [h, row[i]]))),
      null,
      1,
    ),
  );
  const platformJson = Buffer.from(
    JSON.stringify(
      (
        JSON.parse(readFileSync(sample('bloom-submissions-platform.json'), 'utf8')) as unknown[]
      ).slice(0, 3),
    ),
  );
  const pioneerXlsx = await xlsxOf(csvRows(lines(readFileSync(demoFile('entries.csv')), 7)));
  const reviewers = lines(readFileSync(sample('reviewers.csv')), 9);
  const reviewersXlsx = await xlsxOf(csvRows(reviewers));
  const scores = lines(readFileSync(demoFile('scores.csv')), 31);
  const rubric = readFileSync(demoFile('rubric.json'));
  const mapping = Buffer.from(
    JSON.stringify({ 项目编号: 'entry_id', 项目名称: 'title', 牵头申报单位: 'applicant' }),
  );
  const mappedFile = join(dir, 'mapped.csv');
  writeFileSync(mappedFile, bloom);

  /** An import is one write: one event on the audit chain. */
  const oneEvent = (before: number) => expect(auditLength(store()) - before).toBe(1);

  const entries = (programme: 'bloom' | 'pioneer') => async (path: string) => {
    const before = store().entries.countByProgramme()[programme];
    const audit = auditLength(store());
    const result = await api.call('entries.import', { path, programme });
    return outcomeOf(result, (summary) => {
      const { rows, inserted, updated, unchanged, rejected } = summary;
      expect(inserted + updated + unchanged + rejected.length).toBe(rows);
      expect(store().entries.countByProgramme()[programme]).toBe(before + inserted);
      oneEvent(audit);
    });
  };

  importers = [
    {
      name: 'entries (绽放杯 CSV, JSON)',
      runs: 450,
      tables: true,
      seeds: [
        { name: 'bloom.csv', bytes: bloom },
        { name: 'bloom-gbk.csv', bytes: bloomGbk },
        { name: 'bloom.json', bytes: bloomJson },
        { name: 'platform.json', bytes: platformJson },
      ],
      run: entries('bloom'),
    },
    {
      name: 'entries (领航者 XLSX)',
      runs: 300,
      tables: true,
      seeds: [{ name: 'pioneer.xlsx', bytes: pioneerXlsx }],
      run: entries('pioneer'),
    },
    {
      name: 'reviewers (CSV, XLSX)',
      runs: 350,
      tables: true,
      seeds: [
        { name: 'reviewers.csv', bytes: reviewers },
        { name: 'reviewers.xlsx', bytes: reviewersXlsx },
      ],
      run: async (path) => {
        const before = store().reviewers.list().length;
        const audit = auditLength(store());
        const result = await api.call('reviewers.import', { path });
        return outcomeOf(result, ({ rows, inserted, updated, unchanged, rejected }) => {
          expect(inserted + updated + unchanged + rejected.length).toBe(rows);
          expect(store().reviewers.list().length).toBe(before + inserted);
          oneEvent(audit);
        });
      },
    },
    {
      name: 'scores (CSV)',
      runs: 300,
      tables: true,
      seeds: [{ name: 'scores.csv', bytes: scores }],
      run: async (path) => {
        const audit = auditLength(store());
        const result = await api.call('scores.import', { path, round: '复赛' });
        return outcomeOf(result, ({ rows, reviews, submitted, incomplete, rejected }) => {
          expect(submitted + incomplete).toBe(reviews);
          expect(rejected.length).toBeLessThanOrEqual(rows);
          oneEvent(audit);
        });
      },
    },
    {
      name: 'rubric (JSON)',
      runs: 300,
      tables: false,
      seeds: [{ name: 'rubric.json', bytes: rubric }],
      run: async (path) => {
        const read = await api.call('rubrics.read', { path });
        if (!read.ok) return read;
        // What the editor read is then imported, as `sail-review rubric import` does.
        const before = store().rubrics.list().length;
        const imported = await api.call('rubrics.import', { rubric: read.value });
        return outcomeOf(imported, () => {
          expect(store().rubrics.list().length - before).toBeLessThanOrEqual(1);
        });
      },
    },
    {
      name: 'column mapping (--mapping JSON)',
      runs: 300,
      tables: false,
      seeds: [{ name: 'mapping.json', bytes: mapping }],
      run: async (path) => {
        let read: Record<string, string | null>;
        try {
          read = await readMappingFile(path);
        } catch (error) {
          return { ok: false, error: toUserMessage(error) };
        }
        // The CLI then imports with it; a dry run, so it writes nothing either way.
        const then = holdProject(store());
        try {
          const result = await api.call('entries.import', {
            path: mappedFile,
            programme: 'bloom',
            mapping: read,
            dry_run: true,
          });
          if (!result.ok) return result;
          then.expectUnchanged('a dry run wrote');
          return { ok: true, check: () => undefined };
        } finally {
          then.release();
        }
      },
    },
  ];
}, 120_000);

afterAll(() => {
  api.session.close();
});

/** Feeds one file (or a special path) to an importer and holds it to the rules above. */
async function feed(importer: Importer, path: string): Promise<Outcome> {
  const store = api.session.require();
  // The project as it was before the file, for a refusal to be held to.
  const then = holdProject(store);
  try {
    const auditBefore = auditLength(store);
    const peakBefore = process.resourceUsage().maxRSS;
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const hang = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${importer.name} hung on ${path}`)),
        FILE_TIME_BOUND_MS * 2,
      );
    });
    let outcome: Outcome;
    try {
      outcome = await Promise.race([importer.run(path), hang]);
    } finally {
      clearTimeout(timer);
    }
    const ms = performance.now() - started;
    const grewMb = (process.resourceUsage().maxRSS - peakBefore) / 1024;
    expect(ms, `${importer.name}: ${path} took ${Math.round(ms)} ms`).toBeLessThan(
      FILE_TIME_BOUND_MS,
    );
    expect(
      grewMb,
      `${importer.name}: ${path} grew the peak by ${Math.round(grewMb)} MB`,
    ).toBeLessThan(FILE_MEMORY_BOUND_MB);

    const tally = outcomes.get(importer.name) ?? new Map<string, number>();
    outcomes.set(importer.name, tally);
    const key = outcome.ok ? 'ok' : outcome.error.code;
    tally.set(key, (tally.get(key) ?? 0) + 1);
    if (outcome.ok) {
      outcome.check();
      expect(store.verifyAudit().brokenAt).toBeNull();
      return outcome;
    }
    expectOwnRefusal(outcome.error);
    then.expectUnchanged(`${importer.name} left a trace refusing ${path}`);
    expect(auditLength(store)).toBe(auditBefore);
    return outcome;
  } finally {
    then.release();
  }
}

function writeCase(name: string, bytes: Uint8Array): string {
  const path = join(dir, `${++counter}-${name}`);
  writeFileSync(path, bytes);
  return path;
}

// ---- mutations ----

const at = (where: number, length: number): number => Math.floor(where * length);
const where = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

/**
 * Text a hostile or careless tool puts into a file (none of the words a refusal must not hold, so
 * that a refusal quoting the file's columns is not taken for a library's).
 */
const HOSTILE = [
  '"',
  '""',
  '"\r\n',
  '\r',
  '\n\n\n',
  ',,,,,,,,',
  '\t;\t;',
  '\u0000',
  '\uFEFF',
  '\uFFFD',
  '\u2028',
  '𠀀𪚥',
  '=cmd|"/c calc"!A1',
  '<',
  '&#0;',
  ']]>',
  '{"a":',
  '[[[[[[[[',
  '}',
  '\\u0000',
  '１２３万元',
  '-1e309',
].map((text) => Buffer.from(text, 'utf8'));

/** Cell values a careless export or a hostile one writes. */
const CELLS = [
  '',
  '"',
  '""',
  '"\r\n',
  ',,,',
  '\u0000',
  '１２３万元',
  '=1+1',
  '-0',
  '1e999',
  'x'.repeat(5000),
];

type Mutation = (bytes: Buffer) => Buffer;

/** Sizes a huge field is made: past the 64 KiB of a chunk, the 1 MiB sample, the 4 MiB limit. */
const HUGE = [70 * 1024, 1100 * 1024, 4500 * 1024];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // Cut off anywhere (a download that stopped, a full disk).
  {
    weight: 3,
    arbitrary: where.map(
      (cut): Mutation =>
        (b) =>
          b.subarray(0, at(cut, b.length)),
    ),
  },
  // Bits flipped at random.
  {
    weight: 3,
    arbitrary: fc
      .array(fc.tuple(where, fc.integer({ min: 0, max: 7 })), { minLength: 1, maxLength: 24 })
      .map((flips): Mutation => (b) => {
        const out = Buffer.from(b);
        for (const [w, bit] of flips) {
          const i = at(w, out.length);
          if (i < out.length) out[i] = (out[i] ?? 0) ^ (1 << bit);
        }
        return out;
      }),
  },
  // A span deleted, or repeated.
  {
    weight: 2,
    arbitrary: fc
      .tuple(where, fc.integer({ min: 1, max: 512 }), fc.boolean())
      .map(([w, length, repeat]): Mutation => (b) => {
        const i = at(w, b.length);
        const span = b.subarray(i, i + length);
        return Buffer.concat([
          b.subarray(0, i),
          ...(repeat ? [span, span] : []),
          b.subarray(i + length),
        ]);
      }),
  },
  // Random bytes, or hostile text, put in.
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        where,
        fc.oneof(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.constantFrom(...HOSTILE)),
      )
      .map(([w, insert]): Mutation => (b) => {
        const i = at(w, b.length);
        return Buffer.concat([b.subarray(0, i), insert, b.subarray(i)]);
      }),
  },
  // A huge field, with or without line breaks, quotes and delimiters.
  {
    weight: 1,
    arbitrary: fc
      .tuple(where, fc.constantFrom(...HUGE), fc.constantFrom('x', '中', '"', 'a,', 'b\n'))
      .map(([w, size, unit]): Mutation => (b) => {
        const i = at(w, b.length);
        const huge = Buffer.from(unit.repeat(Math.ceil(size / Buffer.byteLength(unit))), 'utf8');
        return Buffer.concat([b.subarray(0, i), huge, b.subarray(i)]);
      }),
  },
  // Cells of the table replaced, the rows then written by a CSV writer or joined raw, so that
  // quotes and delimiters in the new text break the layout.
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.array(
          fc.tuple(
            fc.nat(),
            fc.nat(),
            fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom(...CELLS)),
          ),
          { minLength: 1, maxLength: 8 },
        ),
        fc.boolean(),
      )
      .map(([damage, quoted]): Mutation => (b) => {
        const table = Papa.parse<string[]>(b.toString('utf8'), { skipEmptyLines: true }).data;
        for (const [row, column, text] of damage) {
          const cells = table[row % Math.max(1, table.length)];
          if (cells && cells.length > 0) cells[column % cells.length] = text;
        }
        const csv = quoted
          ? Papa.unparse(table, { newline: '\r\n' })
          : table.map((cells) => cells.join(',')).join('\r\n');
        return Buffer.from(csv, 'utf8');
      }),
  },
  // The same text in an encoding we do not read, or in UTF-16 or GBK, which we do.
  {
    weight: 2,
    arbitrary: fc
      .constantFrom('big5', 'shiftjis', 'euckr', 'windows-1252', 'utf16le', 'utf16be', 'gbk')
      .map(
        (codec): Mutation =>
          (b) =>
            iconv.encode(iconv.decode(b, 'utf8'), codec),
      ),
  },
  // Nothing of the file left: random bytes, sometimes behind a signature that picks a reader.
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom(
          Buffer.from([]),
          Buffer.from([0x50, 0x4b, 0x03, 0x04]),
          Buffer.from([0xef, 0xbb, 0xbf]),
          Buffer.from([0xff, 0xfe]),
          Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
          Buffer.from('[{"项目编号":'),
        ),
        fc.uint8Array({ maxLength: 4096 }),
      )
      .map(
        ([head, body]): Mutation =>
          () =>
            Buffer.concat([head, body]),
      ),
  },
);

/** One to three mutations, one after another. */
const mutations = fc.array(mutation, { minLength: 1, maxLength: 3 });
const apply = (bytes: Buffer, list: Mutation[]): Buffer => list.reduce((b, m) => m(b), bytes);

/** An XLSX with one of its parts (unpacked) mutated, and packed again truthfully. */
async function mutateInside(xlsx: Buffer, partIndex: number, list: Mutation[]): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  const names = Object.keys(zip.files).filter((name) => !zip.files[name]?.dir);
  const name = names[partIndex % names.length] ?? '';
  const part = await zip.file(name)?.async('nodebuffer');
  zip.file(name, apply(part ?? Buffer.alloc(0), list));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** ZIP bombs small enough to build in a moment: 32 MB to 1 GB from a few kilobytes to 1 MB. */
function bombs(): Array<{ name: string; bytes: Buffer; code: string }> {
  const sheet = (times: number, n = 1) =>
    repeatedPart(`xl/worksheets/sheet${n}.xml`, SHEET_HEAD, times, SHEET_TAIL);
  const honest = sheet(32);
  const real = textPart('xl/worksheets/sheet1.xml', `${SHEET_HEAD}${SHEET_TAIL}`);
  return [
    { name: 'bomb.xlsx', bytes: xlsxAround([honest]), code: 'xlsx_zip_bomb' },
    {
      name: 'bomb-liar.xlsx',
      bytes: xlsxAround([{ ...sheet(1024), size: 2048 }]),
      code: 'xlsx_zip_bomb',
    },
    {
      name: 'bomb-short.xlsx',
      bytes: xlsxAround([{ ...real, size: real.size * 2 }]),
      code: 'xlsx_corrupt',
    },
    {
      name: 'bomb-many.xlsx',
      bytes: xlsxAround(Array.from({ length: 64 }, (_, i) => sheet(1, i + 1))),
      code: 'xlsx_zip_bomb',
    },
  ];
}

/** The paths that are not regular files. */
function specialPaths(): string[] {
  const folder = join(dir, `folder-${++counter}.csv`);
  mkdirSync(folder);
  const paths = [folder, join(dir, 'missing.csv')];
  if (!POSIX) return paths;
  const fifo = join(dir, `fifo-${++counter}.csv`);
  execFileSync('mkfifo', [fifo]);
  return [...paths, fifo, '/dev/zero', '/dev/urandom'];
}

describe('every importer, fed hostile files', () => {
  it('reads or cleanly refuses each mutated file, leaving no trace of a refusal', async () => {
    for (const importer of importers) {
      const seeds = importer.seeds;
      const isXlsx = (name: string) => name.endsWith('.xlsx');
      await fc.assert(
        fc.asyncProperty(
          fc.nat({ max: seeds.length - 1 }),
          mutations,
          fc.boolean(),
          fc.nat(),
          async (which, list, inside, part) => {
            const seed = seeds[which]!;
            const bytes =
              inside && isXlsx(seed.name)
                ? await mutateInside(seed.bytes, part, list)
                : apply(seed.bytes, list);
            await feed(importer, writeCase(seed.name, bytes));
          },
        ),
        { seed: SEED, numRuns: importer.runs },
      );
    }
  }, 300_000);

  it('refuses ZIP bombs, FIFOs, devices, folders and missing files given to any of them', async () => {
    const built = bombs();
    const code = (outcome: Outcome) => (outcome.ok ? 'ok' : outcome.error.code);
    for (const importer of importers) {
      for (const bomb of built) {
        const outcome = await feed(importer, writeCase(bomb.name, bomb.bytes));
        if (importer.tables) expect(code(outcome)).toBe(bomb.code);
        else expect(code(outcome)).not.toBe('ok');
      }
      for (const path of specialPaths()) {
        const outcome = await feed(importer, path);
        expect(code(outcome)).toBe(path.endsWith('missing.csv') ? 'file_not_found' : 'not_a_file');
      }
    }
  }, 120_000);

  it('fed at least 2,000 files, and each importer both read and refused some', () => {
    let total = 0;
    for (const importer of importers) {
      const tally = outcomes.get(importer.name) ?? new Map<string, number>();
      const count = [...tally.values()].reduce((a, b) => a + b, 0);
      total += count;
      expect(tally.get('ok') ?? 0, importer.name).toBeGreaterThan(0);
      expect(count - (tally.get('ok') ?? 0), importer.name).toBeGreaterThan(count / 10);
    }
    expect(total).toBeGreaterThanOrEqual(2_000);
  });
});
