// Reviewers: `reviewers import` (the expert list).
import type { Command } from 'commander';
import { call, withProject } from '../operations';
import { say } from '../output';

export function reviewersCommand(program: Command): void {
  program
    .command('reviewers')
    .description('评审专家 / reviewers')
    .command('import')
    .description('导入专家名单 / import the expert list (CSV/XLSX)')
    .argument('<project>')
    .argument('<file>')
    .action(async (project: string, file: string) => {
      await withProject(project, async () => {
        const summary = await call('reviewers.import', { path: file });
        say(
          `共 ${summary.rows} 位专家：新增 ${summary.inserted}，更新 ${summary.updated}，未变 ${summary.unchanged}，拒绝 ${summary.rejected.length}`,
          `${summary.rows} reviewers: ${summary.inserted} inserted, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.rejected.length} rejected`,
        );
        for (const r of summary.rejected)
          say(`  第 ${r.row} 行：${r.reason_zh}`, `  row ${r.row}: ${r.reason_en}`);
      });
    });
}
