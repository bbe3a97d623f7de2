// The row journal: what each write wrote, row by row, so `verify` can tell the data the audit
// chain vouches for from data changed outside the app. The connection's own (temporary)
// triggers hash every row inserted, updated or deleted in a journalled table, in the same
// statement, into `row_journal` under the number of the audit event being written; the event's
// hash then covers their digest. Another program writing to the file fires none of these
// triggers, so its changes are rows the chain does not vouch for.
import { createHash, hash as sha256 } from 'node:crypto';
import type { RowDifference } from '../core/chain';
import type { Db } from './database';

/** Tables that are the chain itself, not data it vouches for. */
const UNJOURNALLED = new Set(['audit_event', 'row_journal', 'chain_seal']);

interface JournalledTable {
  name: string;
  columns: string[];
  /** SQL giving a row's key as text, with `{row}` for the row's name (NEW, OLD, the table). */
  key: string;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

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
      .map((column) => `{row}.${quote(column.name)}`);
    const key =
      keyColumns.length === 0
        ? 'CAST({row}.rowid AS TEXT)'
        : keyColumns.length === 1
          ? `CAST(${keyColumns[0]} AS TEXT)`
          : `json_array(${keyColumns.join(', ')})`;
    return { name, columns: info.map((column) => column.name), key };
  });
}

/**
 * A row's hash: its table and each column's name and value, NULLs left out (so a column a later
 * migration adds as NULL leaves the rows written before it vouched for).
 */
function rowHash(columnsOf: Map<string, string[]>, table: string, values: unknown[]): Buffer {
  const columns = columnsOf.get(table) ?? [];
  const pairs: unknown[] = [table];
  values.forEach((value, i) => {
    if (value !== null) pairs.push(columns[i], value);
  });
  return sha256('sha256', JSON.stringify(pairs), 'buffer');
}

/** One journal row's part of its event's digest. */
function digestLine(table: string, key: string, hash: Buffer | null): string {
  return `${table}\u0000${key}\u0000${hash === null ? '-' : hash.toString('base64')}\n`;
}

export interface RowCheck {
  /** Events whose journal rows do not give the digest they recorded (first by seq). */
  brokenEvents: number[];
  differences: RowDifference[];
  /** Rows written before the journal existed (a project from an older version) and not since. */
  unvouched: number;
  /** Rows compared with the chain. */
  vouched: number;
}

export class RowJournal {
  private readonly tables: JournalledTable[];
  private readonly lastRow;
  private readonly eventRows;

  constructor(private readonly db: Db) {
    this.tables = journalledTables(db);
    const columnsOf = new Map(this.tables.map((table) => [table.name, table.columns]));
    db.function('sail_row_hash', { deterministic: true, varargs: true }, (table, ...values) =>
      rowHash(columnsOf, String(table), values),
    );
    const nextSeq = '(SELECT coalesce(max(seq), 0) + 1 FROM main.audit_event)';
    const journal = (table: string, key: string, hash: string) =>
      `INSERT INTO main.row_journal (seq, tbl, key, hash) VALUES (${nextSeq}, '${table}', ${key}, ${hash});`;
    for (const { name, columns, key } of this.tables) {
      const keyOf = (row: string) => key.replaceAll('{row}', row);
      const hashOf = (row: string) =>
        `sail_row_hash('${name}', ${columns.map((column) => `${row}.${quote(column)}`).join(', ')})`;
      db.exec(`
        CREATE TEMP TRIGGER IF NOT EXISTS ${quote(`row_journal_insert_${name}`)}
        AFTER INSERT ON main.${quote(name)}
        BEGIN ${journal(name, keyOf('NEW'), hashOf('NEW'))} END;
        CREATE TEMP TRIGGER IF NOT EXISTS ${quote(`row_journal_update_${name}`)}
        AFTER UPDATE ON main.${quote(name)}
        BEGIN
          INSERT INTO main.row_journal (seq, tbl, key, hash)
            SELECT ${nextSeq}, '${name}', ${keyOf('OLD')}, NULL
            WHERE ${keyOf('OLD')} IS NOT ${keyOf('NEW')};
          ${journal(name, keyOf('NEW'), hashOf('NEW'))}
        END;
        CREATE TEMP TRIGGER IF NOT EXISTS ${quote(`row_journal_delete_${name}`)}
        AFTER DELETE ON main.${quote(name)}
        BEGIN ${journal(name, keyOf('OLD'), 'NULL')} END;
      `);
    }
    this.lastRow = db.prepare('SELECT coalesce(max(rowid), 0) FROM main.row_journal').pluck();
    this.eventRows = db
      .prepare<[number, number], [string, string, Buffer | null]>(
        'SELECT tbl, key, hash FROM main.row_journal WHERE rowid > ? AND seq = ? ORDER BY rowid',
      )
      .raw();
  }

  /** Where the journal ends now: a write's rows are those after it. */
  position(): number {
    return this.lastRow.get() as number;
  }

  /** The digest of the rows event `seq` wrote (journalled after `from`). */
  digest(from: number, seq: number): string {
    const digest = createHash('sha256');
    for (const [table, key, hash] of this.eventRows.iterate(from, seq)) {
      digest.update(digestLine(table, key, hash));
    }
    return digest.digest('hex');
  }

  /**
   * Journals every row there is now, as written by the event being written: a new project's
   * rows that its migrations seeded (sectors), so that every row of it is vouched for.
   */
  journalAll(): void {
    for (const { name, columns, key } of this.tables) {
      const values = columns.map((column) => `t.${quote(column)}`).join(', ');
      this.db
        .prepare(
          `INSERT INTO main.row_journal (seq, tbl, key, hash)
           SELECT (SELECT coalesce(max(seq), 0) + 1 FROM main.audit_event), '${name}',
             ${key.replaceAll('{row}', 't')}, sail_row_hash('${name}', ${values})
           FROM main.${quote(name)} AS t ORDER BY t.rowid`,
        )
        .run();
    }
  }

  /**
   * Checks the journal against the chain's digests (`digests`: each journalled event's recorded
   * digest) and the rows stored now against the journal's last hash of each. `strict`: every
   * row must be vouched for (the project journalled from its first event).
   */
  check(digests: Map<number, string>, strict: boolean): RowCheck {
    const running = new Map<number, ReturnType<typeof createHash>>();
    type Recorded = { hash: string | null; seq: number };
    const last = new Map<string, Map<string, Recorded>>();
    const rows = this.db
      .prepare<[], [number, string, string, Buffer | null]>(
        'SELECT seq, tbl, key, hash FROM main.row_journal ORDER BY rowid',
      )
      .raw();
    for (const [seq, table, key, hash] of rows.iterate()) {
      let digest = running.get(seq);
      if (!digest) running.set(seq, (digest = createHash('sha256')));
      digest.update(digestLine(table, key, hash));
      let keys = last.get(table);
      if (!keys) last.set(table, (keys = new Map<string, Recorded>()));
      keys.set(key, { hash: hash === null ? null : hash.toString('base64'), seq });
    }
    const empty = createHash('sha256').digest('hex');
    const brokenEvents = [...new Set([...digests.keys(), ...running.keys()])]
      .filter(
        (seq) => (running.get(seq)?.digest('hex') ?? empty) !== (digests.get(seq) ?? 'no event'),
      )
      .sort((a, b) => a - b);

    const differences: RowDifference[] = [];
    let unvouched = 0;
    let vouched = 0;
    const columnsOf = new Map(this.tables.map((table) => [table.name, table.columns]));
    for (const { name, columns, key } of this.tables) {
      const journalled = last.get(name) ?? new Map<string, Recorded>();
      const stored = this.db
        .prepare<[], unknown[]>(
          `SELECT ${key.replaceAll('{row}', 't')}, ${columns.map((c) => `t.${quote(c)}`).join(', ')}
           FROM main.${quote(name)} AS t`,
        )
        .raw();
      for (const [rowKey, ...values] of stored.iterate()) {
        const keyText = String(rowKey);
        const recorded = journalled.get(keyText);
        journalled.delete(keyText);
        if (recorded === undefined) {
          if (strict) differences.push({ table: name, key: keyText, kind: 'inserted', seq: null });
          else unvouched += 1;
          continue;
        }
        vouched += 1;
        if (recorded.hash === null) {
          differences.push({ table: name, key: keyText, kind: 'inserted', seq: recorded.seq });
        } else if (rowHash(columnsOf, name, values).toString('base64') !== recorded.hash) {
          differences.push({ table: name, key: keyText, kind: 'changed', seq: recorded.seq });
        }
      }
      for (const [rowKey, recorded] of journalled) {
        if (recorded.hash !== null) {
          differences.push({ table: name, key: rowKey, kind: 'deleted', seq: recorded.seq });
        }
      }
    }
    differences.sort((a, b) => (a.seq ?? Infinity) - (b.seq ?? Infinity));
    return { brokenEvents, differences, unvouched, vouched };
  }
}
