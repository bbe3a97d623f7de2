// Rubrics: `rubric import` (the newest version of its sector) and `rubric export`.
import type { Command } from 'commander';
import { rubricLabel } from '../../core/domain';
import { call, withProject } from '../operations';
import { parseCount, sectorKey } from '../options';
import { say } from '../output';

export function rubricCommands(program: Command): void {
  const rubric = program.command('rubric').description('评分细则 / rubrics');
  rubric
    .command('import')
    .description(
      '导入评分细则（成为该领域的最新版本）/ import a rubric as the newest version of its sector',
    )
    .argument('<project>')
    .argument('<rubric>', 'rubric JSON')
    .action(async (project: string, file: string) => {
      // Read and check the file before the project opens: a bad file names itself in the error.
      const definition = await call('rubrics.read', { path: file });
      await withProject(project, async () => {
        const { rubric: stored, unchanged } = await call('rubrics.import', { rubric: definition });
        const { name_zh, name_en, sector, version } = stored;
        if (unchanged) {
          say(
            `评分细则 ${name_zh}（领域 ${sector}）与第 ${version} 版相同，未新建版本`,
            `Rubric ${name_en} (sector ${sector}) is identical to version ${version}; no new version`,
          );
        } else {
          say(
            `已导入评分细则 ${name_zh}（领域 ${sector}，第 ${version} 版）`,
            `Imported rubric ${name_en} (sector ${sector}, version ${version})`,
          );
        }
      });
    });
  rubric
    .command('export')
    .description(
      '导出某领域的评分细则（默认最新版本）/ export a sector’s rubric (the newest version unless --version)',
    )
    .argument('<project>')
    .argument('<sector>')
    .option(
      '--version <n>',
      '版本号，如评审批次所用的版本 / version number, e.g. the one a round pins',
      (v) => parseCount(v, '--version'),
    )
    .option('--out <file>', '输出文件（默认标准输出）/ output file (default stdout)')
    .action(
      async (project: string, sector: string, options: { version?: number; out?: string }) => {
        await withProject(project, async () => {
          const key = sectorKey(sector);
          // Refuses a sector or version the project has no rubric for, in both languages.
          const definition = await call('rubrics.export', {
            sector: key,
            version: options.version,
          });
          const versions = (await call('rubrics.list', {})).filter((r) => r.sector === key);
          const stored =
            options.version === undefined
              ? versions.at(-1)
              : versions.find((r) => r.version === options.version);
          if (!stored) return;
          const label = rubricLabel(stored);
          if (!options.out) {
            process.stdout.write(`${JSON.stringify(definition, null, 2)}\n`);
            say(`已导出评分细则 ${label.zh}`, `Exported rubric ${label.en}`);
            return;
          }
          // rubrics.exportFile writes a stored version (a folder that is missing is a clear
          // error, exit 2).
          const { path } = await call('rubrics.exportFile', { id: stored.id, path: options.out });
          say(`已将评分细则 ${label.zh} 写入 ${path}`, `Rubric ${label.en} written to ${path}`);
        });
      },
    );
}
