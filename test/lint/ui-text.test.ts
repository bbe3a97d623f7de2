// Every word the window shows comes from the message files: the lint rule refuses literal words
// in JSX text and in the props people read, and lets through t(), symbols and non-visible props.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths';

const eslint = new ESLint({
  cwd: repoRoot,
  overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
  ruleFilter: ({ ruleId }) => ruleId === 'text/ui-text',
});

async function textErrors(code: string): Promise<number> {
  const [result] = await eslint.lintText(code, {
    filePath: 'renderer/src/features/example/Example.tsx',
  });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'text/ui-text').length;
}

describe('ui-text', () => {
  it.each([
    ['<span>保存</span>'],
    ['<span>Save</span>'],
    ["<span>{'提交评审'}</span>"],
    ['<span>{`Submit`}</span>'],
    ['<input placeholder="搜索" />'],
    ['<Button title="Close" />'],
    ['<Form.Item label="PIN" />'],
    ["<Tooltip title={'Alt + →'} />"],
  ])('refuses %s', async (jsx) => {
    expect(await textErrors(`export const A = () => ${jsx};`)).toBe(1);
  });

  it.each([
    ["<span>{t('scoring.submit')}</span>"],
    ['<span> / {max} · — %</span>'],
    ['<span>{total} / 100</span>'],
    ['<div className="sail-queue" data-testid="queue-item" />'],
    ["<input placeholder={t('search')} />"],
  ])('lets through %s', async (jsx) => {
    expect(await textErrors(`export const A = () => ${jsx};`)).toBe(0);
  });
});
