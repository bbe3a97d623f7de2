// The record of a project's exports, newest first.
import type { ProjectStore } from '../../../store/project-store';
import type { ExportRow } from '../../../store/repos/exports';
import type { ExportHistoryItem } from '../../contract';
import { requireRound } from '../rounds';

export function historyItem(store: ProjectStore, row: ExportRow): ExportHistoryItem {
  return {
    id: row.id,
    round: row.round_id === null ? null : (store.rounds.byId(row.round_id)?.name ?? null),
    format: row.format,
    file_name: row.file_name,
    sha256: row.file_sha256,
    data_digest: row.data_digest,
    rows: row.rows,
    created_at: row.created_at,
    settings: JSON.parse(row.settings_json) as Record<string, unknown>,
  };
}

export function exportHistory(
  store: ProjectStore,
  round: string | undefined,
  limit: number,
): ExportHistoryItem[] {
  const roundId = round === undefined ? null : requireRound(store, round).id;
  return store.exports.list(roundId, limit).map((row) => historyItem(store, row));
}
