// Entries: the submissions and candidates under review, with their verbatim source rows.
import { ENTRY_SORT_FIELDS, type EntryRow, type Programme } from '../../core/domain';
import { normaliseCode } from '../../core/entries/normalise';
import type { Db } from '../database';
import { rowJournal } from '../row-journal';

export interface EntryRecord {
  id: number;
  programme: Programme;
  external_id: string;
  title: string;
  applicant: string;
  partners: string | null;
  province: string | null;
  city: string | null;
  sector: string | null;
  sector_label: string | null;
  track: string | null;
  summary: string | null;
  contact: string | null;
  fields_json: string;
  /**
   * The verbatim source row: the values in the order of `source_headers` (JSON arrays both); for
   * an entry stored before migration 15 and not since (`source_headers` null), its
   * [header, value] pairs. Read it with `sourcePairs`.
   */
  source_json: string;
  /** The source row's headers, kept once per header list in source_columns (migration 15). */
  source_headers: string | null;
  import_id: number | null;
  source_row: number | null;
}

/** The fields an import writes; compared field by field to tell updated from unchanged. */
export type EntryValues = Omit<EntryRecord, 'id' | 'import_id' | 'source_row'>;

/** An entry's verbatim source row as [header, value] pairs in file order, however it is kept. */
export function sourcePairs(
  entry: Pick<EntryRecord, 'source_json' | 'source_headers'>,
): Array<[string, string]> {
  if (entry.source_headers === null)
    return JSON.parse(entry.source_json) as Array<[string, string]>;
  const values = JSON.parse(entry.source_json) as string[];
  const headers = JSON.parse(entry.source_headers) as string[];
  return headers.map((header, i) => [header, values[i] ?? '']);
}

export const ENTRY_VALUE_FIELDS = [
  'title',
  'applicant',
  'partners',
  'province',
  'city',
  'sector',
  'sector_label',
  'track',
  'summary',
  'contact',
  'fields_json',
  'source_json',
] as const satisfies readonly (keyof EntryValues)[];

/** An entry's place in (programme, external_id) order, which entry_list_idx leads with. */
export interface EntryKey {
  programme: Programme;
  external_id: string;
}

/** What the duplicate check groups entries by. */
export interface EntryApplicant {
  id: number;
  programme: Programme;
  applicant: string;
}

/** What the duplicate check compares within a group. */
export interface EntryTexts {
  id: number;
  programme: Programme;
  applicant: string;
  title: string;
  summary: string | null;
  track: string | null;
}

type ApplicantRow = [id: number, programme: Programme, external_id: string, applicant: string];
type TextRow = [id: number, title: string, summary: string | null, track: string | null];

/**
 * Where an imported entry came from: its import batch, its row in that file, and the kept
 * header list of its source row (EntryRepository.sourceColumns of its `source_headers`).
 */
export interface EntryOrigin {
  import_id: number;
  source_row: number;
  source_columns: number;
}

/** The columns an import writes, in the order the statements bind them. */
const ENTRY_VALUE_COLUMNS = ['programme', 'external_id', ...ENTRY_VALUE_FIELDS] as const;

type EntryParam = string | number | null;

/**
 * The statement parameters of an entry in column order, ending with updated_at: spelled out, so
 * binding a row allocates one array and looks nothing up by name.
 */
function entryParams(values: EntryValues, origin: EntryOrigin, now: string): EntryParam[] {
  return [
    values.programme,
    values.external_id,
    values.title,
    values.applicant,
    values.partners,
    values.province,
    values.city,
    values.sector,
    values.sector_label,
    values.track,
    values.summary,
    values.contact,
    values.fields_json,
    values.source_json,
    origin.import_id,
    origin.source_row,
    origin.source_columns,
    now,
  ];
}

/** The columns `entryParams` and created_at give, in order: with the id, every column of a row. */
const STORED_COLUMNS = [
  ...ENTRY_VALUE_COLUMNS,
  'import_id',
  'source_row',
  'source_columns_id',
  'updated_at',
  'created_at',
] as const;

/** The row an insert or update stores, by column, from its parameters and created_at. */
function storedRow(id: number, params: readonly EntryParam[]): Record<string, EntryParam> {
  const row: Record<string, EntryParam> = { id };
  STORED_COLUMNS.forEach((column, i) => (row[column] = params[i] ?? null));
  return row;
}

export interface EntryFilter {
  programme?: Programme | undefined;
  sector?: string | undefined;
  /** Entries of any of these provinces (tracks), when given. */
  provinces?: readonly string[] | undefined;
  tracks?: readonly string[] | undefined;
  search?: string | undefined;
  sort: (typeof ENTRY_SORT_FIELDS)[number];
  direction: 'asc' | 'desc';
  offset: number;
  limit: number;
}

const SORT_COLUMNS: Record<Exclude<EntryFilter['sort'], 'programme'>, string> = {
  entry_id: 'external_id',
  title: 'title',
  applicant: 'applicant',
  province: 'province',
  city: 'city',
  sector: 'sector',
  track: 'track',
};

/** A LIKE pattern of text containing `text`, its wildcards and the escape character escaped. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, '\\$&')}%`;

/** An EntryRecord's columns, its source row's headers joined from their list. */
const RECORD_SELECT = `SELECT e.id, e.programme, e.external_id, e.title, e.applicant, e.partners,
  e.province, e.city, e.sector, e.sector_label, e.track, e.summary, e.contact, e.fields_json,
  e.source_json, h.headers_json AS source_headers, e.import_id, e.source_row
  FROM entry e LEFT JOIN source_columns h ON h.id = e.source_columns_id`;

const LIST_COLUMNS =
  'id, external_id AS entry_id, programme, title, applicant, province, city, sector, sector_label, track';

export interface EntryOrganisations {
  id: number;
  applicant: string;
  /** Partner units joined with 、 (core/entries/normalise.ts), or null. */
  partners: string | null;
}

/** An entry's verbatim source row as stored (see EntryRecord.source_json). */
export type EntrySource = Pick<EntryRecord, 'id' | 'source_json' | 'source_headers'>;

export interface EntryRef {
  id: number;
  external_id: string;
  programme: Programme;
  title: string;
}

export class EntryRepository {
  private readonly byProgramme;
  private readonly insertStatement;
  private readonly updateStatement;
  private readonly createdAt;
  private readonly byId;
  private readonly applicantsFirstStatement;
  private readonly applicantsAfterStatement;
  private readonly textsStatement;
  private readonly rowsStatement;
  private readonly sourceStatement;
  private readonly headersId;
  private readonly insertHeaders;
  private readonly revisionStatement;
  private readonly organisationsStatement;
  private readonly byExternalStatement;

  constructor(private readonly db: Db) {
    this.byProgramme = db.prepare<[Programme], EntryRecord>(
      `${RECORD_SELECT} WHERE e.programme = ?`,
    );
    // Positional parameters bound from the values in column order: an import binds 100,000 rows,
    // and named parameters (an object per row, looked up by name) cost twice the CPU.
    this.insertStatement = db.prepare<[EntryParam[]]>(
      `INSERT INTO entry (${ENTRY_VALUE_COLUMNS.join(', ')}, import_id, source_row,
         source_columns_id, updated_at, created_at)
       VALUES (${ENTRY_VALUE_COLUMNS.map(() => '?').join(', ')}, ?, ?, ?, ?, ?)`,
    );
    this.updateStatement = db.prepare<[EntryParam[]]>(
      `UPDATE entry SET ${ENTRY_VALUE_COLUMNS.map((column) => `${column} = ?`).join(', ')},
         import_id = ?, source_row = ?, source_columns_id = ?, updated_at = ?
       WHERE id = ?`,
    );
    this.createdAt = db
      .prepare<[number], string>('SELECT created_at FROM entry WHERE id = ?')
      .pluck();
    this.byId = db.prepare<[number], EntryRecord>(`${RECORD_SELECT} WHERE e.id = ?`);
    // The duplicate check reads every entry twice: rows as arrays (`raw`), which better-sqlite3
    // builds at a fraction of the cost of keyed objects.
    const applicants = 'SELECT id, programme, external_id, applicant FROM entry';
    const page = 'ORDER BY programme, external_id LIMIT @limit';
    this.applicantsFirstStatement = db
      .prepare<{ limit: number }, ApplicantRow>(`${applicants} ${page}`)
      .raw();
    this.applicantsAfterStatement = db
      .prepare<EntryKey & { limit: number }, ApplicantRow>(
        `${applicants} WHERE (programme, external_id) > (@programme, @external_id) ${page}`,
      )
      .raw();
    const byIds = 'WHERE id IN (SELECT value FROM json_each(?))';
    this.textsStatement = db
      .prepare<[string], TextRow>(`SELECT id, title, summary, track FROM entry ${byIds}`)
      .raw();
    this.rowsStatement = db.prepare<[string], EntryRow>(
      `SELECT ${LIST_COLUMNS} FROM entry ${byIds}`,
    );
    this.sourceStatement = db.prepare<[string], EntrySource>(
      `SELECT e.id, e.source_json, h.headers_json AS source_headers
       FROM entry e LEFT JOIN source_columns h ON h.id = e.source_columns_id
       WHERE e.id IN (SELECT value FROM json_each(?))`,
    );
    this.headersId = db
      .prepare<[string], number>('SELECT id FROM source_columns WHERE headers_json = ?')
      .pluck();
    this.insertHeaders = db.prepare<[string]>(
      'INSERT INTO source_columns (headers_json) VALUES (?)',
    );
    this.revisionStatement = db.prepare<[], { n: number; batch: number | null }>(
      'SELECT (SELECT count(*) FROM entry) AS n, (SELECT max(id) FROM import_batch) AS batch',
    );
    this.organisationsStatement = db.prepare<[], EntryOrganisations>(
      'SELECT id, applicant, partners FROM entry',
    );
    this.byExternalStatement = db.prepare<[string], EntryRef>(
      'SELECT id, external_id, programme, title FROM entry WHERE external_id = ? ORDER BY programme',
    );
  }

  /** Every entry's applicant and partner units (联合申报单位), for conflict detection. */
  organisations(): EntryOrganisations[] {
    return this.organisationsStatement.all();
  }

  /** The entries with this external id (one per programme at most). */
  byExternalId(externalId: string): EntryRef[] {
    return this.byExternalStatement.all(externalId);
  }

  /** Every entry of a programme by external id, to diff an import against in one pass. */
  mapByExternalId(programme: Programme): Map<string, EntryRecord> {
    const map = new Map<string, EntryRecord>();
    for (const row of this.byProgramme.iterate(programme)) map.set(row.external_id, row);
    return map;
  }

  // Each row written is handed to the row journal as stored (store/row-journal.ts): entries are
  // journalled here, from the values bound, rather than by a trigger or a RETURNING clause,
  // either of which would cost an import of 100,000 rows more than the hashing does.
  insert(values: EntryValues, origin: EntryOrigin, now: string): number {
    const params = entryParams(values, origin, now);
    params.push(now); // created_at
    const id = Number(this.insertStatement.run(params).lastInsertRowid);
    rowJournal(this.db).record('entry', storedRow(id, params));
    return id;
  }

  update(id: number, values: EntryValues, origin: EntryOrigin, now: string): void {
    const params = entryParams(values, origin, now);
    params.push(this.createdAt.get(id) ?? null);
    rowJournal(this.db).record('entry', storedRow(id, params));
    params[params.length - 1] = id;
    this.updateStatement.run(params);
  }

  get(id: number): EntryRecord | undefined {
    return this.byId.get(id);
  }

  list(filter: EntryFilter): { total: number; rows: EntryRow[] } {
    const where: string[] = [];
    const params: Record<string, string | number> = {};
    if (filter.programme) {
      where.push('programme = @programme');
      params.programme = filter.programme;
    }
    if (filter.sector) {
      where.push('sector = @sector');
      params.sector = filter.sector;
    }
    // Lists as JSON arrays, one parameter each, read by json_each: any number of values.
    if (filter.provinces?.length) {
      where.push('province IN (SELECT value FROM json_each(@provinces))');
      params.provinces = JSON.stringify(filter.provinces);
    }
    if (filter.tracks?.length) {
      where.push('track IN (SELECT value FROM json_each(@tracks))');
      params.tracks = JSON.stringify(filter.tracks);
    }
    const search = filter.search?.trim();
    if (search) {
      // LIKE ignores the case of Latin letters (b2025 finds B2025, huawei Huawei); its wildcards
      // in what was typed are escaped. Ids are compared as imports store them (half-width).
      where.push(
        `(external_id LIKE @code ESCAPE '\\' OR title LIKE @search ESCAPE '\\'
          OR applicant LIKE @search ESCAPE '\\' OR province LIKE @search ESCAPE '\\'
          OR city LIKE @search ESCAPE '\\' OR track LIKE @search ESCAPE '\\')`,
      );
      params.search = containing(search);
      params.code = containing(normaliseCode(search));
    }
    const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const total = (
      this.db.prepare(`SELECT count(*) AS n FROM entry ${whereSql}`).get(params) as { n: number }
    ).n;
    // A sort with LIMIT keeps only offset + limit rows in hand, so a page past the middle is
    // read from the other end in reverse order and turned round: never more than half the rows.
    const end = Math.min(filter.offset + filter.limit, total);
    const reversed = total - filter.offset < end;
    const descending = (filter.direction === 'desc') !== reversed;
    const dir = descending ? 'DESC' : 'ASC';
    const order =
      filter.sort === 'programme'
        ? // (programme, external_id) is unique and leads entry_list_idx: no sort step at all.
          `programme ${dir}, external_id ${dir}`
        : `${SORT_COLUMNS[filter.sort]} ${dir}, id ${reversed ? 'DESC' : 'ASC'}`;
    const rows = this.db
      .prepare(
        `SELECT ${LIST_COLUMNS} FROM entry ${whereSql} ORDER BY ${order} LIMIT @limit OFFSET @offset`,
      )
      .all({
        ...params,
        limit: reversed ? Math.max(0, end - filter.offset) : filter.limit,
        offset: reversed ? total - end : filter.offset,
      }) as EntryRow[];
    return { total, rows: reversed ? rows.reverse() : rows };
  }

  /** Row id by external id: what files and rows named by entry id are matched against. */
  idsByExternalId(programme: Programme): Map<string, number> {
    const rows = this.db
      .prepare<[Programme], { id: number; external_id: string }>(
        'SELECT id, external_id FROM entry WHERE programme = ?',
      )
      .all(programme);
    return new Map(rows.map((row) => [row.external_id, row.id]));
  }

  /**
   * Up to `limit` entries after `after` in (programme, external_id) order, with what the
   * duplicate check groups them by, and the place to read on from (null after the last): read
   * from entry_list_idx alone, page by page.
   */
  applicantsAfter(
    after: EntryKey | null,
    limit: number,
  ): { applicants: EntryApplicant[]; next: EntryKey | null } {
    const rows = after
      ? this.applicantsAfterStatement.all({ ...after, limit })
      : this.applicantsFirstStatement.all({ limit });
    const last = rows.length === limit ? rows.at(-1) : undefined;
    return {
      applicants: rows.map(([id, programme, , applicant]) => ({ id, programme, applicant })),
      next: last ? { programme: last[1], external_id: last[2] } : null,
    };
  }

  /** The texts the duplicate check compares, of the entries it grouped (`applicants`). */
  duplicateTexts(applicants: readonly EntryApplicant[]): EntryTexts[] {
    const byId = new Map(applicants.map((entry) => [entry.id, entry]));
    const texts: EntryTexts[] = [];
    for (const [id, title, summary, track] of this.textsStatement.all(
      JSON.stringify(applicants.map((entry) => entry.id)),
    )) {
      const entry = byId.get(id);
      if (entry) {
        texts.push({
          id,
          programme: entry.programme,
          applicant: entry.applicant,
          title,
          summary,
          track,
        });
      }
    }
    return texts;
  }

  /** The verbatim source rows of the entries `ids` names (read them with `sourcePairs`). */
  sourceRows(ids: readonly number[]): EntrySource[] {
    return this.sourceStatement.all(JSON.stringify(ids));
  }

  /**
   * The row id of a source header list (JSON array), kept once for all the entries whose source
   * rows have these headers: added in the write that first needs it.
   */
  sourceColumns(headersJson: string): number {
    return (
      this.headersId.get(headersJson) ?? Number(this.insertHeaders.run(headersJson).lastInsertRowid)
    );
  }

  /**
   * The provinces or tracks of the entries (of one programme, if given) with how many entries
   * have each, most entries first: what the list's filters offer.
   */
  facet(
    column: 'province' | 'track',
    programme: Programme | undefined,
  ): Array<{ value: string; count: number }> {
    return this.db
      .prepare<{ programme: Programme | null }, { value: string; count: number }>(
        `SELECT ${column} AS value, count(*) AS count FROM entry
         WHERE ${column} IS NOT NULL AND (@programme IS NULL OR programme = @programme)
         GROUP BY ${column} ORDER BY count DESC, value`,
      )
      .all({ programme: programme ?? null });
  }

  /** The entries `ids` names, as lists show them. */
  rowsByIds(ids: readonly number[]): EntryRow[] {
    return this.rowsStatement.all(JSON.stringify(ids));
  }

  /**
   * Changes whenever an entry is added or changed: entries are written only by imports, each of
   * which records its batch in the same transaction, and never deleted. Results computed over
   * all entries can be kept until then. Two index lookups, not a scan of the entry rows.
   */
  revision(): string {
    const row = this.revisionStatement.get();
    return `${row?.n ?? 0}:${row?.batch ?? 0}`;
  }

  countByProgramme(): Record<Programme, number> {
    const counts: Record<Programme, number> = { bloom: 0, pioneer: 0 };
    for (const row of this.db
      .prepare<[], { programme: Programme; n: number }>(
        'SELECT programme, count(*) AS n FROM entry GROUP BY programme',
      )
      .all()) {
      counts[row.programme] = row.n;
    }
    return counts;
  }

  /** External ids of the given programme's entries that have any review. */
  externalIdsWithReviews(programme: Programme): Set<string> {
    const rows = this.db
      .prepare<[Programme], { external_id: string }>(
        `SELECT DISTINCT e.external_id FROM entry e JOIN review r ON r.entry_id = e.id
         WHERE e.programme = ?`,
      )
      .all(programme);
    return new Set(rows.map((row) => row.external_id));
  }
}
