// Checking a file against the exports recorded: found by its hash, vouched for by the audit
// chain (intact, every row as it recorded, its head signed), and the digest the file itself
// carries compared with the digest of the data now.
import type { AggregationSettings } from '../../../core/domain';
import { pdfFileDigest, tableDigest } from '../../../io/export/embedded-digest';
import { sha256File } from '../../../io/file-hash';
import type { ProjectStore } from '../../../store/project-store';
import type { ExportHistoryItem, ExportVerification } from '../../contract';
import { OVERALL, rankRound } from '../ranking';
import { historyItem } from './history';

/** The digest of a round's data now, ranked with the settings an export recorded. */
function currentDigest(store: ProjectStore, record: ExportHistoryItem): string | null {
  if (record.round === null) return null;
  const { method, trim_k } = record.settings as Partial<AggregationSettings>;
  return rankRound(store, record.round, { method, trim_k }, OVERALL).dataDigest();
}

/** The digest the file states, read from it as its format carries it. */
async function fileDigest(path: string, format: string): Promise<string | null> {
  if (format === 'pdf') return pdfFileDigest(path);
  if (format === 'csv' || format === 'xlsx') return tableDigest(path, format);
  return null;
}

/** The chain vouches for the data: intact, every row as it recorded, its head signed. */
function chainHolds(store: ProjectStore): boolean {
  const { brokenAt, rows, seal } = store.verifyChain();
  return (
    brokenAt === null &&
    rows.brokenEvents.length === 0 &&
    rows.differences.length === 0 &&
    (seal.status === 'valid' || seal.status === 'not_signed')
  );
}

export async function verifyExport(store: ProjectStore, path: string): Promise<ExportVerification> {
  // A regular file only, refused in both languages otherwise (io/user-file.ts).
  const sha256 = await sha256File(path);
  const row = store.exports.byFileHash(sha256)[0];
  const record = row ? historyItem(store, row) : null;
  const current = record ? currentDigest(store, record) : null;
  // Read only from a file this project exported (its hash is recorded): a format we wrote.
  const embedded = record ? await fileDigest(path, record.format) : null;
  // The table alone could be edited to vouch for any file or digest; the hash-chained audit
  // event written with the record cannot be, short of rewriting the chain, which its signed
  // head shows.
  const audited = row !== undefined && store.exports.audited(row) && chainHolds(store);
  return {
    path,
    sha256,
    record,
    current_digest: current,
    file_digest: embedded,
    audited,
    ok:
      record !== null &&
      audited &&
      embedded !== null &&
      current === embedded &&
      current === record.data_digest,
  };
}
