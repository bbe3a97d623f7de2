// `sail-review`: the organisers' command line (design/CLI.md). It calls the same operations as
// the window, through dispatch, on one project per command. Machine output goes to stdout,
// messages in Chinese and English to stderr. Exit codes: 0 done, 1 usage, 2 input rejected,
// 3 integrity failure.
import { Command, CommanderError, Option } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { AGGREGATION_METHODS, PROGRAMMES, STAGES } from './core/domain';
import { ENTRY_FIELDS } from './core/entries';
import type { UserMessage } from './core/errors';
import type {
  AttachmentLinkSummary,
  EntryChange,
  OperationInput,
  OperationName,
  OperationOutput,
  RankRow,
  TaskPhase,
} from './api/contract';
import { dispatch, type Progress } from './api/dispatch';
import { createHandlers } from './api/handlers';
import { ProjectSession } from './api/session';

class ExitError extends Error {
  constructor(
    readonly exitCode: number,
    readonly userMessage: UserMessage,
  ) {
    super(userMessage.message_en);
  }
}

const EXIT_BY_CODE: Record<string, number> = {
  invalid_input: 1,
  unknown_operation: 1,
  integrity_failed: 3,
  audit_broken: 3,
};

const resourcesDir = resolve(__dirname, '..', '..', 'resources');
const session = new ProjectSession({ configDir: null, resourcesDir });
const handlers = createHandlers(session);

async function call<N extends OperationName>(
  name: N,
  input: OperationInput<N>,
): Promise<OperationOutput<N>> {
  const result = await dispatch(handlers, name, input);
  if (!result.ok) throw new ExitError(EXIT_BY_CODE[result.error.code] ?? 2, result.error);
  return result.value as OperationOutput<N>;
}

async function withProject<T>(path: string, work: () => Promise<T>): Promise<T> {
  await call('project.open', { path });
  try {
    return await work();
  } finally {
    session.close();
  }
}

const say = (zh: string, en: string) => process.stderr.write(`${zh}\n${en}\n`);
const printJson = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

/** Rank rows as CLI.md shapes them (rank --json). */
function rankJson(rows: RankRow[]) {
  return rows.map((row) => ({
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
  }));
}

const PHASE_NAMES: Record<TaskPhase, string> = {
  start: '准备 start',
  read: '读取 read',
  rank: '排名 rank',
  write: '写入 write',
};

/** A bar on stderr, one line per phase; none when stderr is not a terminal (pipes, logs). */
function progressBar(label: string) {
  if (!process.stderr.isTTY) return undefined;
  let last = 0;
  return ({ done, total, phase = 'start' }: Progress) => {
    const now = Date.now();
    if (now - last < 100 && done !== total) return;
    last = now;
    // An empty write phase (nothing new to write) is complete, not at 0%.
    const ratio = total === 0 ? 1 : total ? Math.min(1, done / total) : 0;
    const width = 30;
    const filled = Math.round(ratio * width);
    process.stderr.write(
      `\r${label} ${PHASE_NAMES[phase]} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.round(ratio * 100)}%`,
    );
    if (done === total) process.stderr.write('\n');
  };
}

const program = new Command()
  .name('sail-review')
  .description('扬帆评审 SailReview — 5G 应用案例专家评审 / expert review of 5G application cases')
  .showHelpAfterError()
  .exitOverride();

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
      const mapping = options.mapping ? readMapping(options.mapping) : undefined;
      await withProject(project, async () => {
        const progress = progressBar(basename(file));
        const summary = await dispatch(
          handlers,
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
          progress ? { progress } : {},
        );
        if (!summary.ok) throw new ExitError(EXIT_BY_CODE[summary.error.code] ?? 2, summary.error);
        const value = summary.value as OperationOutput<'entries.import'>;
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

function readMapping(path: string): Record<string, string | null> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ExitError(2, {
      code: 'invalid_mapping',
      message_zh: `无法读取列映射文件 ${path}：${String(error)}`,
      message_en: `Cannot read the mapping file ${path}: ${String(error)}`,
    });
  }
  if (
    parsed === null ||
    typeof parsed !== 'object' ||
    Array.isArray(parsed) ||
    !Object.values(parsed).every((value) => value === null || typeof value === 'string')
  ) {
    throw new ExitError(2, {
      code: 'invalid_mapping',
      message_zh: `列映射文件 ${path} 应为 {"表头": "字段" 或 null} 形式的 JSON 对象`,
      message_en: `The mapping file ${path} must be a JSON object {"header": "field" or null}`,
    });
  }
  return parsed as Record<string, string | null>;
}

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

const rubric = program.command('rubric').description('评分细则 / rubrics');
rubric
  .command('import')
  .description(
    '导入评分细则（成为该领域的最新版本）/ import a rubric as the newest version of its sector',
  )
  .argument('<project>')
  .argument('<rubric>', 'rubric JSON')
  .action(async (project: string, file: string) => {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
    } catch (error) {
      throw new ExitError(2, {
        code: 'invalid_rubric',
        message_zh: `无法读取评分细则 ${file}：${String(error)}`,
        message_en: `Cannot read the rubric ${file}: ${String(error)}`,
      });
    }
    await withProject(project, async () => {
      const version = await call('rubrics.import', { rubric: json });
      say(
        `已导入评分细则 ${version.name_zh}（领域 ${version.sector}，第 ${version.version} 版）`,
        `Imported rubric ${version.name_en} (sector ${version.sector}, version ${version.version})`,
      );
    });
  });
rubric
  .command('export')
  .description('导出某领域最新的评分细则 / export the newest rubric of a sector')
  .argument('<project>')
  .argument('<sector>')
  .option('--out <file>', '输出文件（默认标准输出）/ output file (default stdout)')
  .action(async (project: string, sector: string, options: { out?: string }) => {
    await withProject(project, async () => {
      const definition = await call('rubrics.export', { sector });
      const text = `${JSON.stringify(definition, null, 2)}\n`;
      if (options.out) {
        writeFileSync(options.out, text);
        say(`已写入 ${options.out}`, `Written to ${options.out}`);
      } else process.stdout.write(text);
    });
  });

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

program
  .command('round')
  .description('评审批次 / rounds')
  .command('create')
  .description(
    '创建评审批次，锁定各领域最新的评分细则 / create a round pinning the newest rubric of each sector',
  )
  .argument('<project>')
  .requiredOption('--name <name>', '批次名称 / round name')
  .addOption(new Option('--programme <programme>').choices(PROGRAMMES).makeOptionMandatory())
  .addOption(new Option('--stage <stage>', '初赛 | 复赛 | 决赛').choices(STAGES))
  .option('--sectors <list>', '领域，逗号分隔 / sectors, comma separated')
  .addOption(new Option('--method <method>').choices(AGGREGATION_METHODS))
  .action(
    async (
      project: string,
      options: {
        name: string;
        programme: 'bloom' | 'pioneer';
        stage?: '初赛' | '复赛' | '决赛';
        sectors?: string;
        method?: (typeof AGGREGATION_METHODS)[number];
      },
    ) => {
      await withProject(project, async () => {
        const round = await call('rounds.create', {
          name: options.name,
          programme: options.programme,
          stage: options.stage,
          sectors: options.sectors
            ?.split(/[,，、]/)
            .map((s) => s.trim())
            .filter(Boolean),
          method: options.method,
        });
        say(
          `已创建评审批次“${round.name}”：${round.entries} 个项目；评分细则 ${round.pins.map((p) => `${p.sector} v${p.rubric.version}`).join('、')}`,
          `Round "${round.name}" created: ${round.entries} entries; rubrics ${round.pins.map((p) => `${p.sector} v${p.rubric.version}`).join(', ')}`,
        );
      });
    },
  );

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
      const summary = await call('scores.import', { round: options.round, path: file });
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

program
  .command('rank')
  .description('计算排名 / rank a round')
  .argument('<project>')
  .requiredOption('--round <name>')
  .addOption(new Option('--method <method>').choices(AGGREGATION_METHODS))
  .option('--trim <k>', '去掉最高、最低各 k 个 / drop the k highest and k lowest', (v) =>
    parsePositiveInt(v, '--trim'),
  )
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
          scope: options.sector ?? 'overall',
        });
        if (options.json) {
          printJson(rankJson(result.rows));
          return;
        }
        say(
          `评审批次“${result.round}”，方法 ${result.settings.method}，范围 ${result.scope}，同分比较：${result.tie_break_chain.join(' → ')}`,
          `Round "${result.round}", method ${result.settings.method}, scope ${result.scope}, tie-break: ${result.tie_break_chain.join(' → ')}`,
        );
        for (const row of result.rows) {
          process.stdout.write(
            `${row.rank ?? '-'}\t${row.entry_id}\t${row.score?.toFixed(2) ?? '-'}\t${row.reviews}\t${row.title}\t${[...row.flags, ...(row.gate_failed ? [`gate:${row.gate_failed}`] : [])].join(',')}\n`,
          );
        }
      });
    },
  );

function parsePositiveInt(value: string, option: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    throw new ExitError(1, {
      code: 'usage',
      message_zh: `${option} 须为正整数，而不是“${value}”`,
      message_en: `${option} must be a positive integer, not "${value}"`,
    });
  }
  return number;
}

program
  .command('export')
  .description('导出排名 / export the ranking')
  .argument('<project>')
  .requiredOption('--round <name>')
  .addOption(new Option('--format <format>').choices(['csv']).makeOptionMandatory())
  .requiredOption('--out <file>')
  .addOption(new Option('--method <method>').choices(AGGREGATION_METHODS))
  .option('--sector <sector>', '领域（默认总排名）/ sector (default: overall)')
  .action(
    async (
      project: string,
      options: {
        round: string;
        format: 'csv';
        out: string;
        method?: (typeof AGGREGATION_METHODS)[number];
        sector?: string;
      },
    ) => {
      await withProject(project, async () => {
        const record = await call('export.ranking', {
          round: options.round,
          format: options.format,
          path: resolve(options.out),
          method: options.method,
          scope: options.sector ?? 'overall',
        });
        say(
          `已导出 ${record.rows} 行到 ${record.path}（SHA-256 ${record.sha256}）`,
          `Exported ${record.rows} rows to ${record.path} (SHA-256 ${record.sha256})`,
        );
      });
    },
  );

program
  .command('verify')
  .description('校验审计链与数据库完整性 / verify the audit chain and database integrity')
  .argument('<project>')
  .action(async (project: string) => {
    await withProject(project, async () => {
      const report = await call('project.verify', {});
      if (!report.ok) {
        throw new ExitError(3, {
          code: 'integrity_failed',
          message_zh: `校验失败：数据库 ${report.integrity}；审计链${report.audit_broken_at === null ? '完好' : `在第 ${report.audit_broken_at} 条事件处断开`}`,
          message_en: `Verification failed: database ${report.integrity}; audit chain ${report.audit_broken_at === null ? 'intact' : `broken at event ${report.audit_broken_at}`}`,
        });
      }
      say(
        `校验通过：数据库完整，审计链 ${report.audit_events} 条事件完好`,
        `Verified: database intact, audit chain of ${report.audit_events} events holds`,
      );
    });
  });

async function main(argv: string[]): Promise<number> {
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
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    say(`内部错误：${detail}`, `Internal error: ${detail}`);
    return 2;
  } finally {
    session.close();
  }
}

void main(process.argv).then((code) => {
  process.exitCode = code;
});
