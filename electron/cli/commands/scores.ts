// Scores: `scores import` (complete reviews are submitted).
import type { Command } from 'commander';
import { ExitError } from '../exit';
import { call, withProject } from '../operations';
import { say } from '../output';

/** The api says who reopens a locked round (experts read it too); the CLI also says how. */
function withReopenCommand(error: unknown, project: string, round: string): unknown {
  if (!(error instanceof ExitError) || error.userMessage.code !== 'round_locked') return error;
  const command = (reason: string) =>
    `sail-review round reopen "${project}" --name "${round}" --reason "${reason}"`;
  return new ExitError(error.exitCode, {
    ...error.userMessage,
    message_zh: `${error.userMessage.message_zh}\n主办方可用命令行重新开放：${command('原因')}`,
    message_en: `${error.userMessage.message_en}\nThe organiser can reopen it from the command line: ${command('why')}`,
  });
}

export function scoresCommand(program: Command): void {
  program
    .command('scores')
    .description('评分 / scores')
    .command('import')
    .description('导入评分（完整的评审自动提交）/ import scores (complete reviews are submitted)')
    .argument('<project>')
    .argument('<file>')
    .requiredOption('--round <name>')
    .action(async (project: string, file: string, options: { round: string }) => {
      await withProject(project, async () => {
        const summary = await call('scores.import', { round: options.round, path: file }).catch(
          (error: unknown) => {
            throw withReopenCommand(error, project, options.round);
          },
        );
        say(
          `共 ${summary.rows} 行：${summary.reviews} 份评审，已提交 ${summary.submitted}，未完成 ${summary.incomplete}，拒绝 ${summary.rejected.length} 行`,
          `${summary.rows} rows: ${summary.reviews} reviews, ${summary.submitted} submitted, ${summary.incomplete} incomplete, ${summary.rejected.length} rows rejected`,
        );
        for (const r of summary.rejected) {
          say(
            `  第 ${r.row} 行（${r.column ?? ''}）：${r.reason_zh}`,
            `  row ${r.row} (${r.column ?? ''}): ${r.reason_en}`,
          );
        }
      });
    });
}
