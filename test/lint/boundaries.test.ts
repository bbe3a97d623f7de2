// The import boundaries of docs/ARCHITECTURE.md are lint rules: prove they fire.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths';

const eslint = new ESLint({
  cwd: repoRoot,
  // Virtual files are not in a TypeScript project; the boundary rule needs no types.
  overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
});

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

describe('layer boundaries', () => {
  it.each([
    ['electron/core/x.ts', "import { readFileSync } from 'node:fs';", /pure/],
    ['electron/core/x.ts', "import Database from 'better-sqlite3';", /pure/],
    ['electron/core/x.ts', "import { ProjectStore } from '../store/project-store';", /core/],
    ['electron/store/x.ts', "import { openTable } from '../io/table';", /store/],
    ['electron/io/x.ts', "import { createHandlers } from '../api/handlers';", /io/],
    [
      'electron/api/contract.ts',
      "import { ProjectStore } from '../store/project-store';",
      /contract/,
    ],
    ['electron/api/contract.ts', "import { readFileSync } from 'node:fs';", /Node-free/],
    [
      'electron/main.ts',
      "import { ProjectStore } from './store/project-store';",
      /electron\/api only/,
    ],
    ['electron/cli.ts', "import { openTable } from './io/table';", /electron\/api only/],
    [
      'renderer/src/shared/x.ts',
      "import { ProjectStore } from '../../../electron/store/project-store';",
      /renderer/,
    ],
    ['renderer/src/shared/x.ts', "import { readFileSync } from 'node:fs';", /no Node/],
    ['renderer/src/features/entries/x.ts', "import { X } from '../scoring/x';", /another feature/],
  ])('%s may not %s', async (file, code, message) => {
    const errors = await boundaryErrors(file, `${code}\nexport {};\n`);
    expect(errors).toEqual([expect.stringMatching(message)]);
  });

  it.each([
    ['electron/core/x.ts', "import { z } from 'zod';"],
    ['electron/store/x.ts', "import { SailError } from '../core/errors';"],
    ['electron/io/x.ts', "import { ProjectStore } from '../store/project-store';"],
    ['electron/api/handlers.ts', "import { importEntries } from '../io/import-entries';"],
    ['electron/main.ts', "import { dispatch } from './api/dispatch';"],
    ['renderer/src/features/entries/x.ts', "import { sail } from '../../shared/api';"],
    [
      'renderer/src/features/entries/x.ts',
      "import type { EntryRow } from '../../../../electron/api/contract';",
    ],
  ])('%s may %s', async (file, code) => {
    expect(await boundaryErrors(file, `${code}\nexport {};\n`)).toEqual([]);
  });
});
