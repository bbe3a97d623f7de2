// What the CLI writes: messages in Chinese and English on stderr, machine output (JSON or
// tab-separated lines) on stdout, and a progress bar on stderr when it is a terminal.
import type { TaskPhase } from '../api/contract';
import type { Progress } from '../api/dispatch';

export const say = (zh: string, en: string) => process.stderr.write(`${zh}\n${en}\n`);

/**
 * JSON laid out for a reader on a terminal, on one line for a pipe or a file (a script's): a
 * ranking of 50,000 entries is then 15 MB rather than 22, and written in two thirds of the time.
 */
const indent = () => (process.stdout.isTTY ? 2 : undefined);

export const printJson = (value: unknown) =>
  process.stdout.write(`${JSON.stringify(value, null, indent())}\n`);

/**
 * Items printJsonList lays out at a time: some 30,000 characters of a ranking, so each chunk's
 * text (two bytes a character once a Chinese title is in it) stays under V8's large-object size
 * of 128 KB and dies young; 500 rows a chunk left 40 MB of large strings for a full collection.
 */
const LIST_CHUNK = 100;

/**
 * `printJson(items.map(shape))`, the same text, written in chunks: a ranking of 50,000 entries
 * is never one 20 MB string (and its copy as bytes) in memory. Each chunk is one array laid out
 * by JSON.stringify, its brackets dropped: the items inside are laid out as in the whole list.
 */
export function printJsonList<T>(items: readonly T[], shape: (item: T) => unknown): void {
  if (items.length === 0) {
    printJson([]);
    return;
  }
  const spaces = indent();
  // What JSON.stringify puts after "[", between items and before "]": newlines when indenting.
  const [open, between, close] = spaces === undefined ? ['[', ',', ']'] : ['[\n', ',\n', '\n]'];
  for (let start = 0; start < items.length; start += LIST_CHUNK) {
    const text = JSON.stringify(items.slice(start, start + LIST_CHUNK).map(shape), null, spaces);
    const inside = text.slice(open.length, -close.length);
    const last = start + LIST_CHUNK >= items.length;
    process.stdout.write(`${start === 0 ? open : ''}${inside}${last ? `${close}\n` : between}`);
  }
}

const PHASE_NAMES: Record<TaskPhase, string> = {
  start: '准备 start',
  read: '读取 read',
  rank: '排名 rank',
  layout: '排版 layout',
  print: '生成 PDF print',
  write: '写入 write',
  match: '匹配单位 match',
  solve: '计算分配 solve',
};

/** A bar on stderr, one line per phase; none when stderr is not a terminal (pipes, logs). */
export function progressBar(label: string) {
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
