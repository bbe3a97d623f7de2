#!/usr/bin/env node
// Entry of `npx sail-review`: the CLI bundle that `npm install` builds (prepare script).
import('../dist/electron/cli.mjs');
