// Entries: `import` (a file of entries, optionally a folder of attachments) and `entries`.
import { type Command, Option } from 'commander';
import { basename, resolve } from 'node:path';
import type { AttachmentLinkSummary, EntryChange } from '../../api/contract';
import { PROGRAMMES } from '../../core/domain';
import { ENTRY_FIELDS } from '../../core/entries/fields';
import { local } from '../exit';
import { call, optionFiles, withProject } from '../operations';
import { printJson, progressBar, say } from '../output';

export function importCommand(program: Command): void {
  program
    .command('import')
    .description('导入申报项目 / import entries (CSV, XLSX, JSON)')
    .argument('<project>')
    .argument('<file>')
    .addOption(
      new Option('--programme <programme>', 'bloom | pioneer')
        .choices(PROGRAMMES)
        .makeOptionMandatory(),
    )
    .option('--sheet <name>', 'XLSX 工作表 / sheet')
    .option('--mapping <file>', '列映射 JSON {"表头": "字段"} / column mapping JSON')
    .addOption(new Option('--encoding <encoding>').choices(['auto', 'utf8', 'gbk']).default('auto'))
    .option('--dry-run', '只检查不写入 / check only, write nothing')
    .option(
      '--rejected-out <file>',
      '把被拒绝的行写成 CSV，改正后可再导入 / write the rejected rows as a CSV to fix and re-import',
    )
    .option(
      '--attachments <dir>',
      '导入后关联以项目编号命名的附件文件夹 / then link a folder of files named by entry id',
    )
    .option('--json', 'JSON 输出 / JSON output')
    .action(
      async (
        project: string,
        file: string,
        options: {
          programme: 'bloom' | 'pioneer';
          sheet?: string;
          mapping?: string;
          encoding: 'auto' | 'utf8' | 'gbk';
          dryRun?: boolean;
          rejectedOut?: string;
          attachments?: string;
          json?: boolean;
        },
      ) => {
        const { mapping: mappingFile } = options;
        const mapping = mappingFile
          ? await local(async () => (await optionFiles()).readMappingFile(mappingFile))
          : undefined;
        await withProject(project, async () => {
          const value = await call(
            'entries.import',
            {
              path: file,
              programme: options.programme,
              encoding: options.encoding,
              sheet: options.sheet,
              mapping,
              dry_run: options.dryRun ?? false,
              rejected_out: options.rejectedOut && resolve(options.rejectedOut),
              attachments_folder: options.attachments && resolve(options.attachments),
            },
            progressBar(basename(file)),
          );
          if (options.json) {
            printJson({
              rows: value.rows,
              inserted: value.inserted,
              updated: value.updated,
              unchanged: value.unchanged,
              rejected: value.rejected,
              ...(value.attachments ? { attachments: value.attachments } : {}),
            });
          }
          say(
            `${value.dry_run ? '（试运行，未写入）' : ''}共 ${value.rows} 行：新增 ${value.inserted}，更新 ${value.updated}，未变 ${value.unchanged}，拒绝 ${value.rejected.length}`,
            `${value.dry_run ? '(dry run, nothing written) ' : ''}${value.rows} rows: ${value.inserted} inserted, ${value.updated} updated, ${value.unchanged} unchanged, ${value.rejected.length} rejected`,
          );
          if (!options.json) {
            for (const rejection of value.rejected) {
              say(
                `  第 ${rejection.row} 行${rejection.column ? `（${rejection.column}）` : ''}：${rejection.reason_zh}`,
                `  row ${rejection.row}${rejection.column ? ` (${rejection.column})` : ''}: ${rejection.reason_en}`,
              );
            }
          }
          if (options.rejectedOut) {
            const out = resolve(options.rejectedOut);
            say(
              `被拒绝的 ${value.rejected.length} 行已写入 ${out}，改正后可再导入`,
              `${value.rejected.length} rejected rows written to ${out}; fix them and import it again`,
            );
          }
          if (value.saved_mapping) {
            say(
              `已沿用此前为相同表头确认的列映射${mapping ? '（--mapping 指定的列除外）' : ''}`,
              `Applied the column mapping confirmed before for the same headers${mapping ? ' (except the columns --mapping names)' : ''}`,
            );
          }
          sayChanges(value.changes, value.changes_total);
          if (value.attachments) sayAttachments(value.attachments);
          if (value.changed_scored.length > 0) {
            say(
              `注意：以下已有评分的项目内容发生了变化：${value.changed_scored.join('、')}`,
              `Note: entries that already have scores changed: ${value.changed_scored.join(', ')}`,
            );
          }
        });
      },
    );
}

/** Entry columns derived from mapped fields, which ENTRY_FIELDS does not name. */
const DERIVED_FIELD_NAMES: Record<string, { zh: string; en: string }> = {
  sector_label: { zh: '原始分类', en: 'category as given' },
  contact: { zh: '联系方式', en: 'contact' },
};

/** Changed entries and which fields changed, the first few: the window lists them all. */
function sayChanges(changes: EntryChange[], total: number): void {
  if (total === 0) return;
  const shown = changes.slice(0, 20);
  const more = total - shown.length;
  const list = (lang: 'zh' | 'en') =>
    shown
      .map(({ entry_id, fields }) => {
        const names = fields.map((change) => {
          if (change.kind === 'source') return change.field;
          const field = ENTRY_FIELDS.find((candidate) => candidate.key === change.field);
          const name = field
            ? { zh: field.name_zh, en: field.name_en }
            : DERIVED_FIELD_NAMES[change.field];
          return name?.[lang] ?? change.field;
        });
        return `  ${entry_id}: ${names.join(lang === 'zh' ? '、' : ', ')}`;
      })
      .join('\n');
  say(
    `内容有变化的项目 ${total} 个：\n${list('zh')}${more > 0 ? `\n  …另有 ${more} 个` : ''}`,
    `${total} entries changed:\n${list('en')}${more > 0 ? `\n  … and ${more} more` : ''}`,
  );
}

function sayAttachments(summary: AttachmentLinkSummary): void {
  say(
    `附件：已关联 ${summary.linked} 个文件到 ${summary.entries_with_attachments} 个项目，${summary.unmatched.length} 个未匹配`,
    `Attachments: ${summary.linked} files linked to ${summary.entries_with_attachments} entries, ${summary.unmatched.length} unmatched`,
  );
  for (const name of summary.unmatched) say(`  未匹配：${name}`, `  unmatched: ${name}`);
}

export function entriesCommand(program: Command): void {
  program
    .command('entries')
    .description('列出申报项目 / list entries')
    .argument('<project>')
    .addOption(new Option('--programme <programme>').choices(PROGRAMMES))
    .option('--sector <sector>', '领域 / sector key')
    .option('--json', 'JSON 输出 / JSON output')
    .action(
      async (
        project: string,
        options: { programme?: 'bloom' | 'pioneer'; sector?: string; json?: boolean },
      ) => {
        await withProject(project, async () => {
          const page = await call('entries.list', {
            programme: options.programme,
            sector: options.sector,
            limit: 100_000,
          });
          if (options.json) {
            printJson(
              page.rows.map(
                ({ entry_id, programme, sector, title, applicant, province, city, track }) => ({
                  entry_id,
                  programme,
                  sector,
                  title,
                  applicant,
                  province,
                  city,
                  track,
                }),
              ),
            );
            return;
          }
          for (const row of page.rows) {
            process.stdout.write(
              `${row.entry_id}\t${row.programme}\t${row.sector ?? '-'}\t${row.title}\t${row.applicant}\t${row.province ?? ''}\n`,
            );
          }
          say(`共 ${page.total} 个项目`, `${page.total} entries`);
        });
      },
    );
}
