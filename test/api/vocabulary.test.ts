// One vocabulary: the words the window shows for a method or a flag are the words the signed PDF
// prints, the spreadsheet writes and the CLI says, in both languages.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dispatch, USER } from '../../electron/api/dispatch';
import { createHandlers } from '../../electron/api/handlers';
import { ProjectSession } from '../../electron/api/session';
import type { Result } from '../../electron/api/result';
import { zhCN } from '../../renderer/src/shared/i18n/zh-CN';
import { translate } from '../../renderer/src/shared/i18n';
import { runCli } from '../support/cli';
import { demoRoundSession } from '../support/demo-round';
import { resourcesDir, tempDir } from '../support/paths';

/** The HTML of every PDF the session prints: the document as people sign it, before printing. */
const printed: string[] = [];
const capturingPrinter = {
  print: (html: string) => {
    printed.push(html);
    return Promise.resolve(new TextEncoder().encode('%PDF-1.7\n%captured\n'));
  },
};

/** Visible text of an HTML document, entities decoded enough for these words. */
const textOf = (html: string) =>
  html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

let project: string;

beforeAll(async () => {
  const api = await demoRoundSession();
  project = api.session.current?.path ?? '';
  api.session.close();
});

describe('one vocabulary across the window, the PDF, the spreadsheet and the CLI', () => {
  it('the ranking PDF names the method and every flag with the window’s words', async () => {
    const dir = tempDir();
    const session = new ProjectSession({
      configDir: join(dir, 'config'),
      resourcesDir,
      pdfPrinter: capturingPrinter,
    });
    const handlers = createHandlers(session);
    const call = (name: string, input: unknown) =>
      dispatch(handlers, name, input, { caller: USER });
    expect((await call('project.open', { path: project })).ok).toBe(true);
    const ranking = (await call('ranking.rank', { round: '复赛', method: 'zscore' })) as Result<{
      rows: Array<{ flags: string[] }>;
    }>;
    if (!ranking.ok) throw new Error(ranking.error.message_en);
    const flags = new Set(ranking.value.rows.flatMap((row) => row.flags));
    expect(flags).toEqual(new Set(['disagreement', 'insufficient_reviews', 'tie']));

    printed.length = 0;
    const pdf = await call('export.ranking', {
      round: '复赛',
      format: 'pdf',
      method: 'zscore',
      path: join(dir, '排名.pdf'),
    });
    expect(pdf.ok).toBe(true);
    const text = textOf(printed.join('\n'));
    expect(text).toContain(zhCN['method.zscore']);
    for (const flag of flags) {
      expect(text).toContain(zhCN[`flag.${flag}` as keyof typeof zhCN]);
    }

    const csvPath = join(dir, '排名.csv');
    expect((await call('export.ranking', { round: '复赛', format: 'csv', path: csvPath })).ok).toBe(
      true,
    );
    const csv = readFileSync(csvPath, 'utf8');
    // A spreadsheet cell holds the words and the key scripts match on: 分歧较大 disagreement.
    for (const flag of flags) {
      expect(csv).toContain(`${zhCN[`flag.${flag}` as keyof typeof zhCN]} ${flag}`);
    }
    session.close();
  });

  it('the CLI states the method in the window’s words, in both languages', () => {
    const run = runCli(['rank', project, '--round', '复赛', '--method', 'trimmed', '--trim', '1']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(translate('zh-CN', 'method.trimmedK', { k: 1 }));
    expect(run.stderr.toLowerCase()).toContain(
      translate('en-US', 'method.trimmedK', { k: 1 }).toLowerCase(),
    );
  });
});
