// The layers of docs/ARCHITECTURE.md are an allow-list lint rule: prove it refuses what no layer
// names (a new package, another layer, Node where there is none) and lets through what it names.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths';

const eslint = new ESLint({
  cwd: repoRoot,
  // Virtual files are not in a TypeScript project; the layer rule needs no types.
  overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
  ruleFilter: ({ ruleId }) => ruleId === 'local/layers',
});

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'local/layers').map((m) => m.message);
}

describe('layers', () => {
  it.each([
    ['electron/core/x.ts', "import { readFileSync } from 'node:fs';", /pure.*Node built-ins/],
    ['electron/core/x.ts', "import { readFileSync } from 'fs';", /pure.*Node built-ins/],
    ['electron/core/x.ts', "import Database from 'better-sqlite3';", /pure.*better-sqlite3/],
    // Not named anywhere: refused until someone decides core may have it.
    ['electron/core/x.ts', "import { z } from 'zod';", /core may not import the package zod/],
    ['electron/core/x.ts', "import { ProjectStore } from '../store/project-store';", /store/],
    ['electron/store/x.ts', "import { openTable } from '../io/table';", /store may not/],
    ['electron/store/x.ts', "import ExcelJS from 'exceljs';", /store may not.*exceljs/],
    ['electron/io/x.ts', "import { createHandlers } from '../api/handlers';", /io may not/],
    ['electron/io/x.ts', "import lodash from 'lodash';", /io may not import the package lodash/],
    [
      'electron/api/contract.ts',
      "import { ProjectStore } from '../store/project-store';",
      /contract/,
    ],
    ['electron/api/contract.ts', "import { readFileSync } from 'node:fs';", /Node-free/],
    // A domain of the contract is contract too: Node-free, no store.
    [
      'electron/api/contract/rounds.ts',
      "import { ProjectStore } from '../../store/project-store';",
      /contract may not/,
    ],
    ['electron/api/contract/rounds.ts', "import { readFileSync } from 'node:fs';", /Node-free/],
    // A domain's handlers are inside the api, reached through the handlers' registry.
    [
      'electron/cli.ts',
      "import { roundHandlers } from './api/handlers/rounds';",
      /electron\/api only/,
    ],
    ['electron/api/x.ts', "import { app } from 'electron';", /api may not.*electron/],
    [
      'electron/main.ts',
      "import { ProjectStore } from './store/project-store';",
      /electron\/api only/,
    ],
    ['electron/cli.ts', "import { openTable } from './io/table';", /electron\/api only/],
    // The ways in reach the api through its entry points, never its services.
    [
      'electron/cli.ts',
      "import { rankRound } from './api/services/ranking';",
      /electron\/api only/,
    ],
    // The CLI's commands are the CLI: the same way in, the same allow-list.
    [
      'electron/cli/commands/x.ts',
      "import { rankRound } from '../../api/services/ranking';",
      /electron\/api only/,
    ],
    ['electron/cli/x.ts', "import { ProjectStore } from '../store/project-store';", /api only/],
    ['electron/host/x.ts', "import { rankRound } from '../api/services/ranking';", /api only/],
    [
      'renderer/src/shared/x.ts',
      "import { ProjectStore } from '../../../electron/store/project-store';",
      /renderer/,
    ],
    ['renderer/src/shared/x.ts', "import { readFileSync } from 'node:fs';", /no Node/],
    ['renderer/src/shared/x.ts', "import { X } from '../features/entries/x';", /renderer/],
    ['renderer/src/features/entries/x.ts', "import { X } from '../scoring/x';", /another feature/],
    ['renderer/src/features/entries/x.ts', "import moment from 'moment';", /moment/],
    [
      'renderer/src/features/rubrics/RubricEditor.tsx',
      "import { ScoreForm } from '../scoring/ScoreForm';",
      /another feature/,
    ],
  ])('%s may not %s', async (file, code, message) => {
    const errors = await layerErrors(file, `${code}\nexport {};\n`);
    expect(errors).toEqual([expect.stringMatching(message)]);
  });

  it.each([
    ['electron/core/x.ts', "import { SailError } from './errors';"],
    ['electron/store/x.ts', "import { SailError } from '../core/errors';"],
    ['electron/store/x.ts', "import Database from 'better-sqlite3';"],
    ['electron/io/x.ts', "import { ProjectStore } from '../store/project-store';"],
    ['electron/api/handlers.ts', "import { importEntries } from '../io/import-entries';"],
    ['electron/api/contract.ts', "import { z } from 'zod';"],
    ['electron/api/contract.ts', "import { roundOperations } from './contract/rounds';"],
    ['electron/api/contract/rounds.ts', "import { op } from './shared';"],
    ['electron/api/handlers/rounds.ts', "import { changeRoundStatus } from '../services/rounds';"],
    ['electron/main.ts', "import { dispatch } from './api/dispatch';"],
    ['electron/cli.ts', "import { Command } from 'commander';"],
    ['electron/cli/commands/x.ts', "import { call } from '../operations';"],
    ['electron/cli/commands/x.ts', "import { readMappingFile } from '../../api/cli-files';"],
    ['electron/cli/x.ts', "import { createHandlers } from '../api/handlers';"],
    ['electron/host/x.ts', "import { SECURITY_HEADERS } from '../shell/security';"],
    ['renderer/src/app/x.tsx', "import { EntriesPage } from '../features/entries/EntriesPage';"],
    ['renderer/src/features/entries/x.ts', "import { sail } from '../../shared/api';"],
    ['renderer/src/features/entries/x.ts', "import { sail } from '@shared/api';"],
    ['renderer/src/features/entries/x.ts', "import { EntryTable } from './EntryTable';"],
    [
      'renderer/src/features/entries/x.ts',
      "import type { EntryRow } from '../../../../electron/api/contract';",
    ],
    ['renderer/src/features/entries/x.ts', "import type { EntryRow } from '@api/contract';"],
    [
      'renderer/src/features/rubrics/RubricPreview.tsx',
      "import { ScoreForm } from '../scoring/ScoreForm';",
    ],
  ])('%s may %s', async (file, code) => {
    expect(await layerErrors(file, `${code}\nexport {};\n`)).toEqual([]);
  });
});
