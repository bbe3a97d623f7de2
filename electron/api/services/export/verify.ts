// Checking a file against the exports recorded: found by its hash, vouched for by the audit
// chain, and compared with the digest of the data now.
import type { AggregationSettings } from '../../../core/domain';
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

export async function verifyExport(store: ProjectStore, path: string): Promise<ExportVerification> {
  // A regular file only, refused in both languages otherwise (io/user-file.ts).
  const sha256 = await sha256File(path);
  const row = store.exports.byFileHash(sha256)[0];
  const record = row ? historyItem(store, row) : null;
  const current = record ? currentDigest(store, record) : null;
  // The table alone could be edited to vouch for any file or digest; the hash-chained audit
  // event written with the record cannot be, short of breaking the chain.
  const audited =
    row !== undefined && store.verifyAudit().brokenAt === null && store.exports.audited(row);
  return {
    path,
    sha256,
    record,
    current_digest: current,
    audited,
    ok: record !== null && audited && current === record.data_digest,
  };
}
