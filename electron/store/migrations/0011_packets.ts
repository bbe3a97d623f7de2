// Issue 14: panel packages (评审包) out, signed score packets (评分包) back.
// - panel_package: a package issued (in the organiser's project: its reviewer, round and public
//   key, by which packets are verified) and, inside a package file, the package itself (the same
//   row with the private key that signs its packets; null in the organiser's project).
//   `sequence` counts the packets written (package) or the newest merged (project).
// - panel_review: per review of a package, the merge baseline: the project's version of the
//   review when it was packaged or last merged from this package (`base_version`, 0: none), and
//   the package's version of it last merged (`packet_version`). A project review whose version
//   is no longer the baseline changed in the project meanwhile.
// - attachment_content: a package carries its entries' attachments (another laptop has no such
//   folder); an attachment with content is read from here, not from its path.
// - review_round_reviewer_idx: one expert's reviews of a round, read whole by every merge (and
//   their queue), found without reading every review of the round.
// - packet_clash: a review changed both in the project and in a packet: both sides whole (JSON),
//   kept until the organiser keeps one; a resolved clash stays as the record of the decision.
import type { Migration } from './types';

export const migration0011: Migration = {
  version: 11,
  name: 'packets',
  sql: `
CREATE TABLE panel_package (
  uuid TEXT PRIMARY KEY,
  round_id INTEGER NOT NULL REFERENCES round (id),
  reviewer_id INTEGER NOT NULL REFERENCES reviewer (id),
  -- Ed25519 keys, DER (SPKI / PKCS#8) in base64.
  public_key TEXT NOT NULL,
  private_key TEXT,
  include_contacts INTEGER NOT NULL CHECK (include_contacts IN (0, 1)),
  encrypted INTEGER NOT NULL CHECK (encrypted IN (0, 1)),
  sequence INTEGER NOT NULL DEFAULT 0 CHECK (sequence >= 0),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX panel_package_round_idx ON panel_package (round_id, reviewer_id);

CREATE TABLE panel_review (
  package_uuid TEXT NOT NULL REFERENCES panel_package (uuid),
  entry_id INTEGER NOT NULL REFERENCES entry (id),
  base_version INTEGER NOT NULL CHECK (base_version >= 0),
  packet_version INTEGER NOT NULL CHECK (packet_version >= 0),
  PRIMARY KEY (package_uuid, entry_id)
) STRICT;

CREATE INDEX review_round_reviewer_idx ON review (round_id, reviewer_id);

CREATE TABLE attachment_content (
  attachment_id INTEGER PRIMARY KEY REFERENCES attachment (id) ON DELETE CASCADE,
  bytes BLOB NOT NULL
) STRICT;

CREATE TABLE packet_clash (
  id INTEGER PRIMARY KEY,
  package_uuid TEXT NOT NULL REFERENCES panel_package (uuid),
  entry_id INTEGER NOT NULL REFERENCES entry (id),
  packet_sequence INTEGER NOT NULL,
  project_version INTEGER NOT NULL,
  packet_version INTEGER NOT NULL,
  project_json TEXT NOT NULL,
  packet_json TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'kept_project', 'took_packet')),
  found_at TEXT NOT NULL,
  resolved_at TEXT
) STRICT;
-- One open clash per review of a package: a newer packet replaces its packet side.
CREATE UNIQUE INDEX packet_clash_open_uq ON packet_clash (package_uuid, entry_id)
  WHERE status = 'open';
`,
};
