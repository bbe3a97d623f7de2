// A panel package's data (issue 14), copied from the organiser's project into a new project held
// in memory: the project's uuid, the round, one reviewer, only the entries given to them (or
// already reviewed by them) with their attachments, the rubric versions the round pins, their own
// reviews, and nothing else — no other expert, review, conflict, import record or audit event.
// Contacts are left out unless the organiser includes them (core/panel-contacts.ts).
import { SailError } from '../core/errors';
import { withoutContacts } from '../core/panel-contacts';
import type { Programme } from '../core/domain';
import type { Db } from './database';
import { sourcePairs } from './repos/entries';
import type { PackageRecord } from './repos/packages';

export interface PanelSpec {
  /** The package's file, naming it in messages. */
  file: string;
  round_id: number;
  round_uuid: string;
  reviewer_id: number;
  reviewer_external_id: string;
  /** The package's own record (with its private key), as the package file keeps it. */
  package: PackageRecord;
  /** The bytes of each attachment carried (by attachment row id); others are left out. */
  attachments: ReadonlyMap<number, Uint8Array>;
}

/**
 * Copies the package's rows from the project file at `sourcePath` (attached, read in one
 * transaction: one snapshot) into `db`, a new empty project in memory. Returns each packaged
 * entry's review version (0 for none): the merge baseline.
 */
export function copyPanel(db: Db, sourcePath: string, spec: PanelSpec): Map<number, number> {
  db.prepare('ATTACH DATABASE ? AS src').run(sourcePath);
  // Rows arrive table by table, parents last for some (entries before their import records are
  // dropped): the keys are checked once the copy is whole.
  db.pragma('foreign_keys = OFF');
  try {
    const baselines = db.transaction(() => copy(db, spec))();
    const broken = db.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0) throw new Error(`panel copy left ${broken.length} broken references`);
    return baselines;
  } finally {
    db.pragma('foreign_keys = ON');
    db.exec('DETACH DATABASE src');
  }
}

function copy(db: Db, spec: PanelSpec): Map<number, number> {
  const round = spec.round_id;
  const reviewer = spec.reviewer_id;
  const run = (sql: string, ...params: unknown[]) => db.prepare(sql).run(...params);

  run(
    `INSERT INTO main.project (id, uuid, name, kind, created_at, desk_mode, idle_lock_minutes)
     SELECT 1, uuid, name, 'panel', ?, 'expert', idle_lock_minutes FROM src.project WHERE id = 1`,
    spec.package.created_at,
  );
  run('INSERT OR IGNORE INTO main.sector SELECT * FROM src.sector');
  run('INSERT INTO main.reviewer SELECT * FROM src.reviewer WHERE id = ?', reviewer);
  // Their identity, not how to reach them; no PIN: the passphrase protects a package.
  run(
    `UPDATE main.reviewer SET pin_hash = NULL
       ${spec.package.include_contacts ? '' : ', phone = NULL, email = NULL, source_json = NULL'}`,
  );
  run('INSERT INTO main.round SELECT * FROM src.round WHERE id = ?', round);

  run('CREATE TEMP TABLE panel_entry (id INTEGER PRIMARY KEY)');
  try {
    run(
      `INSERT OR IGNORE INTO temp.panel_entry
       SELECT entry_id FROM src.assignment WHERE round_id = ? AND reviewer_id = ?
       UNION SELECT entry_id FROM src.review WHERE round_id = ? AND reviewer_id = ?`,
      round,
      reviewer,
      round,
      reviewer,
    );
    const inPanel = 'IN (SELECT id FROM temp.panel_entry)';

    // The versions the round pins and those its packaged entries and reviews use. Inserted
    // unfrozen (a frozen version takes no criteria), then frozen as in the project.
    run(
      `CREATE TEMP TABLE panel_rubric AS
       SELECT rubric_id AS id FROM src.round_rubric WHERE round_id = @round
       UNION SELECT rubric_id FROM src.round_entry WHERE round_id = @round AND entry_id ${inPanel}
       UNION SELECT rubric_id FROM src.review WHERE round_id = @round AND reviewer_id = @reviewer`,
      { round, reviewer },
    );
    run(
      `INSERT INTO main.rubric (id, sector, version, name_zh, name_en, tie_break_json, origin,
         frozen, created_at)
       SELECT id, sector, version, name_zh, name_en, tie_break_json, origin, 0, created_at
       FROM src.rubric WHERE id IN (SELECT id FROM temp.panel_rubric)`,
    );
    run(
      'INSERT INTO main.criterion SELECT * FROM src.criterion WHERE rubric_id IN (SELECT id FROM temp.panel_rubric)',
    );
    run(
      'INSERT INTO main.gate SELECT * FROM src.gate WHERE rubric_id IN (SELECT id FROM temp.panel_rubric)',
    );
    run(`UPDATE main.rubric SET frozen = (SELECT frozen FROM src.rubric s WHERE s.id = rubric.id)`);
    run('DROP TABLE temp.panel_rubric');

    run(`INSERT INTO main.entry SELECT * FROM src.entry WHERE id ${inPanel}`);
    // Import records (file names, rejected rows) stay with the organiser.
    run('UPDATE main.entry SET import_id = NULL');
    if (!spec.package.include_contacts) stripContacts(db);
    // The header lists of the source rows kept as values (none once contacts are stripped).
    run(
      `INSERT INTO main.source_columns SELECT * FROM src.source_columns
       WHERE id IN (SELECT source_columns_id FROM main.entry)`,
    );

    run('INSERT INTO main.round_rubric SELECT * FROM src.round_rubric WHERE round_id = ?', round);
    run(
      `INSERT INTO main.round_entry SELECT * FROM src.round_entry
       WHERE round_id = ? AND entry_id ${inPanel}`,
      round,
    );
    run(
      'INSERT INTO main.round_panel SELECT * FROM src.round_panel WHERE round_id = ? AND reviewer_id = ?',
      round,
      reviewer,
    );
    run(
      'INSERT INTO main.assignment SELECT * FROM src.assignment WHERE round_id = ? AND reviewer_id = ?',
      round,
      reviewer,
    );
    run(
      'INSERT INTO main.review SELECT * FROM src.review WHERE round_id = ? AND reviewer_id = ?',
      round,
      reviewer,
    );
    const ownReviews = 'IN (SELECT id FROM main.review)';
    run(`INSERT INTO main.score SELECT * FROM src.score WHERE review_id ${ownReviews}`);
    run(`INSERT INTO main.gate_answer SELECT * FROM src.gate_answer WHERE review_id ${ownReviews}`);

    // Attachments travel as content; the organiser's folders are not named.
    const attachment = db.prepare(
      `INSERT INTO main.attachment (id, entry_id, file_name, path, size, sha256, mime, linked_at)
       SELECT id, entry_id, file_name, file_name, size, sha256, mime, linked_at
       FROM src.attachment WHERE id = ? AND entry_id ${inPanel}`,
    );
    const content = db.prepare(
      'INSERT INTO main.attachment_content (attachment_id, bytes) VALUES (?, ?)',
    );
    for (const [id, bytes] of spec.attachments) {
      if (attachment.run(id).changes > 0) content.run(id, bytes);
    }

    const baselines = new Map<number, number>();
    for (const row of db
      .prepare<[number, number], { id: number; version: number | null }>(
        `SELECT p.id, r.version FROM temp.panel_entry p
         LEFT JOIN main.review r ON r.entry_id = p.id AND r.round_id = ? AND r.reviewer_id = ?
         ORDER BY p.id`,
      )
      .all(round, reviewer)) {
      baselines.set(row.id, row.version ?? 0);
    }
    if (baselines.size === 0) {
      throw new SailError(
        'nothing_to_package',
        `专家 ${spec.reviewer_external_id} 在该批次中没有分配的项目，无法生成评审包。请先分配。`,
        `Reviewer ${spec.reviewer_external_id} has no assigned entries in the round: there is nothing to package. Assign the round first.`,
      );
    }
    return baselines;
  } finally {
    db.exec('DROP TABLE IF EXISTS temp.panel_entry');
  }
}

/** Each packaged entry without contacts, in the mapped fields and in its source row. */
function stripContacts(db: Db): void {
  const rows = db
    .prepare<
      [],
      {
        id: number;
        programme: Programme;
        contact: string | null;
        summary: string | null;
        fields_json: string;
        source_json: string;
        source_headers: string | null;
        mapping_json: string | null;
      }
    >(
      `SELECT e.id, e.programme, e.contact, e.summary, e.fields_json, e.source_json,
         h.headers_json AS source_headers, b.mapping_json
       FROM main.entry e
         JOIN src.entry s ON s.id = e.id
         LEFT JOIN src.source_columns h ON h.id = s.source_columns_id
         LEFT JOIN src.import_batch b ON b.id = s.import_id`,
    )
    .all();
  // Kept as [header, value] pairs (the form entries stored before migration 15 have): the
  // package holds no header lists, whose rows would name the contact columns it leaves out.
  const update = db.prepare(
    `UPDATE main.entry SET contact = NULL, summary = ?, fields_json = ?, source_json = ?,
       source_columns_id = NULL WHERE id = ?`,
  );
  for (const row of rows) {
    const stripped = withoutContacts({
      programme: row.programme,
      contact: row.contact,
      fields: JSON.parse(row.fields_json) as Record<string, unknown>,
      source: sourcePairs(row),
      mapping: row.mapping_json
        ? (JSON.parse(row.mapping_json) as Record<string, string | null>)
        : null,
    });
    update.run(
      stripped.summary(row.summary),
      JSON.stringify(stripped.fields),
      JSON.stringify(stripped.source),
      row.id,
    );
  }
}
