#!/usr/bin/env node
// Entry of `npx sail-review`: the CLI bundle that `npm install` builds (prepare script).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS bin stub
require('../dist/electron/cli.cjs');
