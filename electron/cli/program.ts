// The `sail-review` program: its commands in the order --help lists them (design/CLI.md), and
// how a run ends — exit 0 done, 1 usage, 2 input rejected, 3 integrity failure.
import { Command, CommanderError } from 'commander';
import { deskCommand } from './commands/desk';
import { entriesCommand, importCommand } from './commands/entries';
import { exportCommand, verifyExportCommand } from './commands/export';
import { packetCommands, panelCommand } from './commands/packets';
import { assignCommand, conflictsCommand } from './commands/panel';
import { backupCommand, initCommand, verifyCommand } from './commands/project';
import { rankCommand } from './commands/ranking';
import { reviewersCommand } from './commands/reviewers';
import { roundCommands } from './commands/rounds';
import { rubricCommands } from './commands/rubrics';
import { scoresCommand } from './commands/scores';
import { EXIT_BY_CODE, ExitError } from './exit';
import { closeSession } from './operations';
import { passphraseFileOption } from './options';
import { say } from './output';

const program = new Command()
  .name('sail-review')
  .description('扬帆评审 SailReview — 5G 应用案例专家评审 / expert review of 5G application cases')
  .showHelpAfterError()
  .exitOverride()
  .addHelpText(
    'after',
    `
退出码 / exit codes:
  0  完成 / done
  1  用法错误 / usage error
  2  输入被拒绝、文件无法读取、项目被其他程序占用或磁盘已满（未写入任何内容）
     input rejected, file unreadable, project held by another program or disk full (nothing written)
  3  完整性校验失败 / integrity failure`,
  );

for (const addTo of [
  initCommand,
  importCommand,
  entriesCommand,
  rubricCommands,
  reviewersCommand,
  roundCommands,
  conflictsCommand,
  assignCommand,
  scoresCommand,
  rankCommand,
  exportCommand,
  panelCommand,
  packetCommands,
  verifyExportCommand,
  verifyCommand,
  backupCommand,
  deskCommand,
]) {
  addTo(program);
}
// `init` creates its project: there is nothing to open.
passphraseFileOption(program, ['init']);

export async function main(argv: string[]): Promise<number> {
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with exit code 0; usage errors with 1.
      return error.exitCode === 0 ? 0 : 1;
    }
    if (error instanceof ExitError) {
      say(`错误：${error.userMessage.message_zh}`, `Error: ${error.userMessage.message_en}`);
      return error.exitCode;
    }
    // Outside an operation too (closing the project), a full disk or a held file says so.
    const { toUserMessage } = await import('../api/dispatch');
    const known = toUserMessage(error);
    if (known.code !== 'internal') {
      say(`错误：${known.message_zh}`, `Error: ${known.message_en}`);
      return EXIT_BY_CODE[known.code] ?? 2;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    say(`内部错误：${detail}`, `Internal error: ${detail}`);
    return 2;
  } finally {
    closeSession();
  }
}
