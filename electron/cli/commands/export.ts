// Exports: `export` (the ranking or score sheets, optionally cut by a shortlist rule) and
// `verify-export` (does a file still match the data it was exported from).
import { type Command, Option } from 'commander';
import { basename, resolve } from 'node:path';
import {
  EXPORT_COLUMNS,
  EXPORT_FORMATS,
  PDF_KINDS,
  type AGGREGATION_METHODS,
  type ExportColumn,
  type ExportFormat,
  type PdfKind,
} from '../../core/domain';
import { ExitError, usageError } from '../exit';
import { call, withProject } from '../operations';
import { methodOption, parseCount, parsePoints, sectorKey, trimOption } from '../options';
import { printJson, progressBar, say } from '../output';

/** `--quotas factory=3,mine=0` (or 工厂=3): places per sector; 0 leaves a sector out. */
function parseQuotas(value: string): Record<string, number> {
  const quotas: Record<string, number> = {};
  for (const item of value.split(/[,，、]/).filter((part) => part.trim() !== '')) {
    const [label = '', places = ''] = item.split('=').map((part) => part.trim());
    const sector = sectorKey(label);
    if (sector in quotas) {
      throw usageError(
        `--quotas 中领域 ${label} 出现了两次`,
        `--quotas names sector ${label} twice`,
      );
    }
    quotas[sector] = parseCount(places, `--quotas ${label}`, 0);
  }
  return quotas;
}

function parseColumns(value: string): string[] {
  const columns = value.split(/[,，]/).map((c) => c.trim());
  const unknown = columns.filter((c) => !(EXPORT_COLUMNS as readonly string[]).includes(c));
  if (unknown.length > 0) {
    throw usageError(
      `--columns 中没有这些列：${unknown.join('、')}。可选：${EXPORT_COLUMNS.join(',')}`,
      `--columns has no column ${unknown.join(', ')}. Choose from: ${EXPORT_COLUMNS.join(',')}`,
    );
  }
  return columns;
}

/** Export options that would be silently ignored or contradict each other: a usage error. */
function exportUsage(options: {
  format: ExportFormat;
  out: string;
  method?: string;
  trim?: number;
  kind?: PdfKind;
}): void {
  if (options.kind !== undefined && options.format !== 'pdf') {
    throw usageError(
      `--kind 只用于 PDF（--format pdf），不能与 --format ${options.format} 同用`,
      `--kind is for PDFs (--format pdf), not --format ${options.format}`,
    );
  }
  if (options.trim !== undefined && options.method !== undefined && options.method !== 'trimmed') {
    throw usageError(
      `--trim 只用于去掉最高最低分（--method trimmed），不能与 --method ${options.method} 同用`,
      `--trim is for the trimmed mean (--method trimmed), not --method ${options.method}`,
    );
  }
  const extension = /\.(pdf|xlsx|csv)$/i.exec(options.out)?.[1]?.toLowerCase();
  if (extension !== undefined && extension !== options.format) {
    throw usageError(
      `输出文件 ${options.out} 的扩展名与格式 ${options.format} 不符`,
      `The output file ${options.out} does not end in .${options.format}`,
    );
  }
}

export function exportCommand(program: Command): void {
  program
    .command('export')
    .description(
      '导出排名或评分表（PDF、XLSX、CSV），可按入围规则截取 / export the ranking or score sheets, optionally cut by a shortlist rule',
    )
    .argument('<project>')
    .requiredOption('--round <name>')
    .addOption(new Option('--format <format>').choices(EXPORT_FORMATS).makeOptionMandatory())
    .requiredOption(
      '--out <file>',
      '写入的文件；已有的同名文件会被替换（并提示）/ the file to write; one already there is replaced (and named)',
    )
    .addOption(methodOption())
    .addOption(trimOption())
    .option('--sector <sector>', '领域（默认总排名）/ sector (default: overall)')
    .addOption(
      new Option('--top <n>', '前 N 名 / top N')
        .argParser((v) => parseCount(v, '--top'))
        .conflicts(['topPercent', 'passMark', 'quotas']),
    )
    .addOption(
      new Option('--top-percent <p>', '前 p% / top p percent')
        .argParser((v) => parsePoints(v, '--top-percent'))
        .conflicts(['passMark', 'quotas']),
    )
    .addOption(
      new Option('--pass-mark <x>', '分数线 / pass mark')
        .argParser((v) => parsePoints(v, '--pass-mark'))
        .conflicts(['quotas']),
    )
    .option(
      '--quotas <list>',
      '各领域名额，如 factory=3,mine=2 / per-sector quotas, e.g. factory=3,mine=2',
      parseQuotas,
    )
    .option('--per-sector', '各领域分别排名与截取 / rank and cut each sector on its own')
    .addOption(new Option('--kind <kind>', 'PDF 内容 / what the PDF holds').choices(PDF_KINDS))
    .option(
      '--columns <list>',
      `包含的列，逗号分隔 / columns to include: ${EXPORT_COLUMNS.join(',')}`,
      parseColumns,
    )
    .option('--organiser <name>', 'PDF 签字栏中的组织单位 / organising unit for the PDF signatures')
    .option('--json', '输出导出记录 JSON / print the export record as JSON')
    .action(
      async (
        project: string,
        options: {
          round: string;
          format: ExportFormat;
          out: string;
          method?: (typeof AGGREGATION_METHODS)[number];
          trim?: number;
          sector?: string;
          top?: number;
          topPercent?: number;
          passMark?: number;
          quotas?: Record<string, number>;
          perSector?: boolean;
          kind?: PdfKind;
          columns?: ExportColumn[];
          organiser?: string;
          json?: boolean;
        },
      ) => {
        exportUsage(options);
        const kind = options.kind ?? 'ranking';
        const rule =
          options.top !== undefined
            ? { kind: 'top' as const, n: options.top }
            : options.topPercent !== undefined
              ? { kind: 'top_percent' as const, percent: options.topPercent }
              : options.passMark !== undefined
                ? { kind: 'pass_mark' as const, score: options.passMark }
                : options.quotas
                  ? { kind: 'quotas' as const, quotas: options.quotas }
                  : null;
        await withProject(project, async () => {
          const record = await call(
            'export.ranking',
            {
              round: options.round,
              format: options.format,
              kind,
              path: resolve(options.out),
              // --out names the file to write: one already there is replaced, and the CLI says so.
              replace: true,
              method: options.method,
              trim_k: options.trim,
              scope: options.sector === undefined ? 'overall' : sectorKey(options.sector ?? ''),
              per_sector: options.perSector ?? false,
              rule,
              columns: options.columns,
              organiser: options.organiser,
            },
            progressBar(basename(options.out)),
          );
          if (options.json) printJson(record);
          const sheets = options.format === 'pdf' && kind !== 'ranking';
          if (record.replaced) {
            say(`已替换原有文件：${record.path}`, `Replaced the existing file: ${record.path}`);
          }
          say(
            `已导出 ${record.rows} ${sheets ? '份评分表' : '行'}到 ${record.path}\n文件 SHA-256：${record.sha256}\n数据摘要：${record.data_digest}`,
            `Exported ${record.rows} ${sheets ? 'score sheets' : 'rows'} to ${record.path}\nFile SHA-256: ${record.sha256}\nData digest: ${record.data_digest}`,
          );
          for (const warning of record.warnings) say(warning.message_zh, warning.message_en);
        });
      },
    );
}

export function verifyExportCommand(program: Command): void {
  program
    .command('verify-export')
    .description(
      '核对导出文件是否仍与数据一致 / check that an exported file still matches the data',
    )
    .argument('<file>', '导出的 PDF、XLSX 或 CSV / the exported PDF, XLSX or CSV')
    .argument('<project>')
    .option('--json', 'JSON 输出 / JSON output')
    .action(async (file: string, project: string, options: { json?: boolean }) => {
      await withProject(project, async () => {
        const check = await call('export.verify', { path: resolve(file) });
        if (options.json) printJson(check);
        const { record } = check;
        if (!record) {
          throw new ExitError(3, {
            code: 'export_unknown',
            message_zh: `文件 ${file} 与本项目记录的任何导出都不一致（SHA-256 ${check.sha256}）：它在导出后被修改过，或不是由本项目导出的。`,
            message_en: `File ${file} matches no export recorded in this project (SHA-256 ${check.sha256}): it was changed after it was exported, or another project wrote it.`,
          });
        }
        const when = record.created_at.slice(0, 19).replace('T', ' ');
        if (!check.audited) {
          throw new ExitError(3, {
            code: 'export_unaudited',
            message_zh: `文件 ${file} 的导出记录（${when} UTC）与审计日志不符：项目文件在审计日志之外被修改过，不能据此证明该文件。请运行 sail-review verify 检查项目。`,
            message_en: `The export record of ${file} (${when} UTC) does not match the audit trail: the project file was changed outside it, so it cannot vouch for the file. Run sail-review verify on the project.`,
          });
        }
        if (check.file_digest === null) {
          throw new ExitError(3, {
            code: 'export_no_digest',
            message_zh: `文件 ${file} 中没有可读取的数据摘要（较早版本导出的 PDF 只在页边印有摘要），无法单凭文件核对。请重新导出。`,
            message_en: `File ${file} carries no data digest that can be read back (a PDF exported by an earlier version prints it only in its margins), so the file cannot vouch for itself. Export it again.`,
          });
        }
        if (!check.ok) {
          throw new ExitError(3, {
            code: 'export_outdated',
            message_zh: `文件与 ${when}（UTC）评审批次“${record.round ?? '?'}”的导出记录一致，但此后数据已变化：文件中的数据摘要 ${check.file_digest}，现在 ${check.current_digest ?? '无法计算'}。请重新导出。`,
            message_en: `The file matches the export of round "${record.round ?? '?'}" made ${when} UTC, but the data changed since: digest in the file ${check.file_digest}, now ${check.current_digest ?? 'not computable'}. Export it again.`,
          });
        }
        say(
          `核对通过：文件与 ${when}（UTC）的导出记录一致，数据自导出以来未变化（数据摘要 ${record.data_digest}）。`,
          `Verified: the file is the export made ${when} UTC and the data has not changed since (data digest ${record.data_digest}).`,
        );
      });
    });
}
