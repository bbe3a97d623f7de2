// Issue 14: a panel package's chain is signed on the expert's laptop with the package's own key
// (store/chain-seal.ts), which `verify` trusts because the organiser certified it at export:
// `certificate` is the organiser's Ed25519 signature over the package's identity and public key,
// `certified_by` the fingerprint of the organiser's key that made it. NULL for packages made
// before (their chains were signed with whatever key the laptop held).
import type { Migration } from './types';

export const migration0013: Migration = {
  version: 13,
  name: 'package_certificate',
  sql: `
ALTER TABLE panel_package ADD COLUMN certified_by TEXT;
ALTER TABLE panel_package ADD COLUMN certificate TEXT;
`,
};
