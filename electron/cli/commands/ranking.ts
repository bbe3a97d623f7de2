// Ranking: `rank` (a round's ranking, as a table or CLI.md's JSON).
import type { Command } from 'commander';
import type { RankRow } from '../../api/contract';
import type { AGGREGATION_METHODS } from '../../core/domain';
import { methodDescription, ZSCORE_REVIEWER_FLAG_NAMES } from '../../core/vocabulary';
import { call, withProject } from '../operations';
import { methodOption, sectorKey, trimOption } from '../options';
import { printJsonList, say } from '../output';

/** A rank row exactly as CLI.md shapes it (rank --json): scripts rely on the shape. */
function rankJson(row: RankRow) {
  return {
    rank: row.rank,
    entry_id: row.entry_id,
    title: row.title,
    sector: row.sector,
    score: row.score,
    all_judge_mean: row.all_judge_mean,
    reviews: row.reviews,
    criteria: row.criteria,
    flags: row.flags,
    gate_failed: row.gate_failed,
  };
}

export function rankCommand(program: Command): void {
  program
    .command('rank')
    .description('计算排名 / rank a round')
    .argument('<project>')
    .requiredOption('--round <name>')
    .addOption(methodOption())
    .addOption(trimOption())
    .option('--sector <sector>', '领域（默认总排名）/ sector (default: overall)')
    .option('--json', 'JSON 输出 / JSON output')
    .action(
      async (
        project: string,
        options: {
          round: string;
          method?: (typeof AGGREGATION_METHODS)[number];
          trim?: number;
          sector?: string;
          json?: boolean;
        },
      ) => {
        await withProject(project, async () => {
          const result = await call('ranking.rank', {
            round: options.round,
            method: options.method,
            trim_k: options.trim,
            scope: options.sector === undefined ? 'overall' : sectorKey(options.sector ?? ''),
          });
          // Also with --json: the versions go to stderr, the JSON keeps CLI.md's shape.
          say(
            `评审批次“${result.round}”，方法：${methodDescription(result.settings.method, result.settings.trim_k).zh}，范围 ${result.scope}，评分细则：${result.rubrics.map((r) => `${r.name_zh} 第 ${r.version} 版`).join('、')}，同分比较：${result.tie_break_chain.join(' → ')}`,
            `Round "${result.round}", method: ${methodDescription(result.settings.method, result.settings.trim_k).en}, scope ${result.scope}, rubrics: ${result.rubrics.map((r) => `${r.name_en} v${r.version}`).join(', ')}, tie-break: ${result.tie_break_chain.join(' → ')}`,
          );
          if (options.json) {
            printJsonList(result.rows, rankJson);
            return;
          }
          if (result.reviewer_flags.length > 0) {
            say(
              `专家标准化时按原分计入的专家：${result.reviewer_flags.map((f) => `${f.reviewer_id}（${ZSCORE_REVIEWER_FLAG_NAMES[f.flag].zh}）`).join('、')}`,
              `Reviewers whose totals the per-expert z-score uses as they are: ${result.reviewer_flags.map((f) => `${f.reviewer_id} (${ZSCORE_REVIEWER_FLAG_NAMES[f.flag].en})`).join(', ')}`,
            );
          }
          for (const row of result.rows) {
            process.stdout.write(
              `${row.rank ?? '-'}\t${row.entry_id}\t${row.score?.toFixed(2) ?? '-'}\t${row.reviews}\t${row.title}\t${[...row.flags, ...(row.gate_failed ? [`gate:${row.gate_failed}`] : [])].join(',')}\n`,
            );
          }
        });
      },
    );
}
