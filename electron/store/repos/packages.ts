// Panel packages and what merging their packets keeps (migration 0011): the packages issued (in
// the organiser's project) or the package itself (in a package file, with its private key), the
// merge baseline of each packaged review, and clashes waiting for the organiser.
import type { Db } from '../database';

export interface PackageRecord {
  uuid: string;
  round_id: number;
  reviewer_id: number;
  public_key: string;
  /** Only inside the package file itself. */
  private_key: string | null;
  include_contacts: 0 | 1;
  encrypted: 0 | 1;
  /** Packets written (in the package) or the newest merged (in the organiser's project). */
  sequence: number;
  created_at: string;
  /** The organiser's key that certified `public_key`, and its signature (store/chain-seal.ts). */
  certified_by: string | null;
  certificate: string | null;
}

/** A package issued, as a list shows it. */
export interface PackageListing extends PackageRecord {
  reviewer_external_id: string;
  reviews: number;
  open_clashes: number;
}

export interface PackageReviewTrack {
  entry_id: number;
  base_version: number;
  packet_version: number;
}

export type ClashStatus = 'open' | 'kept_project' | 'took_packet';

export interface ClashRecord {
  id: number;
  package_uuid: string;
  entry_id: number;
  packet_sequence: number;
  project_version: number;
  packet_version: number;
  project_json: string;
  packet_json: string;
  status: ClashStatus;
  found_at: string;
  resolved_at: string | null;
}

export type NewClash = Omit<ClashRecord, 'id' | 'status' | 'resolved_at'>;

export class PackageRepository {
  private readonly byUuid;
  private readonly ownStatement;
  private readonly insertStatement;
  private readonly trackStatement;
  private readonly tracksStatement;
  private readonly setTrackStatement;
  private readonly setTracksStatement;
  private readonly setSequenceStatement;
  private readonly openClashStatement;
  private readonly insertClashStatement;
  private readonly replaceClashStatement;
  private readonly clashStatement;
  private readonly resolveStatement;
  private readonly saveContentStatement;
  private readonly contentStatement;

  constructor(private readonly db: Db) {
    this.byUuid = db.prepare<[string], PackageRecord>('SELECT * FROM panel_package WHERE uuid = ?');
    this.ownStatement = db.prepare<[], PackageRecord>(
      'SELECT * FROM panel_package WHERE private_key IS NOT NULL',
    );
    this.insertStatement = db.prepare(
      `INSERT INTO panel_package (uuid, round_id, reviewer_id, public_key, private_key,
         include_contacts, encrypted, sequence, created_at, certified_by, certificate)
       VALUES (@uuid, @round_id, @reviewer_id, @public_key, @private_key, @include_contacts,
         @encrypted, @sequence, @created_at, @certified_by, @certificate)`,
    );
    this.trackStatement = db.prepare(
      `INSERT INTO panel_review (package_uuid, entry_id, base_version, packet_version)
       VALUES (?, ?, ?, ?)`,
    );
    this.tracksStatement = db.prepare<[string], PackageReviewTrack>(
      'SELECT entry_id, base_version, packet_version FROM panel_review WHERE package_uuid = ?',
    );
    this.setTrackStatement = db.prepare(
      `UPDATE panel_review SET base_version = ?, packet_version = ?
       WHERE package_uuid = ? AND entry_id = ?`,
    );
    // The rows outermost, each finding its baseline by key (every one of them exists).
    this.setTracksStatement = db.prepare(
      `INSERT INTO panel_review (package_uuid, entry_id, base_version, packet_version)
       SELECT @uuid, j.value ->> 'entry_id', j.value ->> 'base_version',
         j.value ->> 'packet_version'
       FROM json_each(@rows) j WHERE true
       ON CONFLICT (package_uuid, entry_id) DO UPDATE SET base_version = excluded.base_version,
         packet_version = excluded.packet_version`,
    );
    this.setSequenceStatement = db.prepare(
      'UPDATE panel_package SET sequence = max(sequence, ?) WHERE uuid = ?',
    );
    this.openClashStatement = db.prepare<[string, number], ClashRecord>(
      "SELECT * FROM packet_clash WHERE package_uuid = ? AND entry_id = ? AND status = 'open'",
    );
    this.insertClashStatement = db.prepare(
      `INSERT INTO packet_clash (package_uuid, entry_id, packet_sequence, project_version,
         packet_version, project_json, packet_json, found_at)
       VALUES (@package_uuid, @entry_id, @packet_sequence, @project_version, @packet_version,
         @project_json, @packet_json, @found_at)`,
    );
    this.replaceClashStatement = db.prepare(
      `UPDATE packet_clash SET packet_sequence = @packet_sequence,
         project_version = @project_version, packet_version = @packet_version,
         project_json = @project_json, packet_json = @packet_json, found_at = @found_at
       WHERE id = @id`,
    );
    this.clashStatement = db.prepare<[number], ClashRecord>(
      'SELECT * FROM packet_clash WHERE id = ?',
    );
    this.resolveStatement = db.prepare(
      "UPDATE packet_clash SET status = ?, resolved_at = ? WHERE id = ? AND status = 'open'",
    );
    this.saveContentStatement = db.prepare(
      'INSERT INTO attachment_content (attachment_id, bytes) VALUES (?, ?)',
    );
    this.contentStatement = db.prepare<[number], { bytes: Buffer }>(
      'SELECT bytes FROM attachment_content WHERE attachment_id = ?',
    );
  }

  get(uuid: string): PackageRecord | undefined {
    return this.byUuid.get(uuid);
  }

  /** In a package file: the package itself (the row holding its private key). */
  own(): PackageRecord | undefined {
    return this.ownStatement.get();
  }

  /** Records a package with the baseline of each of its reviews (entry row id → version). */
  insert(record: PackageRecord, baselines: ReadonlyMap<number, number>): void {
    this.insertStatement.run(record);
    for (const [entryId, version] of baselines) {
      this.trackStatement.run(record.uuid, entryId, version, version);
    }
  }

  /** The packages issued for a round (all rounds when null), newest first. */
  list(roundId: number | null): PackageListing[] {
    return this.db
      .prepare<[number | null, number | null], PackageListing>(
        `SELECT p.*, rv.external_id AS reviewer_external_id,
           (SELECT count(*) FROM panel_review t WHERE t.package_uuid = p.uuid) AS reviews,
           (SELECT count(*) FROM packet_clash c
            WHERE c.package_uuid = p.uuid AND c.status = 'open') AS open_clashes
         FROM panel_package p JOIN reviewer rv ON rv.id = p.reviewer_id
         WHERE p.private_key IS NULL AND (? IS NULL OR p.round_id = ?)
         ORDER BY p.created_at DESC, rv.external_id`,
      )
      .all(roundId, roundId);
  }

  /** The merge baseline of every review of a package, by entry row id. */
  tracks(uuid: string): Map<number, PackageReviewTrack> {
    return new Map(this.tracksStatement.all(uuid).map((track) => [track.entry_id, track]));
  }

  setTrack(uuid: string, entryId: number, baseVersion: number, packetVersion: number): void {
    this.setTrackStatement.run(baseVersion, packetVersion, uuid, entryId);
  }

  /** Sets many baselines at once (a packet's merge): rows of entry row id, base and packet version. */
  setTracks(
    uuid: string,
    rows: ReadonlyArray<{ entry_id: number; base_version: number; packet_version: number }>,
  ): void {
    // One statement over the rows as JSON: a merge moves 5,000 baselines at once.
    this.setTracksStatement.run({ uuid, rows: JSON.stringify(rows) });
  }

  /** Raises the package's sequence to `sequence` (never lowers it). */
  setSequence(uuid: string, sequence: number): void {
    this.setSequenceStatement.run(sequence, uuid);
  }

  /** Records a clash; an open one of the same review takes the newer sides instead. */
  putClash(clash: NewClash): number {
    const open = this.openClashStatement.get(clash.package_uuid, clash.entry_id);
    if (open) {
      this.replaceClashStatement.run({ ...clash, id: open.id });
      return open.id;
    }
    return Number(this.insertClashStatement.run(clash).lastInsertRowid);
  }

  clash(id: number): ClashRecord | undefined {
    return this.clashStatement.get(id);
  }

  /** Open clashes (of one round, if given), oldest first, with the names a list shows. */
  openClashes(roundId: number | null): Array<
    ClashRecord & {
      round_id: number;
      reviewer_id: number;
      reviewer_external_id: string;
      entry_external_id: string;
      title: string;
    }
  > {
    return this.db
      .prepare<
        [number | null, number | null],
        ClashRecord & {
          round_id: number;
          reviewer_id: number;
          reviewer_external_id: string;
          entry_external_id: string;
          title: string;
        }
      >(
        `SELECT c.*, p.round_id, p.reviewer_id, rv.external_id AS reviewer_external_id,
           e.external_id AS entry_external_id, e.title
         FROM packet_clash c JOIN panel_package p ON p.uuid = c.package_uuid
           JOIN reviewer rv ON rv.id = p.reviewer_id JOIN entry e ON e.id = c.entry_id
         WHERE c.status = 'open' AND (? IS NULL OR p.round_id = ?)
         ORDER BY c.id`,
      )
      .all(roundId, roundId);
  }

  /** False when the clash was no longer open. */
  resolve(id: number, status: Exclude<ClashStatus, 'open'>, now: string): boolean {
    return this.resolveStatement.run(status, now, id).changes > 0;
  }

  /** Keeps an attachment's bytes in the file (a package carries its attachments). */
  saveContent(attachmentId: number, bytes: Uint8Array): void {
    this.saveContentStatement.run(attachmentId, bytes);
  }

  /** An attachment's bytes carried in the file, or undefined when it is read from its path. */
  content(attachmentId: number): Buffer | undefined {
    return this.contentStatement.get(attachmentId)?.bytes;
  }
}
