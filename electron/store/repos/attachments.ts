// Attachments: files on disk linked to an entry, with the size and hash they had when linked.
import type { Db } from '../database';

export interface AttachmentValues {
  entry_id: number;
  file_name: string;
  path: string;
  size: number;
  sha256: string;
  mime: string;
  linked_at: string;
}

export interface AttachmentRecord extends AttachmentValues {
  id: number;
}

export type AttachmentListing = Pick<AttachmentRecord, 'id' | 'file_name' | 'size' | 'mime'>;

export class AttachmentRepository {
  private readonly upsertStatement;
  private readonly byId;
  private readonly byEntry;

  constructor(db: Db) {
    // Linking the same file again refreshes its row (same id), so re-linking is idempotent.
    this.upsertStatement = db.prepare(
      `INSERT INTO attachment (entry_id, file_name, path, size, sha256, mime, linked_at)
       VALUES (@entry_id, @file_name, @path, @size, @sha256, @mime, @linked_at)
       ON CONFLICT (entry_id, path) DO UPDATE SET file_name = excluded.file_name,
         size = excluded.size, sha256 = excluded.sha256, mime = excluded.mime,
         linked_at = excluded.linked_at`,
    );
    this.byId = db.prepare<[number], AttachmentRecord>('SELECT * FROM attachment WHERE id = ?');
    this.byEntry = db.prepare<[number], AttachmentListing>(
      'SELECT id, file_name, size, mime FROM attachment WHERE entry_id = ? ORDER BY file_name, id',
    );
  }

  upsert(values: AttachmentValues): void {
    this.upsertStatement.run(values);
  }

  get(id: number): AttachmentRecord | undefined {
    return this.byId.get(id);
  }

  listForEntry(entryId: number): AttachmentListing[] {
    return this.byEntry.all(entryId);
  }
}
