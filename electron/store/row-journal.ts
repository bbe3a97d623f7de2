// The row journal: what each write wrote, row by row, so `verify` can tell the data the audit
// chain vouches for from data changed outside the app. The connection's own (temporary)
// triggers hand every row inserted, updated or deleted in a journalled table to a JS function,
// in the same statement, which hashes it; the entry table, which imports fill by the hundred
// thousand, is handed over by its repository from the row the statement returns (a trigger's
// statement journal would cost a bulk import a page copy per row), and so are the reviews of a
// packet's merge (`inBulk`). A review's score and gate answer rows are vouched for by its kept
// lists (migration 0014), which spell them in its rubric's order and are part of the journalled
// review row: `check` compares the rows with the lists. When the write appends its audit event,
// its rows are stored as one journal row under the event's number, and the event's hash covers
// their digest. Another program writing to the file fires none of this, so its changes are rows
// the chain does not vouch for.
import { createHash, hash as sha256 } from 'node:crypto';
import type { RowDifference } from '../core/chain';
import type { Db } from './database';
import { gateListSql, scoreListSql } from './migrations/0014_review_lists';
import { rubricKeys } from './rubric-keys';

/** Tables that are the chain itself, not data it vouches for. */
const UNJOURNALLED = new Set(['audit_event', 'row_journal', 'chain_seal']);

/** Tables whose repository journals each row it writes (`record`), rather than a trigger. */
const JOURNALLED_BY_REPOSITORY = new Set(['entry']);

/**
 * Tables whose triggers stand aside while a bulk write journals its own rows (`inBulk`): a
 * packet merge writes 45,000 reviews, and handing each row from a trigger to JS cost more than
 * the rest of the write. Every other write of them is journalled by trigger.
 */
const JOURNALLED_IN_BULK = new Set(['review']);

/**
 * Rows vouched for by their review's kept list rather than each by its own hash: the list is a
 * column of the journalled review row, and every write of the rows rewrites it (migration 0014).
 * Hashing and journalling the 270,000 score rows of a merge of 45,000 reviews besides cost a
 * quarter of the merge. A review without a list (written before migration 14 and not since)
 * still has its rows checked against their own journal hashes.
 */
const LISTED: ReadonlyMap<string, ListedRows> = new Map([
  ['score', { list: 'score_list', key: 'criterion_key', keys: 'criterion', made: scoreListSql }],
  ['gate_answer', { list: 'gate_list', key: 'gate_key', keys: 'gate', made: gateListSql }],
]);

interface ListedRows {
  /** The review column keeping the rows' values in its rubric's order. */
  list: 'score_list' | 'gate_list';
  /** The rows' column naming the rubric's criterion or gate. */
  key: 'criterion_key' | 'gate_key';
  /** The rubric's table of criteria or gates, in `position` order. */
  keys: 'criterion' | 'gate';
  /** SQL making the list from the rows as stored now. */
  made: (review: string, rubric: string) => string;
}

/** Holds a row while a bulk write journals its own rows: temporary, so the connection's own. */
const IN_BULK = 'sail_journal_in_bulk';

interface JournalledTable {
  name: string;
  columns: string[];
  /** SQL giving a row's key as text, with `{row}` for the row's name (NEW, OLD, the table). */
  key: string;
  /** The key's columns (none: the rowid), for `record`. */
  keyColumns: string[];
}

/** One row a write wrote: its table, key and hash (base64; null when the write deleted it). */
type JournalRow = [table: string, key: string, hash: string | null];

/** A row's key as its table's trigger gives it: the key column's text, or their JSON array. */
function keyOf(spec: JournalledTable, row: Readonly<Record<string, SqlValue>>): string {
  const keyValues = spec.keyColumns.map((column) => row[column]);
  return keyValues.length === 1 ? String(keyValues[0]) : JSON.stringify(keyValues);
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * A WHERE clause keeping the rows of `table` (as `t`) that are journalled row by row: all, but
 * for a LISTED table only those whose review keeps no list.
 */
function unlisted(table: string): string {
  const listed = LISTED.get(table);
  return listed
    ? `WHERE NOT EXISTS (SELECT 1 FROM main.review r
         WHERE r.id = t.review_id AND r.${listed.list} IS NOT NULL)`
    : '';
}

/** The review row id of a LISTED table's row, from its journal key `[review, key]` (or null). */
function reviewOf(rowKey: string): number | null {
  try {
    const key: unknown = JSON.parse(rowKey);
    return Array.isArray(key) && typeof key[0] === 'number' ? key[0] : null;
  } catch {
    return null;
  }
}

/** Every journalled table of the file, with its columns and key, as the schema has them now. */
function journalledTables(db: Db): JournalledTable[] {
  const names = db
    .prepare<[], string>(
      "SELECT name FROM main.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .pluck()
    .all()
    .filter((name) => !UNJOURNALLED.has(name));
  return names.map((name) => {
    const info = db.pragma(`main.table_info(${quote(name)})`) as Array<{
      name: string;
      pk: number;
    }>;
    const keyColumns = info
      .filter((column) => column.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((column) => column.name);
    const keyed = keyColumns.map((column) => `{row}.${quote(column)}`);
    const key =
      keyed.length === 0
        ? 'CAST({row}.rowid AS TEXT)'
        : keyed.length === 1
          ? `CAST(${keyed[0]} AS TEXT)`
          : `json_array(${keyed.join(', ')})`;
    return { name, columns: info.map((column) => column.name), key, keyColumns };
  });
}

/** A value as better-sqlite3 gives it (and an entry's bound parameters are). */
export type SqlValue = string | number | bigint | Buffer | null | undefined;

/**
 * A row's hash: its table, then each column's place, type and value, NULLs left out (so a
 * column a later migration appends as NULL leaves the rows written before it vouched for). The
 * text is built by concatenation, not JSON: an import hashes 100,000 rows in its write. The
 * journal keeps its first 22 base64 characters (132 bits: still no second row to be found
 * with the same), a third of what a merge of 45,000 reviews or a package stores per row.
 */
function rowHash(table: string, values: readonly SqlValue[]): string {
  return fullRowHash(table, values).slice(0, ROW_HASH_CHARS);
}

const ROW_HASH_CHARS = 22;

/** True when the journal's hash is the row's: whole (44 characters) as journals before kept it. */
function sameRow(recorded: string, table: string, values: readonly SqlValue[]): boolean {
  const hash = fullRowHash(table, values);
  return recorded.length === ROW_HASH_CHARS ? hash.startsWith(recorded) : hash === recorded;
}

function fullRowHash(table: string, values: readonly SqlValue[]): string {
  let text = table;
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i];
    if (value === null || value === undefined) continue;
    if (typeof value === 'string') text += `\u0001${i}s${value.length}:${value}`;
    else if (Buffer.isBuffer(value)) text += `\u0001${i}b${value.toString('base64')}`;
    else text += `\u0001${i}n${String(value)}`;
  }
  return sha256('sha256', text, 'base64');
}

const digestOf = (rows: string) => createHash('sha256').update(rows).digest('hex');

export interface RowCheck {
  /** Events whose journal rows do not give the digest they recorded (first by seq). */
  brokenEvents: number[];
  differences: RowDifference[];
  /** Rows written before the journal existed (a project from an older version) and not since. */
  unvouched: number;
  /** Rows compared with the chain. */
  vouched: number;
}

const journals = new WeakMap<Db, RowJournal>();

/** The row journal of a connection, for a repository journalling its own rows (`record`). */
export function rowJournal(db: Db): RowJournal {
  const journal = journals.get(db);
  if (!journal) throw new Error('the row journal is installed by ProjectStore');
  return journal;
}

export class RowJournal {
  private readonly tables: JournalledTable[];
  private readonly byName: Map<string, JournalledTable>;
  /**
   * Rows written since the outermost write began, in the order written: each row's JSON text
   * (strings, joined once when the write stores them, cost less than an array of arrays, which
   * an import of 100,000 rows would leave to the garbage collector, or one string grown row by
   * row, which V8 must flatten from as many pieces).
   */
  private pending: string[] = [];
  /** Each table's name as JSON, once. */
  private readonly quoted = new Map<string, string>();
  private readonly insert;
  private readonly bulkBegins;
  private readonly bulkEnds;

  constructor(private readonly db: Db) {
    // A statement that fires triggers keeps a statement journal of the pages it changes, so it
    // can be undone alone: in memory rather than a temporary file, it costs a copy per row.
    db.pragma('temp_store = MEMORY');
    this.tables = journalledTables(db);
    this.byName = new Map(this.tables.map((table) => [table.name, table]));
    db.function('sail_journal_row', { varargs: true }, (table, key, ...values) => {
      const name = String(table);
      this.append(name, String(key), rowHash(name, values as SqlValue[]));
      return null;
    });
    db.function('sail_journal_deleted', (table, key) => {
      this.append(String(table), String(key), null);
      return null;
    });
    db.exec(`CREATE TEMP TABLE IF NOT EXISTS ${IN_BULK} (writing INTEGER)`);
    for (const { name, columns, key } of this.tables) {
      if (JOURNALLED_BY_REPOSITORY.has(name) || LISTED.has(name)) continue;
      const when = JOURNALLED_IN_BULK.has(name)
        ? `WHEN NOT EXISTS (SELECT 1 FROM temp.${IN_BULK})`
        : '';
      const keyOf = (row: string) => key.replaceAll('{row}', row);
      const written = (row: string) =>
        `SELECT sail_journal_row('${name}', ${keyOf(row)}, ${columns
          .map((column) => `${row}.${quote(column)}`)
          .join(', ')});`;
      db.exec(`
        CREATE TEMP TRIGGER IF NOT EXISTS ${quote(`row_journal_insert_${name}`)}
        AFTER INSERT ON main.${quote(name)} ${when}
        BEGIN ${written('NEW')} END;
        CREATE TEMP TRIGGER IF NOT EXISTS ${quote(`row_journal_update_${name}`)}
        AFTER UPDATE ON main.${quote(name)} ${when}
        BEGIN
          SELECT sail_journal_deleted('${name}', ${keyOf('OLD')})
          WHERE ${keyOf('OLD')} IS NOT ${keyOf('NEW')};
          ${written('NEW')}
        END;
        CREATE TEMP TRIGGER IF NOT EXISTS ${quote(`row_journal_delete_${name}`)}
        AFTER DELETE ON main.${quote(name)} ${when}
        BEGIN SELECT sail_journal_deleted('${name}', ${keyOf('OLD')}); END;
      `);
    }
    this.insert = db.prepare('INSERT INTO main.row_journal (seq, rows) VALUES (?, ?)');
    this.bulkBegins = db.prepare(`INSERT INTO temp.${IN_BULK} VALUES (1)`);
    this.bulkEnds = db.prepare(`DELETE FROM temp.${IN_BULK}`);
    journals.set(db, this);
  }

  private append(table: string, key: string, hash: string | null): void {
    let name = this.quoted.get(table);
    if (name === undefined) this.quoted.set(table, (name = JSON.stringify(table)));
    // Base64 needs no escaping in JSON.
    this.pending.push(`[${name},${JSON.stringify(key)},${hash === null ? 'null' : `"${hash}"`}]`);
  }

  /**
   * A row a repository wrote, by column (every column, as stored), for a table journalled by
   * its repository (or in bulk). Hashed as a trigger would hash the stored row, so `verify`
   * compares alike.
   */
  record(table: string, row: Readonly<Record<string, SqlValue>>): void {
    const spec = this.byName.get(table);
    if (!spec) return;
    const values = spec.columns.map((column) => row[column]);
    this.append(table, keyOf(spec, row), rowHash(table, values));
  }

  /**
   * Runs `write`, a bulk write of the `JOURNALLED_IN_BULK` tables that journals every row of
   * them it inserts or updates itself (`record`), with their triggers aside. Their rows written
   * by anything else meanwhile (a trigger of theirs, a cascade) would go unjournalled: `write`
   * must write them only by statements of its own.
   */
  inBulk<T>(write: () => T): T {
    this.bulkBegins.run();
    try {
      return write();
    } finally {
      this.bulkEnds.run();
    }
  }

  /** Where a write's rows begin: rows journalled outside any write are nobody's, and dropped. */
  begin(outermost: boolean): number {
    if (outermost) this.pending = [];
    return this.pending.length;
  }

  /** A write that failed: its rows were rolled back with it. */
  rollback(from: number): void {
    this.pending.length = from;
  }

  /** Stores the rows written since `from` as event `seq`'s, and returns their digest. */
  flush(from: number, seq: number): string {
    const rows = `[${this.pending.slice(from).join(',')}]`;
    this.pending.length = from;
    this.insert.run(seq, rows);
    return digestOf(rows);
  }

  /**
   * Journals every row there is now, as written by the event being written: a new project's
   * rows that its migrations seeded (sectors), so that every row of it is vouched for.
   */
  journalAll(): void {
    for (const { name, columns, key } of this.tables) {
      const stored = this.db
        .prepare<[], SqlValue[]>(
          `SELECT ${key.replaceAll('{row}', 't')}, ${columns.map((c) => `t.${quote(c)}`).join(', ')}
           FROM main.${quote(name)} AS t ${unlisted(name)} ORDER BY t.rowid`,
        )
        .raw();
      for (const [rowKey, ...values] of stored.iterate()) {
        this.append(name, String(rowKey), rowHash(name, values));
      }
    }
  }

  /**
   * Checks the journal against the chain's digests (`digests`: each journalled event's recorded
   * digest) and the rows stored now against the journal's last hash of each. `strict`: every
   * row must be vouched for (the project journalled from its first event).
   */
  check(digests: Map<number, string>, strict: boolean): RowCheck {
    type Recorded = { hash: string | null; seq: number };
    const last = new Map<string, Map<string, Recorded>>();
    const journalled = new Set<number>();
    const broken = new Set<number>();
    const stored = this.db
      .prepare<[], [number, string]>('SELECT seq, rows FROM main.row_journal ORDER BY seq')
      .raw();
    for (const [seq, text] of stored.iterate()) {
      journalled.add(seq);
      if (digests.get(seq) !== digestOf(text)) broken.add(seq);
      let rows: JournalRow[];
      try {
        rows = JSON.parse(text) as JournalRow[];
      } catch {
        continue;
      }
      for (const [table, key, hash] of rows) {
        let keys = last.get(table);
        if (!keys) last.set(table, (keys = new Map<string, Recorded>()));
        keys.set(key, { hash, seq });
      }
    }
    // An event that recorded a digest but whose journal row is gone.
    for (const seq of digests.keys()) if (!journalled.has(seq)) broken.add(seq);

    const differences: RowDifference[] = [];
    let unvouched = 0;
    let vouched = 0;
    // A copy: each table's map is emptied as its rows are matched below.
    const reviews = new Map(last.get('review'));
    for (const { name, columns, key } of this.tables) {
      const recordedRows = last.get(name) ?? new Map<string, Recorded>();
      const rows = this.db
        .prepare<[], SqlValue[]>(
          `SELECT ${key.replaceAll('{row}', 't')}, ${columns.map((c) => `t.${quote(c)}`).join(', ')}
           FROM main.${quote(name)} AS t ${unlisted(name)}`,
        )
        .raw();
      for (const [rowKey, ...values] of rows.iterate()) {
        const keyText = String(rowKey);
        const recorded = recordedRows.get(keyText);
        recordedRows.delete(keyText);
        if (recorded === undefined) {
          if (strict) differences.push({ table: name, key: keyText, kind: 'inserted', seq: null });
          else unvouched += 1;
          continue;
        }
        vouched += 1;
        if (recorded.hash === null) {
          differences.push({ table: name, key: keyText, kind: 'inserted', seq: recorded.seq });
        } else if (!sameRow(recorded.hash, name, values)) {
          differences.push({ table: name, key: keyText, kind: 'changed', seq: recorded.seq });
        }
      }
      const listed = LISTED.get(name);
      const vouchedByList = listed ? this.listedReviews(listed) : new Set<number>();
      for (const [rowKey, recorded] of recordedRows) {
        if (recorded.hash === null) continue;
        if (listed) {
          // Its review's list vouches for it now, or the app deleted the review with its rows.
          const review = reviewOf(rowKey);
          if (review !== null) {
            if (vouchedByList.has(review) || reviews.get(String(review))?.hash === null) continue;
          }
        }
        differences.push({ table: name, key: rowKey, kind: 'deleted', seq: recorded.seq });
      }
      if (listed) {
        vouched += this.checkLists(name, listed, differences, (review) =>
          reviews.get(String(review)),
        );
      }
    }
    differences.sort((a, b) => (a.seq ?? Infinity) - (b.seq ?? Infinity));
    return { brokenEvents: [...broken].sort((a, b) => a - b), differences, unvouched, vouched };
  }

  /** The reviews keeping a list of `listed` rows: their rows are checked against it. */
  private listedReviews(listed: ListedRows): Set<number> {
    return new Set(
      this.db
        .prepare<[], number>(`SELECT id FROM main.review WHERE ${listed.list} IS NOT NULL`)
        .pluck()
        .all(),
    );
  }

  /**
   * Checks the rows of `table` whose review keeps a list against that list, adding to
   * `differences` a value the list has and the rows not (deleted), the rows have and the list
   * not (inserted), or other (changed), and a row on a key its review's rubric lacks (inserted),
   * each named by its own key and dated by its review's journal entry. Returns how many rows
   * the lists vouch for.
   */
  private checkLists(
    table: string,
    listed: ListedRows,
    differences: RowDifference[],
    reviewRecorded: (review: number) => { seq: number } | undefined,
  ): number {
    const { list, key, keys, made } = listed;
    const before = differences.length;
    const differ = (review: number, rowKey: string, kind: RowDifference['kind']) =>
      differences.push({
        table,
        key: JSON.stringify([review, rowKey]),
        kind,
        seq: reviewRecorded(review)?.seq ?? null,
      });
    const mismatched = this.db
      .prepare<[], [number, number, string, string | null]>(
        `SELECT id, rubric_id, kept, made FROM (
           SELECT r.id, r.rubric_id, r.${list} AS kept, ${made('r.id', 'r.rubric_id')} AS made
           FROM main.review r WHERE r.${list} IS NOT NULL)
         WHERE kept IS NOT made`,
      )
      .raw()
      .all();
    if (mismatched.length > 0) {
      const keysOf = rubricKeys(this.db, keys);
      for (const [review, rubric, kept, rows] of mismatched) {
        const keptValues = kept.split(',');
        const rowValues = (rows ?? '').split(',');
        (keysOf.get(rubric) ?? []).forEach((rowKey, i) => {
          const was = keptValues[i] ?? '';
          const is = rowValues[i] ?? '';
          if (was === is) return;
          differ(review, rowKey, was === '' ? 'inserted' : is === '' ? 'deleted' : 'changed');
        });
      }
    }
    const offRubric = this.db
      .prepare<[], [number, string]>(
        `SELECT t.review_id, t.${key} FROM main.${table} t JOIN main.review r ON r.id = t.review_id
         WHERE r.${list} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM main.${keys} k
           WHERE k.rubric_id = r.rubric_id AND k.key = t.${key})`,
      )
      .raw();
    for (const [review, rowKey] of offRubric.iterate()) differ(review, rowKey, 'inserted');
    const vouched = this.db
      .prepare(
        `SELECT count(*) FROM main.${table} t JOIN main.review r ON r.id = t.review_id
         WHERE r.${list} IS NOT NULL`,
      )
      .pluck()
      .get() as number;
    const present = differences
      .slice(before)
      .filter((difference) => difference.kind !== 'deleted').length;
    return vouched - present;
  }
}
