// Option values several commands take: counts, points, sectors and lists, and the passphrase of
// an encrypted package. A value out of place is a usage error (exit 1) in both languages.
import { Option, type Command } from 'commander';
import { AGGREGATION_METHODS } from '../core/domain';
import { groupKey } from '../core/rubric-choice';
import { local, usageError } from './exit';
import { openWithPassphrase, optionFiles } from './operations';

export function parsePoints(value: string, option: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0 || number > 100) {
    throw usageError(
      `${option} 须为 0 到 100 之间的分数，而不是“${value}”`,
      `${option} must be points between 0 and 100, not "${value}"`,
    );
  }
  return number;
}

/** A whole number of at least `least` (1 unless 0 means something, as for a quota). */
export function parseCount(value: string, option: string, least: 0 | 1 = 1): number {
  const number = value.trim() === '' ? Number.NaN : Number(value);
  if (!Number.isInteger(number) || number < least) {
    throw usageError(
      `${option} 须为${least === 0 ? '非负' : '正'}整数，而不是“${value}”`,
      `${option} must be a ${least === 0 ? 'whole number of 0 or more' : 'positive integer'}, not "${value}"`,
    );
  }
  return number;
}

/**
 * A sector as the API keys it, from its key or Chinese name (工厂); anything else as given, for
 * the API to refuse with the sectors it has.
 */
export function sectorKey(label: string): string {
  try {
    return groupKey(label);
  } catch {
    return label;
  }
}

export const splitList = (value?: string) =>
  value
    ?.split(/[,，、]/)
    .map((item) => item.trim())
    .filter(Boolean);

/** How a ranking aggregates reviews (round create, rank, export). */
export const methodOption = () => new Option('--method <method>').choices(AGGREGATION_METHODS);

export const trimOption = () =>
  new Option('--trim <k>', '去掉最高、最低各 k 个 / drop the k highest and k lowest').argParser(
    (v) => parseCount(v, '--trim'),
  );

/** The arguments that name the file a command opens. */
const OPENED = new Set(['project', 'panel-file']);

/**
 * `--passphrase-file` on every command that opens a project (design/CLI.md: a panel package is a
 * project file that each of them opens, encrypted or not), read before the command runs. Left
 * out: the commands `except` names (`init` creates its file) and those whose own
 * `--passphrase-file` means something else (`panel export` encrypts the package it writes).
 */
export function passphraseFileOption(program: Command, except: readonly string[]): void {
  const wired = new WeakSet<Command>();
  const visit = (command: Command) => {
    command.commands.forEach(visit);
    if (command.commands.length > 0 || except.includes(command.name())) return;
    if (!command.registeredArguments.some((argument) => OPENED.has(argument.name()))) return;
    if (command.options.some((option) => option.long === '--passphrase-file')) return;
    command.option(
      '--passphrase-file <file>',
      '加密评审包的口令（文件中）/ the encrypted panel package’s passphrase (in this file)',
    );
    wired.add(command);
  };
  visit(program);
  program.hook('preAction', async (_program, action) => {
    const file = wired.has(action)
      ? action.opts<{ passphraseFile?: string }>().passphraseFile
      : undefined;
    if (file === undefined) return;
    const { readPassphraseFile } = await optionFiles();
    openWithPassphrase(await local(() => readPassphraseFile(file)));
  });
}
