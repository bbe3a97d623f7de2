// Lint: typescript-eslint (type-aware), react-hooks, and the import boundaries of docs/ARCHITECTURE.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const NODE_BUILTINS = [
  'fs',
  'fs/promises',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'https',
  'net',
  'stream',
  'url',
  'zlib',
  'worker_threads',
];

/**
 * A no-restricted-imports rule for a layer: `packages` are exact module names (plus `node:*`
 * when `node` is set); `folders` are regexes over the import path.
 */
function boundary({ packages = [], node = false, folders = [] }, message) {
  const names = [...packages, ...(node ? NODE_BUILTINS : [])];
  return [
    'error',
    {
      paths: names.map((name) => ({ name, message })),
      patterns: [
        ...(node ? [{ group: ['node:*'], message }] : []),
        ...folders.map((regex) => ({ regex, message })),
      ],
    },
  ];
}

/** Matches an import path that walks into one of the named folders. */
const into = (...names) => `(^|/)(${names.join('|')})(/|$)`;
/** The thin entry files (main, preload, CLI) that nothing imports. */
const ENTRY_FILES = '(^|/)(main|preload|cli)$';
const RENDERER_FORBIDDEN = [
  'electron/(store|io|host|shell)(/|$)',
  'electron/api/(handlers|session|dispatch|services)(/|$)',
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      '.native/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-confusing-void-expression': 'off',
      '@typescript-eslint/no-unnecessary-condition': [
        'error',
        { allowConstantLoopConditions: true },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { ...globals.node },
    },
  },
  // ---- layer boundaries (docs/ARCHITECTURE.md) ----
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': boundary(
        {
          packages: ['electron', 'better-sqlite3', 'exceljs', 'papaparse', 'iconv-lite'],
          node: true,
          folders: [into('store', 'io', 'api', 'host', 'shell', 'renderer'), ENTRY_FILES],
        },
        'electron/core is pure: no I/O, and it imports nothing outside core.',
      ),
    },
  },
  {
    files: ['electron/store/**/*.ts'],
    rules: {
      'no-restricted-imports': boundary(
        {
          packages: ['electron', 'exceljs', 'papaparse', 'iconv-lite'],
          folders: [into('io', 'api', 'host', 'shell', 'renderer'), ENTRY_FILES],
        },
        'electron/store owns SQL and may import core only.',
      ),
    },
  },
  {
    files: ['electron/io/**/*.ts'],
    rules: {
      'no-restricted-imports': boundary(
        {
          packages: ['electron'],
          folders: [into('api', 'host', 'shell', 'renderer'), ENTRY_FILES],
        },
        'electron/io runs in plain Node (CLI, tests) and may import core and store only.',
      ),
    },
  },
  {
    files: ['electron/api/**/*.ts'],
    rules: {
      'no-restricted-imports': boundary(
        { packages: ['electron'], folders: [into('host', 'shell', 'renderer'), ENTRY_FILES] },
        'electron/api runs in plain Node (CLI, host) and may import core, store and io only.',
      ),
    },
  },
  {
    files: ['electron/api/contract.ts', 'electron/api/channels.ts', 'electron/api/result.ts'],
    rules: {
      'no-restricted-imports': boundary(
        {
          packages: ['electron', 'better-sqlite3'],
          node: true,
          folders: [into('store', 'io', 'services'), '^\\./(handlers|session|dispatch)$'],
        },
        'The contract is read by the renderer and the preload: Node-free, core types only.',
      ),
    },
  },
  {
    files: [
      'electron/main.ts',
      'electron/preload.ts',
      'electron/cli.ts',
      'electron/host/**/*.ts',
      'electron/shell/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': boundary(
        { folders: [into('store', 'io', 'renderer')] },
        'Ways in (window, CLI, host) call electron/api only.',
      ),
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': boundary(
        { packages: ['electron', 'better-sqlite3'], node: true, folders: RENDERER_FORBIDDEN },
        'The renderer has no Node: it sees the api contract and core types only.',
      ),
    },
  },
  {
    files: ['renderer/src/features/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': boundary(
        {
          packages: ['electron', 'better-sqlite3'],
          node: true,
          // '../other-feature/…' from a feature folder; '../../shared/…' stays allowed.
          folders: [...RENDERER_FORBIDDEN, '^\\.\\./[^./][^/]*(/|$)'],
        },
        'The renderer has no Node and sees the api contract and core types only; a feature imports shared code, not another feature.',
      ),
    },
  },
  {
    // The rubric editor's preview is the scoring feature's own form in preview mode, not a copy:
    // this one file may import from ../scoring.
    files: ['renderer/src/features/rubrics/RubricPreview.tsx'],
    rules: {
      'no-restricted-imports': boundary(
        {
          packages: ['electron', 'better-sqlite3'],
          node: true,
          folders: [...RENDERER_FORBIDDEN, '^\\.\\./(?!scoring/)[^./][^/]*(/|$)'],
        },
        'The rubric preview may reuse the scoring form; other features stay apart.',
      ),
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      // expect.objectContaining() and friends are typed `any` by design.
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
  prettier,
);
