// Rounds: `round create`, `pin`, `regroup`, `start`, `lock`, `reopen` and `list`.
import { type Command, Option } from 'commander';
import type { RoundDetail } from '../../api/contract';
import {
  AGGREGATION_METHODS,
  DEFAULT_STAGE,
  PROGRAMMES,
  rubricLabel,
  STAGES,
  type Stage,
} from '../../core/domain';
import { chooseRubric, groupKey, sectorLabel, type RubricChoice } from '../../core/rubric-choice';
import { PROGRAMME_NAMES, ROUND_STATUS_NAMES } from '../../core/vocabulary';
import { local, usageError } from '../exit';
import { call, optionFiles, withProject } from '../operations';
import {
  methodOption,
  parseCount,
  parsePoints,
  sectorKey,
  splitList,
  trimOption,
} from '../options';
import { printJson, say } from '../output';

/** Aggregation settings given on the command line (round create). */
const settingsOptions = (command: Command) =>
  command
    .addOption(methodOption())
    .addOption(trimOption())
    .option('--min-reviews <n>', '最少有效评审数 / minimum reviews', (v) =>
      parseCount(v, '--min-reviews'),
    )
    .option(
      '--disagreement <points>',
      '分歧阈值（最高与最低总分之差）/ disagreement threshold (max − min of totals)',
      (v) => parsePoints(v, '--disagreement'),
    );

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

const RUBRIC_CHOICE_HELP =
  '版本号、generic（最新的通用细则）或 latest（本领域最新版本）/ a version number, generic (the newest generic rubric) or latest (the sector’s newest)';

function parseRubricChoice(value: string, option: string): RubricChoice {
  if (value === 'generic' || value === 'latest') return value;
  if (/^[1-9]\d*$/.test(value)) return Number(value);
  throw usageError(
    `${option} 须为版本号、generic 或 latest，而不是“${value}”`,
    `${option} must be a version number, generic or latest, not "${value}"`,
  );
}

/** `--rubric factory=2,mine=latest` (repeatable; `all=generic` for every sector). */
function parseRubricChoices(values: string[]): Record<string, RubricChoice> {
  const choices: Record<string, RubricChoice> = {};
  for (const item of values.flatMap((value) => splitList(value) ?? [])) {
    const [, sector, choice] = /^([^=]+)=(.*)$/.exec(item) ?? [];
    if (!sector?.trim()) {
      throw usageError(
        `--rubric 的写法为 领域=版本，例如 factory=2,mine=latest 或 all=generic，而不是“${item}”`,
        `--rubric takes sector=version, e.g. factory=2,mine=latest or all=generic, not "${item}"`,
      );
    }
    const label = sector.trim();
    const key = label === 'all' ? label : sectorKey(label);
    if (key in choices) {
      throw usageError(
        `--rubric 为领域 ${label} 给出了两个版本，请只保留一个`,
        `--rubric gives sector ${label} two versions; keep one`,
      );
    }
    choices[key] = parseRubricChoice((choice ?? '').trim(), `--rubric ${label}`);
  }
  return choices;
}

function createCommand(round: Command): void {
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
        entries === undefined
          ? undefined
          : await local(async () => (await optionFiles()).readEntryListFile(entries));
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
}

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
    throw usageError(
      '缺少批次名称：请用 --name 指定评审批次',
      'No round given: name it with --name',
    );
  }
  return name;
}

function pinCommand(round: Command): void {
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
}

function regroupCommand(round: Command): void {
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
}

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

function transitionCommands(round: Command): void {
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
}

function listCommand(round: Command): void {
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
}

export function roundCommands(program: Command): void {
  const round = program.command('round').description('评审批次 / rounds');
  createCommand(round);
  pinCommand(round);
  regroupCommand(round);
  transitionCommands(round);
  listCommand(round);
}
