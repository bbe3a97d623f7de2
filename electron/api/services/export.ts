// Exporting a ranking as CSV, recorded with the digest of the data it was computed from.
import { basename } from 'node:path';
import { SECTOR_NAMES, isSectorKey } from '../../core/sectors';
import type { RankFlag } from '../../core/domain';
import { writeCsvFile } from '../../io/export/csv';
import { sha256File } from '../../io/file-hash';
import type { TaskControl } from '../../io/import-types';
import { exportCancelled } from '../../io/task-steps';
import type { ProjectStore } from '../../store/project-store';
import type { ExportRecord } from '../contract';
import type { RoundRanking } from './ranking';

const FLAG_NAMES: Record<RankFlag, string> = {
  too_few_to_trim: '评审数不足以去掉最高最低分',
  insufficient_reviews: '评审数不足',
  disagreement: '评分分歧大',
  tie: '并列',
};

export function rankingTable(store: ProjectStore, ranking: RoundRanking) {
  const criteria = new Map<string, string>();
  for (const pin of ranking.rubrics) {
    for (const criterion of store.rubrics.require(pin.rubric_id).criteria) {
      if (!criteria.has(criterion.key))
        criteria.set(criterion.key, `${criterion.name_zh} (${criterion.key})`);
    }
  }
  const headers = [
    '排名 rank',
    '编号 entry_id',
    '项目名称 title',
    '申报单位 applicant',
    '省份 province',
    '领域 sector',
    '得分 score',
    '全体评委平均分 all_judge_mean',
    '评审数 reviews',
    ...criteria.values(),
    '标记 flags',
    '未通过门槛 gate_failed',
  ];
  const rows = ranking.rows.map((row) => [
    row.rank,
    row.entry_id,
    row.title,
    row.applicant,
    row.province,
    row.sector && isSectorKey(row.sector) ? SECTOR_NAMES[row.sector].zh : row.sector,
    row.score,
    row.all_judge_mean,
    row.reviews,
    ...[...criteria.keys()].map((key) => row.criteria[key] ?? null),
    row.flags.map((flag) => `${FLAG_NAMES[flag]} ${flag}`).join('; '),
    row.gate_failed,
  ]);
  return { headers, rows };
}

export async function exportRankingCsv(
  store: ProjectStore,
  ranking: RoundRanking,
  path: string,
  { signal, onProgress }: TaskControl = {},
): Promise<ExportRecord> {
  const { headers, rows } = rankingTable(store, ranking);
  onProgress?.({ phase: 'write', done: 0, total: rows.length, unit: 'rows' });
  try {
    await writeCsvFile(path, headers, rows, signal);
  } catch (error) {
    if (signal?.aborted) throw exportCancelled();
    throw error;
  }
  // Past the rename the file is in place: the export finishes and is recorded, cancel or not.
  const fileHash = await sha256File(path);
  const dataDigest = ranking.dataDigest();
  const settings = {
    scope: ranking.scope,
    ...ranking.settings,
    rubrics: ranking.rubrics,
    tie_break_chain: ranking.tie_break_chain,
  };
  store.write(
    {
      action: 'export.ranking',
      subject: `${ranking.round_uuid}:${basename(path)}`,
      payload: { format: 'csv', sha256: fileHash, data_digest: dataDigest, settings },
    },
    () =>
      store.exports.insert({
        round_id: ranking.round_id,
        format: 'csv',
        file_name: basename(path),
        file_sha256: fileHash,
        data_digest: dataDigest,
        settings_json: JSON.stringify(settings),
        rows: rows.length,
        created_at: new Date().toISOString(),
      }),
  );
  onProgress?.({ phase: 'write', done: rows.length, total: rows.length, unit: 'rows' });
  return {
    path,
    format: 'csv',
    rows: rows.length,
    sha256: fileHash,
    data_digest: dataDigest,
  };
}
