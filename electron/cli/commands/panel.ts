// The panel: `conflicts` (回避: detection, then the list) and `assign` (分配), per design/CLI.md.
import { basename } from 'node:path';
import type { Command } from 'commander';
import { call, withProject } from '../operations';
import { parseCount } from '../options';
import { printJson, progressBar, say } from '../output';

const STATUS_NAMES = {
  potential: '待确认',
  confirmed: '已确认',
  dismissed: '已排除',
} as const;
const SOURCE_NAMES = { declared: '声明', detected: '检测' } as const;

export function conflictsCommand(program: Command): void {
  program
    .command('conflicts')
    .description('检测并列出回避关系 / detect and list conflicts of interest (回避)')
    .argument('<project>')
    .option('--round <name>', '只列出该批次的项目和专家 / only the round’s entries and panel')
    .option('--json', 'JSON 输出 / JSON output')
    .action(async (project: string, options: { round?: string; json?: boolean }) => {
      await withProject(project, async () => {
        const detection = await call('conflicts.detect', {}, progressBar(basename(project)));
        say(
          `已检查 ${detection.reviewers} 位专家 × ${detection.entries} 个项目：发现 ${detection.found} 对回避关系，新增 ${detection.added}，不再匹配而移除 ${detection.dropped}（已作出的决定保留）`,
          `Checked ${detection.reviewers} reviewers × ${detection.entries} entries: ${detection.found} conflicts found, ${detection.added} new, ${detection.dropped} no longer matching removed (decisions kept)`,
        );
        const list = await call('conflicts.list', { round: options.round });
        if (options.json) {
          // CLI.md's shape exactly: scripts rely on it.
          printJson({
            conflicts: list.conflicts.map((c) => ({
              reviewer_id: c.reviewer_id,
              entry_id: c.entry_id,
              source: c.source,
              status: c.status,
              reason_zh: c.reason_zh,
              reason_en: c.reason_en,
            })),
          });
          return;
        }
        say(
          `待确认 ${list.counts.potential}，已确认 ${list.counts.confirmed}，已排除 ${list.counts.dismissed}`,
          `${list.counts.potential} potential, ${list.counts.confirmed} confirmed, ${list.counts.dismissed} dismissed`,
        );
        for (const c of list.conflicts) {
          process.stdout.write(
            `${c.reviewer_id}\t${c.entry_id}\t${SOURCE_NAMES[c.source]} ${c.source}\t${STATUS_NAMES[c.status]} ${c.status}\t${c.reason_zh}\n`,
          );
        }
      });
    });
}

export function assignCommand(program: Command): void {
  program
    .command('assign')
    .description('分配评审专家 / assign reviewers to a round’s entries')
    .argument('<project>')
    .requiredOption('--round <name>')
    .requiredOption('--per-entry <K>', '每个项目的专家数 / reviewers per entry', (value) =>
      parseCount(value, '--per-entry'),
    )
    .option('--seed <N>', '随机种子（相同种子结果相同）/ seed (same seed, same result)', (value) =>
      parseCount(value, '--seed', 0),
    )
    .option('--json', 'JSON 输出 / JSON output')
    .action(
      async (
        project: string,
        options: { round: string; perEntry: number; seed?: number; json?: boolean },
      ) => {
        await withProject(project, async () => {
          const run = await call(
            'assignments.run',
            { round: options.round, per_entry: options.perEntry, seed: options.seed ?? 1 },
            progressBar(options.round),
          );
          const share = Math.round(run.sector_expert_share * 1000) / 10;
          say(
            `新分配 ${run.assignments.length} 对，保留原有 ${run.kept} 个评审位；每位专家的分配数 ${run.load.min}–${run.load.max}（相差 ${run.load.spread}）；有本领域专家的项目占 ${share}%；未分配满的项目 ${run.unassigned.length} 个`,
            `${run.assignments.length} pairs assigned, ${run.kept} existing slots kept; load per reviewer ${run.load.min}–${run.load.max} (spread ${run.load.spread}); entries with a sector expert: ${share}%; entries left short: ${run.unassigned.length}`,
          );
          if (options.json) {
            // CLI.md's shape exactly: scripts rely on it.
            printJson({ assignments: run.assignments, unassigned: run.unassigned });
            return;
          }
          for (const u of run.unassigned) {
            say(`  ${u.entry_id}：${u.reason_zh}`, `  ${u.entry_id}: ${u.reason_en}`);
          }
          for (const a of run.assignments)
            process.stdout.write(`${a.entry_id}\t${a.reviewer_id}\n`);
        });
      },
    );
}
