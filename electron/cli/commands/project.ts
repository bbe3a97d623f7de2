// The project file: `init` creates it, `verify` checks its audit chain and integrity, `backup`
// copies it beside itself (or lists the copies).
import type { Command } from 'commander';
import { resolve } from 'node:path';
import type { ProjectVerification } from '../../api/contract';
import type { SealCheck } from '../../core/chain';
import { ExitError, local } from '../exit';
import { call, closeSession, optionFiles, withProject } from '../operations';
import { printJson, say } from '../output';

export function initCommand(program: Command): void {
  program
    .command('init')
    .description('创建项目文件 / create a project file (SQLite)')
    .argument('<project>', 'project file, e.g. review.sailreview')
    .option('--name <name>', '项目名称 / project name')
    .action(async (project: string, options: { name?: string }) => {
      const info = await call('project.create', { path: project, name: options.name });
      closeSession();
      say(`已创建项目：${info.path}`, `Project created: ${info.path}`);
    });
}

/** A row `verify` found different, in both languages: its table, key, review terms, event. */
function rowProblem(row: ProjectVerification['rows']['first'][number]): { zh: string; en: string } {
  const label = row.label;
  const where = label
    ? {
        zh: [
          label.round === undefined ? '' : `评审批次“${label.round}”`,
          label.entry_id === undefined ? '' : `项目 ${label.entry_id}`,
          label.reviewer_id === undefined ? '' : `专家 ${label.reviewer_id}`,
          label.criterion === undefined ? '' : `评分项 ${label.criterion}`,
        ]
          .filter(Boolean)
          .join(' '),
        en: [
          label.round === undefined ? '' : `round "${label.round}"`,
          label.entry_id === undefined ? '' : `entry ${label.entry_id}`,
          label.reviewer_id === undefined ? '' : `reviewer ${label.reviewer_id}`,
          label.criterion === undefined ? '' : `criterion ${label.criterion}`,
        ]
          .filter(Boolean)
          .join(' '),
      }
    : null;
  const what = {
    changed: { zh: '在审计链之外被修改', en: 'was changed outside the app' },
    deleted: { zh: '在审计链之外被删除', en: 'was deleted outside the app' },
    inserted: { zh: '在审计链之外被插入', en: 'was inserted outside the app' },
  }[row.kind];
  const event =
    row.seq === null
      ? { zh: '审计链中没有写入它的事件', en: 'no audit event wrote it' }
      : { zh: `最后由第 ${row.seq} 条审计事件写入`, en: `last written by audit event ${row.seq}` };
  return {
    zh: `表 ${row.table} 的行 ${row.key}${where ? `（${where.zh}）` : ' '}${what.zh}（${event.zh}）`,
    en: `row ${row.key} of table ${row.table}${where ? ` (${where.en})` : ''} ${what.en} (${event.en})`,
  };
}

/** What the signed head says, when it fails, in both languages. */
function sealProblem(seal: SealCheck): { zh: string; en: string } | null {
  switch (seal.status) {
    case 'valid':
    case 'not_signed':
      return null;
    case 'missing':
      return {
        zh: '审计链头没有组织者密钥的签名（签名被删除，或项目在本程序之外被写入）',
        en: "the chain's head carries no signature by the organiser's key (it was removed, or the project was written outside SailReview)",
      };
    case 'unknown_key':
      return {
        zh: `审计链头由一把本机密钥文件夹中没有的密钥签名（指纹 ${seal.fingerprint}）：请用 --public-key 指定组织者的公钥文件再核验；若组织者没有这把密钥，项目已被他人改写`,
        en: `the chain's head is signed with a key this computer's key folder does not hold (fingerprint ${seal.fingerprint}): verify again with the organiser's public key (--public-key); if the organiser has no such key, someone else rewrote the project`,
      };
    case 'bad_certificate':
      return {
        zh: '评审包的签名密钥没有组织者的有效认证：评审包的密钥被替换，或评审包并非由组织者导出',
        en: "the panel package's signing key carries no valid certificate by the organiser: its key was replaced, or the organiser never exported it",
      };
    case 'bad_signature':
      return {
        zh: `审计链头（第 ${seal.seq} 条事件）的签名不成立：审计链在没有组织者密钥的情况下被改写`,
        en: `the signature of the chain's head (event ${seal.seq}) does not hold: the chain was rewritten without the organiser's key`,
      };
    case 'other_head':
      return seal.head_seq !== null && seal.head_seq < seal.seq
        ? {
            zh: `审计链被截断：签名的链头是第 ${seal.seq} 条事件，而现在只到第 ${seal.head_seq} 条`,
            en: `the audit chain was cut off: the signed head is event ${seal.seq}, but it now ends at event ${seal.head_seq}`,
          }
        : {
            zh: `审计链头不是签名的那一条：签名的是第 ${seal.seq} 条事件，现在是第 ${seal.head_seq ?? 0} 条（审计链在没有组织者密钥的情况下被改写或追加）`,
            en: `the chain's head is not the one signed: event ${seal.seq} was signed, the head is now event ${seal.head_seq ?? 0} (the chain was rewritten or extended without the organiser's key)`,
          };
  }
}

export function verifyCommand(program: Command): void {
  program
    .command('verify')
    .description(
      '校验数据库完整性、审计链、每一行数据与签名的链头 / verify the database, the audit chain, every row against it and the signed head',
    )
    .argument('<project>')
    .option(
      '--public-key <file>',
      "组织者的公钥（本机密钥文件夹中没有时）/ the organiser's public key (when this computer's key folder lacks it)",
    )
    .action(async (project: string, options: { publicKey?: string }) => {
      const publicKey =
        options.publicKey === undefined
          ? undefined
          : await local(async () =>
              (await optionFiles()).readPublicKeyFile(resolve(options.publicKey ?? '')),
            );
      await withProject(project, async () => {
        const report = await call('project.verify', { public_key: publicKey });
        const { unvouched } = report.rows;
        const older =
          unvouched > 0
            ? {
                zh: `另有 ${unvouched} 行由旧版本写入且此后未改动，审计链没有记录它们的内容（未核验）`,
                en: `${unvouched} rows were written by an older version and not since, so the chain does not record them (not checked)`,
              }
            : null;
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
          const seal = sealProblem(report.seal);
          if (seal) {
            zh.push(seal.zh);
            en.push(seal.en);
          }
          const broken = report.rows.broken_events;
          if (broken.length > 0) {
            zh.push(
              `第 ${broken[0]} 条审计事件记录的数据摘要与其写入的行不符（共 ${broken.length} 条事件）`,
            );
            en.push(
              `audit event ${broken[0]} no longer matches the digest of the rows it wrote (${broken.length} events in all)`,
            );
          }
          if (report.rows.differences > 0) {
            const lines = report.rows.first.map(rowProblem);
            const more = report.rows.differences - lines.length;
            zh.push(
              [
                `${report.rows.differences} 行数据与审计链不符，第一处：`,
                ...lines.map((line) => `  ${line.zh}`),
                ...(more > 0 ? [`  ……另有 ${more} 行`] : []),
              ].join('\n'),
            );
            en.push(
              [
                `${report.rows.differences} rows differ from the audit chain, the first:`,
                ...lines.map((line) => `  ${line.en}`),
                ...(more > 0 ? [`  … and ${more} more`] : []),
              ].join('\n'),
            );
          }
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
        const { seal } = report;
        const signed =
          seal.status !== 'valid'
            ? { zh: '', en: '' }
            : seal.expert
              ? {
                  zh: `，链头由专家 ${seal.expert.reviewer_id}（${seal.expert.name}）的评审包密钥签名，该密钥经组织者密钥认证（指纹 ${seal.expert.certified_by.slice(0, 16)}…）`,
                  en: `, its head signed by the panel package key of reviewer ${seal.expert.reviewer_id} (${seal.expert.name}), certified by the organiser's key (fingerprint ${seal.expert.certified_by.slice(0, 16)}…)`,
                }
              : {
                  zh: `，链头由组织者密钥签名（指纹 ${seal.fingerprint.slice(0, 16)}…）`,
                  en: `, its head signed by the organiser's key (fingerprint ${seal.fingerprint.slice(0, 16)}…)`,
                };
        say(
          `校验通过：数据库完整，审计链 ${report.audit_events} 条事件完好${signed.zh}，${report.rows.vouched} 行数据与之相符${older ? `；${older.zh}` : ''}`,
          `Verified: database intact, audit chain of ${report.audit_events} events holds${signed.en}, ${report.rows.vouched} rows match it${older ? `; ${older.en}` : ''}`,
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
