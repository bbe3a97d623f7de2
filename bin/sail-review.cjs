#!/usr/bin/env node
// Entry of `npx sail-review`: the CLI bundle that `npm install` builds (prepare script).
require('../dist/electron/cli.cjs');
