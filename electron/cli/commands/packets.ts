// Panel packages and score packets (design/CLI.md): `panel export` (one expert's package),
// `packet export` (the expert's signed scores, from their package) and `packet import` (verify
// and merge; idempotent).
import type { Command } from 'commander';
import { local } from '../exit';
import { call, optionFiles, withProject } from '../operations';
import { printJson, progressBar, say } from '../output';

/** The passphrase that encrypts the package written (not one to open the project with). */
const passphraseOf = (file: string | undefined) =>
  file === undefined
    ? Promise.resolve(undefined)
    : local(async () => (await optionFiles()).readPassphraseFile(file));

export function panelCommand(program: Command): void {
  program
    .command('panel')
    .description('评审包 / panel packages')
    .command('export')
    .description(
      '为一位专家导出评审包（其分配的项目、评分细则和签名密钥）/ export one expert’s panel package',
    )
    .argument('<project>')
    .requiredOption('--round <name>')
    .requiredOption('--reviewer <id>', '专家编号 / reviewer id')
    .requiredOption('--out <file>', '评审包文件（.sailpanel）/ the package file')
    .option('--include-contacts', '包含申报单位的联系方式 / include applicants’ contact details')
    .option(
      '--passphrase-file <file>',
      '用文件中的口令加密 / encrypt with the passphrase in this file',
    )
    .action(
      async (
        project: string,
        options: {
          round: string;
          reviewer: string;
          out: string;
          includeContacts?: boolean;
          passphraseFile?: string;
        },
      ) => {
        const passphrase = await passphraseOf(options.passphraseFile);
        await withProject(project, async () => {
          const { packages } = await call(
            'packages.export',
            {
              round: options.round,
              reviewer: options.reviewer,
              path: options.out,
              include_contacts: options.includeContacts ?? false,
              ...(passphrase === undefined ? {} : { passphrase }),
            },
            progressBar(options.round),
          );
          for (const p of packages) {
            say(
              `已导出专家 ${p.reviewer_id} 的评审包：${p.entries} 个项目，已有评分 ${p.reviews} 份，附件 ${p.attachments} 个${p.encrypted ? '，已加密' : ''} → ${p.path}`,
              `Panel package of reviewer ${p.reviewer_id} written: ${p.entries} entries, ${p.reviews} existing reviews, ${p.attachments} attachments${p.encrypted ? ', encrypted' : ''} → ${p.path}`,
            );
          }
        });
      },
    );
}

export function packetCommands(program: Command): void {
  const packet = program.command('packet').description('评分包 / score packets');
  packet
    .command('export')
    .description('从评审包导出签名的评分包 / write the reviewer’s signed scores from their package')
    .argument('<panel-file>')
    .requiredOption('--out <file>', '评分包文件（.sailscores）/ the packet file')
    .action(async (panelFile: string, options: { out: string }) => {
      await withProject(panelFile, async () => {
        const written = await call('packets.export', { path: options.out });
        say(
          `已导出第 ${written.sequence} 个评分包：${written.reviews} 份评分（已提交 ${written.submitted}）→ ${written.path}`,
          `Score packet ${written.sequence} written: ${written.reviews} reviews (${written.submitted} submitted) → ${written.path}`,
        );
      });
    });
  packet
    .command('import')
    .description('验证并合并评分包（可重复导入）/ verify and merge a score packet (idempotent)')
    .argument('<project>')
    .argument('<file>')
    .option('--json', 'JSON 输出 / JSON output')
    .action(async (project: string, file: string, options: { json?: boolean }) => {
      await withProject(project, async () => {
        const merged = await call('packets.import', { path: file }, progressBar(file));
        say(
          `专家 ${merged.reviewer_id} 的第 ${merged.sequence} 个评分包：采用 ${merged.accepted} 份，未变 ${merged.unchanged} 份，冲突 ${merged.clashes.length} 份（项目保留现有评分，待主办方选择），新的回避声明 ${merged.recused.length} 个`,
          `Packet ${merged.sequence} of reviewer ${merged.reviewer_id}: ${merged.accepted} accepted, ${merged.unchanged} unchanged, ${merged.clashes.length} clashes (the project keeps its reviews until the organiser chooses), ${merged.recused.length} new recusals`,
        );
        for (const entry of merged.recused) {
          say(
            `  ${entry}：专家声明回避，已记为确认的回避关系并取消其分配`,
            `  ${entry}: the reviewer recused; recorded as a confirmed conflict, their assignment removed`,
          );
        }
        if (options.json) {
          // CLI.md's shape exactly: scripts rely on it.
          printJson({
            accepted: merged.accepted,
            unchanged: merged.unchanged,
            clashes: merged.clashes.map((c) => ({
              entry_id: c.entry_id,
              reviewer_id: c.reviewer_id,
              reason_zh: c.reason_zh,
              reason_en: c.reason_en,
            })),
          });
          return;
        }
        for (const c of merged.clashes)
          say(`  ${c.entry_id}：${c.reason_zh}`, `  ${c.entry_id}: ${c.reason_en}`);
      });
    });
}
