// `sail-review`: the organisers' command line (design/CLI.md). It calls the same operations as
// the window, through dispatch, on one project per command. Machine output goes to stdout,
// messages in Chinese and English to stderr. Exit codes: 0 done, 1 usage, 2 input rejected,
// 3 integrity failure.
import { Command, CommanderError, Option } from 'commander';
import { basename, resolve } from 'node:path';
import {
  AGGREGATION_METHODS,
  DEFAULT_STAGE,
  PROGRAMMES,
  rubricLabel,
  STAGES,
  type Stage,
} from './core/domain';
import { ENTRY_FIELDS } from './core/entries';
import { SailError, type UserMessage } from './core/errors';
import {
  methodDescription,
  PROGRAMME_NAMES,
  ROUND_STATUS_NAMES,
  ZSCORE_REVIEWER_FLAG_NAMES,
} from './core/vocabulary';
import type {
  AttachmentLinkSummary,
  EntryChange,
  OperationInput,
  OperationName,
  OperationOutput,
  RankResult,
  RoundDetail,
  TaskPhase,
} from './api/contract';
import {
  EXPORT_COLUMNS,
  EXPORT_FORMATS,
  PDF_KINDS,
  type ExportColumn,
  type ExportFormat,
  type PdfKind,
} from './api/contract';
import { dispatch, toUserMessage, USER, type Progress } from './api/dispatch';
import { createHandlers } from './api/handlers';
import { ProjectSession } from './api/session';
import { readEntryListFile, readMappingFile } from './api/cli-files';
import { chooseRubric, groupKey, sectorLabel, type RubricChoice } from './core/rubric-choice';

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
  score_out_of_range: 3,
};

const resourcesDir = resolve(__dirname, '..', '..', 'resources');
const session = new ProjectSession({ configDir: null, resourcesDir });
const handlers = createHandlers(session);

async function call<N extends OperationName>(
  name: N,
  input: OperationInput<N>,
): Promise<OperationOutput<N>> {
  const result = await dispatch(handlers, name, input, { caller: USER });
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

/** Rank rows exactly as CLI.md shapes them (rank --json): scripts rely on the shape. */
function rankJson(result: RankResult) {
  return result.rows.map((row) => ({
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
  layout: '排版 layout',
  print: '生成 PDF print',
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
      const { mapping: mappingFile } = options;
      const mapping = mappingFile ? await local(() => readMappingFile(mappingFile)) : undefined;
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
          progress ? { caller: USER, progress } : { caller: USER },
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
  .action(async (project: string, sector: string, options: { version?: number; out?: string }) => {
    await withProject(project, async () => {
      const key = sectorKey(sector);
      // Refuses a sector or version the project has no rubric for, in both languages.
      const definition = await call('rubrics.export', { sector: key, version: options.version });
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
      // rubrics.exportFile writes a stored version (a folder that is missing is a clear error,
      // exit 2).
      const { path } = await call('rubrics.exportFile', { id: stored.id, path: options.out });
      say(`已将评分细则 ${label.zh} 写入 ${path}`, `Rubric ${label.en} written to ${path}`);
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

const round = program.command('round').description('评审批次 / rounds');

/** Aggregation settings given on the command line (round create). */
const settingsOptions = (command: Command) =>
  command
    .addOption(new Option('--method <method>').choices(AGGREGATION_METHODS))
    .option('--trim <k>', '去掉最高、最低各 k 个 / drop the k highest and k lowest', (v) =>
      parseCount(v, '--trim'),
    )
    .option('--min-reviews <n>', '最少有效评审数 / minimum reviews', (v) =>
      parseCount(v, '--min-reviews'),
    )
    .option(
      '--disagreement <points>',
      '分歧阈值（最高与最低总分之差）/ disagreement threshold (max − min of totals)',
      (v) => parsePoints(v, '--disagreement'),
    );

const splitList = (value?: string) =>
  value
    ?.split(/[,，、]/)
    .map((item) => item.trim())
    .filter(Boolean);

/** A round as organisers read it: its entries, its state and the rubric each sector uses. */
function sayRound(detail: RoundDetail, zh: string, en: string): void {
  const status = ROUND_STATUS_NAMES[detail.status];
  const pins = detail.pins.map((pin) => ({
    sector: sectorLabel(pin.sector),
    rubric: rubricLabel(pin.rubric),
  }));
  say(
    `${zh}“${detail.name}”：${detail.entries} 个项目，状态：${status.zh}；评分细则：${pins.map((p) => `${p.sector.zh} → ${p.rubric.zh}`).join('；')}`,
    `${en} "${detail.name}": ${detail.entries} entries, ${status.en}; rubrics: ${pins.map((p) => `${p.sector.en} → ${p.rubric.en}`).join('; ')}`,
  );
  const moved = detail.sector_changes;
  if (moved.length > 0) {
    const nowZh = moved.map((c) => `${c.entry_id}（现为${sectorLabel(c.sector).zh}）`);
    const nowEn = moved.map((c) => `${c.entry_id} (now ${sectorLabel(c.sector).en})`);
    const setup = detail.status === 'setup';
    say(
      `注意：${moved.length} 个项目的领域在创建批次后有变化，仍在加入批次时的领域中排名，按原来的评分细则评分：${nowZh.join('、')}${setup ? '。如需移入现在的领域，请运行 sail-review round regroup' : ''}`,
      `Note: the sector of ${moved.length} entries changed after the round was created; they are still ranked in the sector they joined with and scored with its rubric: ${nowEn.join(', ')}${setup ? '. To move them to their sector now, run sail-review round regroup' : ''}`,
    );
  }
}

/** A refusal of the api's own (a SailError) as the CLI reports an operation's. */
function rethrow(error: unknown): never {
  if (error instanceof SailError) throw new ExitError(error.exitCode, error.toUserMessage());
  throw error;
}

/**
 * Runs one of the api's own checks in the CLI, or reads a file for an option, reporting a
 * refusal as an operation's is.
 */
function local<T>(check: () => T): T {
  try {
    const value = check();
    return (value instanceof Promise ? value.catch(rethrow) : value) as T;
  } catch (error) {
    rethrow(error);
  }
}

/**
 * A sector as the API keys it, from its key or Chinese name (工厂); anything else as given, for
 * the API to refuse with the sectors it has.
 */
function sectorKey(label: string): string {
  try {
    return groupKey(label);
  } catch {
    return label;
  }
}

const RUBRIC_CHOICE_HELP =
  '版本号、generic（最新的通用细则）或 latest（本领域最新版本）/ a version number, generic (the newest generic rubric) or latest (the sector’s newest)';

function parseRubricChoice(value: string, option: string): RubricChoice {
  if (value === 'generic' || value === 'latest') return value;
  if (/^[1-9]\d*$/.test(value)) return Number(value);
  throw new ExitError(1, {
    code: 'usage',
    message_zh: `${option} 须为版本号、generic 或 latest，而不是“${value}”`,
    message_en: `${option} must be a version number, generic or latest, not "${value}"`,
  });
}

/** `--rubric factory=2,mine=latest` (repeatable; `all=generic` for every sector). */
function parseRubricChoices(values: string[]): Record<string, RubricChoice> {
  const choices: Record<string, RubricChoice> = {};
  for (const item of values.flatMap((value) => splitList(value) ?? [])) {
    const [, sector, choice] = /^([^=]+)=(.*)$/.exec(item) ?? [];
    if (!sector?.trim()) {
      throw new ExitError(1, {
        code: 'usage',
        message_zh: `--rubric 的写法为 领域=版本，例如 factory=2,mine=latest 或 all=generic，而不是“${item}”`,
        message_en: `--rubric takes sector=version, e.g. factory=2,mine=latest or all=generic, not "${item}"`,
      });
    }
    const label = sector.trim();
    const key = label === 'all' ? label : sectorKey(label);
    if (key in choices) {
      throw new ExitError(1, {
        code: 'usage',
        message_zh: `--rubric 为领域 ${label} 给出了两个版本，请只保留一个`,
        message_en: `--rubric gives sector ${label} two versions; keep one`,
      });
    }
    choices[key] = parseRubricChoice((choice ?? '').trim(), `--rubric ${label}`);
  }
  return choices;
}

settingsOptions(
  round
    .command('create')
    .description(
      '创建评审批次：绽放杯批次默认使用通用评分细则，领航者批次默认使用各领域最新版本，可用 --rubric 选定 / create a round: 绽放杯 rounds use the generic rubric, 领航者 rounds each sector’s newest, unless --rubric chooses',
    )
    .argument('<project>')
    .requiredOption('--name <name>', '批次名称 / round name')
    .addOption(new Option('--programme <programme>').choices(PROGRAMMES).makeOptionMandatory())
    .addOption(
      new Option('--stage <stage>', '批次阶段 / the round’s stage')
        .choices(STAGES)
        .default(DEFAULT_STAGE),
    )
    .option('--sectors <list>', '领域，逗号分隔 / sectors, comma separated')
    .option(
      '--tracks <list>',
      '绽放杯赛道（项目的赛道值），逗号分隔 / 绽放杯 tracks, comma separated',
    )
    .option(
      '--entries <file>',
      '项目编号清单：每行一个编号，或含 entry_id 列的 CSV；同时给出的筛选条件也适用 / entry ids, one per line or a CSV with entry_id; filters given with it also apply',
    )
    .option(
      '--rubric <sector=version>',
      '各领域使用的评分细则（可重复），如 factory=2,mine=latest 或 all=generic；版本为版本号、generic 或 latest / the rubric each sector uses (repeatable), e.g. factory=2,mine=latest or all=generic; a version is a number, generic or latest',
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    ),
).action(
  async (
    project: string,
    options: {
      name: string;
      programme: 'bloom' | 'pioneer';
      stage: Stage;
      sectors?: string;
      tracks?: string;
      entries?: string;
      rubric?: string[];
      method?: (typeof AGGREGATION_METHODS)[number];
      trim?: number;
      minReviews?: number;
      disagreement?: number;
    },
  ) => {
    const { entries } = options;
    const entryIds =
      entries === undefined ? undefined : await local(() => readEntryListFile(entries));
    const rubrics = options.rubric && parseRubricChoices(options.rubric);
    await withProject(project, async () => {
      const created = await call('rounds.create', {
        name: options.name,
        programme: options.programme,
        stage: options.stage,
        sectors: splitList(options.sectors),
        tracks: splitList(options.tracks),
        entry_ids: entryIds,
        rubrics,
        method: options.method,
        trim_k: options.trim,
        min_reviews: options.minReviews,
        disagreement_threshold: options.disagreement,
      });
      sayRound(created, '已创建评审批次', 'Round created');
      if (created.missing_ids.length > 0) {
        say(
          `注意：清单中 ${created.missing_ids.length} 个编号在${PROGRAMME_NAMES[options.programme].zh}项目中找不到：${created.missing_ids.join('、')}`,
          `Note: ${created.missing_ids.length} listed ${created.missing_ids.length === 1 ? 'id matches' : 'ids match'} no ${PROGRAMME_NAMES[options.programme].en} entry: ${created.missing_ids.join(', ')}`,
        );
      }
      const outside = created.filtered_out_ids;
      if (outside.length > 0) {
        say(
          `注意：清单中 ${outside.length} 个项目不符合筛选条件，未加入批次：${outside.join('、')}`,
          `Note: ${outside.length} listed entries do not match the filters and were left out: ${outside.join(', ')}`,
        );
      }
    });
  },
);

/**
 * The round an existing-round command works on: `--name`, as `round create` names it, or
 * `--round`, as every other command does (organisers type either).
 */
function withRoundName(command: Command): Command {
  return command
    .option('--name <name>', '批次名称 / round name')
    .addOption(new Option('--round <name>', '同 --name / same as --name').hideHelp());
}

function roundNameOf(options: { name?: string; round?: string }): string {
  const name = options.name ?? options.round;
  if (name === undefined) {
    throw new ExitError(1, {
      code: 'usage',
      message_zh: '缺少批次名称：请用 --name 指定评审批次',
      message_en: 'No round given: name it with --name',
    });
  }
  return name;
}

withRoundName(round.command('pin'))
  .description(
    '选定筹备中批次某一领域使用的评分细则版本 / choose the rubric version a sector uses in a round still in setup',
  )
  .argument('<project>')
  .requiredOption(
    '--sector <sector>',
    '领域，如 factory 或 工厂；generic 为没有领域的项目 / sector, e.g. factory; generic for entries without one',
  )
  .requiredOption('--version <version>', RUBRIC_CHOICE_HELP, (value) =>
    parseRubricChoice(value, '--version'),
  )
  .action(
    async (
      project: string,
      options: { name?: string; round?: string; sector: string; version: RubricChoice },
    ) => {
      const name = roundNameOf(options);
      await withProject(project, async () => {
        await call('rounds.get', { round: name });
        const versions = await call('rubrics.list', {});
        const rubric = local(() =>
          chooseRubric(versions, groupKey(options.sector), options.version),
        );
        const detail = await call('rounds.pin', {
          round: name,
          sector: options.sector,
          rubric_id: rubric.id,
        });
        sayRound(detail, '已选定评分细则，评审批次', 'Rubric chosen; round');
      });
    },
  );

withRoundName(round.command('regroup'))
  .description(
    '将领域在创建批次后有变化的项目移入现在的领域，按该领域的评分细则评分（仅限筹备中的批次）/ move the entries whose sector changed after the round was created to their sector now, scored with its rubric (rounds in setup only)',
  )
  .argument('<project>')
  .action(async (project: string, options: { name?: string; round?: string }) => {
    const name = roundNameOf(options);
    await withProject(project, async () => {
      const before = await call('rounds.get', { round: name });
      const detail = await call('rounds.regroup', { round: name });
      const moved = before.sector_changes.length - detail.sector_changes.length;
      sayRound(
        detail,
        `已将 ${moved} 个项目移入现在的领域，评审批次`,
        `Moved ${moved} entries to their sector now; round`,
      );
    });
  });

const TRANSITIONS = {
  start: {
    op: 'rounds.start',
    description: '开始评审（筹备中 → 评分中）/ start scoring (setup → scoring)',
    zh: '已开始评审',
    en: 'Scoring started in round',
  },
  lock: {
    op: 'rounds.lock',
    description: '锁定批次，不再接受评分修改 / lock the round: no more score changes',
    zh: '已锁定评审批次',
    en: 'Locked round',
  },
  reopen: {
    op: 'rounds.reopen',
    description: '重新开放已锁定的批次（须填写原因）/ reopen a locked round (a reason is required)',
    zh: '已重新开放评审批次',
    en: 'Reopened round',
  },
} as const;

for (const [transition, words] of Object.entries(TRANSITIONS)) {
  const command = withRoundName(round.command(transition))
    .description(words.description)
    .argument('<project>');
  if (transition === 'reopen') {
    command.requiredOption(
      '--reason <reason>',
      '原因，记入审计记录 / reason, kept in the audit trail',
    );
  }
  command.action(
    async (project: string, options: { name?: string; round?: string; reason?: string }) => {
      const name = roundNameOf(options);
      await withProject(project, async () => {
        const detail =
          words.op === 'rounds.reopen'
            ? await call(words.op, { round: name, reason: options.reason ?? '' })
            : await call(words.op, { round: name });
        sayRound(detail, words.zh, words.en);
      });
    },
  );
}

round
  .command('list')
  .description('列出评审批次 / list the rounds')
  .argument('<project>')
  .option('--json', 'JSON 输出 / JSON output')
  .action(async (project: string, options: { json?: boolean }) => {
    await withProject(project, async () => {
      const rounds = await call('rounds.list', {});
      if (options.json) {
        printJson(
          rounds.map((r) => ({
            name: r.name,
            uuid: r.uuid,
            programme: r.programme,
            stage: r.stage,
            status: r.status,
            entries: r.entries,
            reviews_submitted: r.reviews_submitted,
            reviews_draft: r.reviews_draft,
            settings: r.settings,
            created_at: r.created_at,
          })),
        );
        return;
      }
      for (const r of rounds) {
        process.stdout.write(
          `${r.name}\t${r.programme}\t${r.stage ?? '-'}\t${r.status}\t${r.entries}\t${r.reviews_submitted}\n`,
        );
      }
      say(`共 ${rounds.length} 个评审批次`, `${rounds.length} rounds`);
    });
  });

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

program
  .command('rank')
  .description('计算排名 / rank a round')
  .argument('<project>')
  .requiredOption('--round <name>')
  .addOption(new Option('--method <method>').choices(AGGREGATION_METHODS))
  .option('--trim <k>', '去掉最高、最低各 k 个 / drop the k highest and k lowest', (v) =>
    parseCount(v, '--trim'),
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
          scope: options.sector === undefined ? 'overall' : sectorKey(options.sector ?? ''),
        });
        // Also with --json: the versions go to stderr, the JSON keeps CLI.md's shape.
        say(
          `评审批次“${result.round}”，方法：${methodDescription(result.settings.method, result.settings.trim_k).zh}，范围 ${result.scope}，评分细则：${result.rubrics.map((r) => `${r.name_zh} 第 ${r.version} 版`).join('、')}，同分比较：${result.tie_break_chain.join(' → ')}`,
          `Round "${result.round}", method: ${methodDescription(result.settings.method, result.settings.trim_k).en}, scope ${result.scope}, rubrics: ${result.rubrics.map((r) => `${r.name_en} v${r.version}`).join(', ')}, tie-break: ${result.tie_break_chain.join(' → ')}`,
        );
        if (options.json) {
          printJson(rankJson(result));
          return;
        }
        if (result.reviewer_flags.length > 0) {
          say(
            `专家标准化时按原分计入的专家：${result.reviewer_flags.map((f) => `${f.reviewer_id}（${ZSCORE_REVIEWER_FLAG_NAMES[f.flag].zh}）`).join('、')}`,
            `Reviewers whose totals the per-expert z-score uses as they are: ${result.reviewer_flags.map((f) => `${f.reviewer_id} (${ZSCORE_REVIEWER_FLAG_NAMES[f.flag].en})`).join(', ')}`,
          );
        }
        for (const row of result.rows) {
          process.stdout.write(
            `${row.rank ?? '-'}\t${row.entry_id}\t${row.score?.toFixed(2) ?? '-'}\t${row.reviews}\t${row.title}\t${[...row.flags, ...(row.gate_failed ? [`gate:${row.gate_failed}`] : [])].join(',')}\n`,
          );
        }
      });
    },
  );

function parsePoints(value: string, option: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0 || number > 100) {
    throw new ExitError(1, {
      code: 'usage',
      message_zh: `${option} 须为 0 到 100 之间的分数，而不是“${value}”`,
      message_en: `${option} must be points between 0 and 100, not "${value}"`,
    });
  }
  return number;
}

/** A whole number of at least `least` (1 unless 0 means something, as for a quota). */
function parseCount(value: string, option: string, least: 0 | 1 = 1): number {
  const number = value.trim() === '' ? Number.NaN : Number(value);
  if (!Number.isInteger(number) || number < least) {
    throw new ExitError(1, {
      code: 'usage',
      message_zh: `${option} 须为${least === 0 ? '非负' : '正'}整数，而不是“${value}”`,
      message_en: `${option} must be a ${least === 0 ? 'whole number of 0 or more' : 'positive integer'}, not "${value}"`,
    });
  }
  return number;
}

/** `--quotas factory=3,mine=0` (or 工厂=3): places per sector; 0 leaves a sector out. */
function parseQuotas(value: string): Record<string, number> {
  const quotas: Record<string, number> = {};
  for (const item of value.split(/[,，、]/).filter((part) => part.trim() !== '')) {
    const [label = '', places = ''] = item.split('=').map((part) => part.trim());
    const sector = sectorKey(label);
    if (sector in quotas) {
      throw new ExitError(1, {
        code: 'usage',
        message_zh: `--quotas 中领域 ${label} 出现了两次`,
        message_en: `--quotas names sector ${label} twice`,
      });
    }
    quotas[sector] = parseCount(places, `--quotas ${label}`, 0);
  }
  return quotas;
}

/** Export options that would be silently ignored or contradict each other: a usage error. */
function exportUsage(options: {
  format: ExportFormat;
  out: string;
  method?: string;
  trim?: number;
  kind?: PdfKind;
}): void {
  const refuse = (zh: string, en: string) => {
    throw new ExitError(1, { code: 'usage', message_zh: zh, message_en: en });
  };
  if (options.kind !== undefined && options.format !== 'pdf') {
    refuse(
      `--kind 只用于 PDF（--format pdf），不能与 --format ${options.format} 同用`,
      `--kind is for PDFs (--format pdf), not --format ${options.format}`,
    );
  }
  if (options.trim !== undefined && options.method !== undefined && options.method !== 'trimmed') {
    refuse(
      `--trim 只用于去掉最高最低分（--method trimmed），不能与 --method ${options.method} 同用`,
      `--trim is for the trimmed mean (--method trimmed), not --method ${options.method}`,
    );
  }
  const extension = /\.(pdf|xlsx|csv)$/i.exec(options.out)?.[1]?.toLowerCase();
  if (extension !== undefined && extension !== options.format) {
    refuse(
      `输出文件 ${options.out} 的扩展名与格式 ${options.format} 不符`,
      `The output file ${options.out} does not end in .${options.format}`,
    );
  }
}

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
  .addOption(new Option('--method <method>').choices(AGGREGATION_METHODS))
  .option('--trim <k>', '去掉最高、最低各 k 个 / drop the k highest and k lowest', (v) =>
    parseCount(v, '--trim'),
  )
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
    (v) => {
      const columns = v.split(/[,，]/).map((c) => c.trim());
      const unknown = columns.filter((c) => !(EXPORT_COLUMNS as readonly string[]).includes(c));
      if (unknown.length > 0) {
        throw new ExitError(1, {
          code: 'usage',
          message_zh: `--columns 中没有这些列：${unknown.join('、')}。可选：${EXPORT_COLUMNS.join(',')}`,
          message_en: `--columns has no column ${unknown.join(', ')}. Choose from: ${EXPORT_COLUMNS.join(',')}`,
        });
      }
      return columns;
    },
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
        const progress = progressBar(basename(options.out));
        const result = await dispatch(
          handlers,
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
          progress ? { caller: USER, progress } : { caller: USER },
        );
        if (!result.ok) throw new ExitError(EXIT_BY_CODE[result.error.code] ?? 2, result.error);
        const record = result.value as OperationOutput<'export.ranking'>;
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

program
  .command('verify-export')
  .description('核对导出文件是否仍与数据一致 / check that an exported file still matches the data')
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
      if (!check.ok) {
        throw new ExitError(3, {
          code: 'export_outdated',
          message_zh: `文件与 ${when}（UTC）评审批次“${record.round ?? '?'}”的导出记录一致，但此后数据已变化：导出时数据摘要 ${record.data_digest}，现在 ${check.current_digest ?? '无法计算'}。请重新导出。`,
          message_en: `The file matches the export of round "${record.round ?? '?'}" made ${when} UTC, but the data changed since: digest then ${record.data_digest}, now ${check.current_digest ?? 'not computable'}. Export it again.`,
        });
      }
      say(
        `核对通过：文件与 ${when}（UTC）的导出记录一致，数据自导出以来未变化（数据摘要 ${record.data_digest}）。`,
        `Verified: the file is the export made ${when} UTC and the data has not changed since (data digest ${record.data_digest}).`,
      );
    });
  });

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
        for (const b of backups) process.stdout.write(`${b.created_at}\t${b.bytes}\t${b.path}\n`);
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
    // Outside an operation too (closing the project), a full disk or a held file says so.
    const known = toUserMessage(error);
    if (known.code !== 'internal') {
      say(`错误：${known.message_zh}`, `Error: ${known.message_en}`);
      return EXIT_BY_CODE[known.code] ?? 2;
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
