// The project file: `init` creates it, `verify` checks its audit chain and integrity, `backup`
// copies it beside itself (or lists the copies).
import type { Command } from 'commander';
import { ExitError } from '../exit';
import { call, session, withProject } from '../operations';
import { printJson, say } from '../output';

export function initCommand(program: Command): void {
  program
    .command('init')
    .description('创建项目文件 / create a project file (SQLite)')
    .argument('<project>', 'project file, e.g. review.sailreview')
    .option('--name <name>', '项目名称 / project name')
    .action(async (project: string, options: { name?: string }) => {
      const info = await call('project.create', { path: project, name: options.name });
      session.close();
      say(`已创建项目：${info.path}`, `Project created: ${info.path}`);
    });
}

export function verifyCommand(program: Command): void {
  program
    .command('verify')
    .description('校验审计链与数据库完整性 / verify the audit chain and database integrity')
    .argument('<project>')
    .action(async (project: string) => {
      await withProject(project, async () => {
        const report = await call('project.verify', {});
        if (!report.ok) {
          const { unaudited_exports: unaudited, audit_broken_at: brokenAt } = report;
          const { total, first } = report.damaged_scores;
          const zh = [
            `数据库 ${report.integrity}`,
            `审计链${brokenAt === null ? '完好' : `在第 ${brokenAt} 条事件处断开`}`,
          ];
          const en = [
            `database ${report.integrity}`,
            `audit chain ${brokenAt === null ? 'intact' : `broken at event ${brokenAt}`}`,
          ];
          if (unaudited.length > 0) {
            zh.push(
              `${unaudited.length} 条导出记录没有对应的审计事件（编号 ${unaudited.join('、')}）`,
            );
            en.push(
              `${unaudited.length} export records without their audit event (ids ${unaudited.join(', ')})`,
            );
          }
          if (total > 0) {
            const more = total - first.length;
            zh.push(
              [
                `${total} 个分数不合评分规则（文件可能已损坏，请从备份恢复）：`,
                ...first.map(
                  (s) =>
                    `  评审批次“${s.round}” 项目 ${s.entry_id} 专家 ${s.reviewer_id} 评分项 ${s.criterion}：${s.points}${s.max === null ? '（评分细则没有该评分项）' : `（应为 0–${s.max}，步长 0.5）`}`,
                ),
                ...(more > 0 ? [`  ……另有 ${more} 个`] : []),
              ].join('\n'),
            );
            en.push(
              [
                `${total} scores break the scoring rules (the file may be damaged; restore a backup):`,
                ...first.map(
                  (s) =>
                    `  round "${s.round}" entry ${s.entry_id} reviewer ${s.reviewer_id} criterion ${s.criterion}: ${s.points}${s.max === null ? ' (no such criterion in its rubric)' : ` (must be 0–${s.max} in steps of 0.5)`}`,
                ),
                ...(more > 0 ? [`  … and ${more} more`] : []),
              ].join('\n'),
            );
          }
          throw new ExitError(3, {
            code: 'integrity_failed',
            message_zh: `校验失败：${zh.join('；')}`,
            message_en: `Verification failed: ${en.join('; ')}`,
          });
        }
        say(
          `校验通过：数据库完整，审计链 ${report.audit_events} 条事件完好`,
          `Verified: database intact, audit chain of ${report.audit_events} events holds`,
        );
      });
    });
}

export function backupCommand(program: Command): void {
  program
    .command('backup')
    .description(
      '备份项目（复制到项目文件旁的“-备份”文件夹，保留最近 10 份）/ back the project up (a copy in the "-备份" folder beside it; the newest 10 are kept)',
    )
    .argument('<project>')
    .option('--list', '列出已有备份，不新建 / list the backups instead of taking one')
    .option('--json', 'JSON 输出 / JSON output')
    .action(async (project: string, options: { list?: boolean; json?: boolean }) => {
      await withProject(project, async () => {
        if (options.list) {
          const { folder, backups } = await call('project.backups', {});
          if (options.json) return printJson({ folder, backups });
          for (const b of backups) {
            process.stdout.write(`${b.created_at}\t${b.bytes}\t${b.path}\n`);
          }
          say(
            `共 ${backups.length} 份备份，位于 ${folder}`,
            `${backups.length} backups in ${folder}`,
          );
          return;
        }
        const backup = await call('project.backup', {});
        if (options.json) return printJson(backup);
        say(`已备份到 ${backup.path}`, `Backed up to ${backup.path}`);
      });
    });
}
