-- user_version 15
-- index assignment_reviewer_idx on assignment
CREATE INDEX assignment_reviewer_idx ON assignment (round_id, reviewer_id);
-- table assignment on assignment
CREATE TABLE assignment (
round_id INTEGER NOT NULL REFERENCES round (id) ON DELETE CASCADE,
entry_id INTEGER NOT NULL REFERENCES entry (id),
reviewer_id INTEGER NOT NULL REFERENCES reviewer (id),
created_at TEXT NOT NULL, locked INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)), source TEXT NOT NULL DEFAULT 'auto'
CHECK (source IN ('auto', 'manual', 'score')), override_reason TEXT,
PRIMARY KEY (round_id, entry_id, reviewer_id)
) STRICT;
-- index attachment_entry_path_uq on attachment
CREATE UNIQUE INDEX attachment_entry_path_uq ON attachment (entry_id, path);
-- table attachment on attachment
CREATE TABLE attachment (
id INTEGER PRIMARY KEY,
entry_id INTEGER NOT NULL REFERENCES entry (id) ON DELETE CASCADE,
-- Path relative to the linked folder, '/'-separated (B2025-0001/申报书.pdf), for display.
file_name TEXT NOT NULL,
-- Absolute path of the file when it was linked.
path TEXT NOT NULL,
size INTEGER NOT NULL CHECK (size >= 0),
sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
mime TEXT NOT NULL,
linked_at TEXT NOT NULL
) STRICT;
-- table attachment_content on attachment_content
CREATE TABLE attachment_content (
attachment_id INTEGER PRIMARY KEY REFERENCES attachment (id) ON DELETE CASCADE,
bytes BLOB NOT NULL
) STRICT;
-- index audit_event_subject_idx on audit_event
CREATE INDEX audit_event_subject_idx ON audit_event (subject, seq);
-- table audit_event on audit_event
CREATE TABLE audit_event (
seq INTEGER PRIMARY KEY,
at TEXT NOT NULL,
actor TEXT NOT NULL,
action TEXT NOT NULL,
subject TEXT NOT NULL,
payload_json TEXT NOT NULL,
prev_hash TEXT NOT NULL,
hash TEXT NOT NULL
, rows_digest TEXT) STRICT;
-- trigger audit_event_no_delete on audit_event
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END;
-- trigger audit_event_no_update on audit_event
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END;
-- table chain_seal on chain_seal
CREATE TABLE chain_seal (
id INTEGER PRIMARY KEY CHECK (id = 1),
seq INTEGER NOT NULL,
hash TEXT NOT NULL,
key_fingerprint TEXT NOT NULL,
signature TEXT NOT NULL,
signed_at TEXT NOT NULL
) STRICT;
-- table column_mapping on column_mapping
CREATE TABLE column_mapping (
signature TEXT NOT NULL,
programme TEXT NOT NULL CHECK (programme IN ('bloom', 'pioneer')),
mapping_json TEXT NOT NULL,
updated_at TEXT NOT NULL,
PRIMARY KEY (signature, programme)
) STRICT;
-- index conflict_entry_idx on conflict
CREATE INDEX conflict_entry_idx ON conflict (entry_id);
-- table conflict on conflict
CREATE TABLE conflict (
reviewer_id INTEGER NOT NULL REFERENCES reviewer (id),
entry_id INTEGER NOT NULL REFERENCES entry (id),
source TEXT NOT NULL CHECK (source IN ('declared', 'detected')),
status TEXT NOT NULL DEFAULT 'potential' CHECK (status IN ('potential', 'confirmed', 'dismissed')),
reason_zh TEXT NOT NULL,
reason_en TEXT NOT NULL,
-- The organiser's reason for the last decision, or for a conflict they added.
decision_reason TEXT,
decided_at TEXT,
found_at TEXT NOT NULL,
PRIMARY KEY (reviewer_id, entry_id)
) STRICT;
-- table criterion on criterion
CREATE TABLE criterion (
rubric_id INTEGER NOT NULL REFERENCES rubric (id) ON DELETE CASCADE,
position INTEGER NOT NULL,
key TEXT NOT NULL,
name_zh TEXT NOT NULL,
name_en TEXT NOT NULL,
max_points REAL NOT NULL CHECK (max_points > 0),
guide_zh TEXT NOT NULL DEFAULT '',
guide_en TEXT NOT NULL DEFAULT '',
-- Level anchors of the scoring guide (JSON), filled by the rubric library.
anchors_json TEXT,
PRIMARY KEY (rubric_id, key)
) STRICT;
-- trigger criterion_frozen_no_delete on criterion
CREATE TRIGGER criterion_frozen_no_delete BEFORE DELETE ON criterion
WHEN (SELECT frozen FROM rubric WHERE id = OLD.rubric_id) = 1
BEGIN SELECT RAISE(ABORT, 'rubric version is frozen'); END;
-- trigger criterion_frozen_no_insert on criterion
CREATE TRIGGER criterion_frozen_no_insert BEFORE INSERT ON criterion
WHEN (SELECT frozen FROM rubric WHERE id = NEW.rubric_id) = 1
BEGIN SELECT RAISE(ABORT, 'rubric version is frozen'); END;
-- trigger criterion_frozen_no_update on criterion
CREATE TRIGGER criterion_frozen_no_update BEFORE UPDATE ON criterion
WHEN (SELECT frozen FROM rubric WHERE id = OLD.rubric_id) = 1
OR (SELECT frozen FROM rubric WHERE id = NEW.rubric_id) = 1
BEGIN SELECT RAISE(ABORT, 'rubric version is frozen'); END;
-- table deferral on deferral
CREATE TABLE deferral (
round_id INTEGER NOT NULL REFERENCES round (id) ON DELETE CASCADE,
entry_id INTEGER NOT NULL REFERENCES entry (id),
reviewer_id INTEGER NOT NULL REFERENCES reviewer (id),
deferred_at TEXT NOT NULL,
PRIMARY KEY (round_id, reviewer_id, entry_id)
) STRICT;
-- index duplicate_decision_b_idx on duplicate_decision
CREATE INDEX duplicate_decision_b_idx ON duplicate_decision (entry_b);
-- table duplicate_decision on duplicate_decision
CREATE TABLE duplicate_decision (
entry_a INTEGER NOT NULL REFERENCES entry (id),
entry_b INTEGER NOT NULL REFERENCES entry (id),
verdict TEXT NOT NULL CHECK (verdict IN ('distinct', 'same_case')),
note TEXT,
-- Who decided, as the organiser gave it (null: not given).
decided_by TEXT,
decided_at TEXT NOT NULL,
PRIMARY KEY (entry_a, entry_b),
CHECK (entry_a < entry_b)
) STRICT;
-- index entry_import_idx on entry
CREATE INDEX entry_import_idx ON entry (import_id);
-- index entry_list_idx on entry
CREATE INDEX entry_list_idx ON entry (
programme, external_id, title, applicant, province, city, sector, sector_label, track
);
-- index entry_programme_sector_idx on entry
CREATE INDEX entry_programme_sector_idx ON entry (programme, sector);
-- table entry on entry
CREATE TABLE entry (
id INTEGER PRIMARY KEY,
programme TEXT NOT NULL CHECK (programme IN ('bloom', 'pioneer')),
external_id TEXT NOT NULL,
title TEXT NOT NULL,
applicant TEXT NOT NULL,
partners TEXT,
province TEXT,
city TEXT,
sector TEXT REFERENCES sector (key),
sector_label TEXT,
track TEXT,
summary TEXT,
contact TEXT,
-- Other mapped fields, normalised (JSON object).
fields_json TEXT NOT NULL DEFAULT '{}',
-- The source row verbatim: JSON array of [header, value] in file order.
source_json TEXT NOT NULL,
import_id INTEGER REFERENCES import_batch (id),
source_row INTEGER,
created_at TEXT NOT NULL,
updated_at TEXT NOT NULL, source_columns_id INTEGER REFERENCES source_columns (id),
CONSTRAINT entry_programme_external_id_uq UNIQUE (programme, external_id)
) STRICT;
-- table export_record on export_record
CREATE TABLE export_record (
id INTEGER PRIMARY KEY,
round_id INTEGER REFERENCES round (id),
format TEXT NOT NULL,
file_name TEXT NOT NULL,
file_sha256 TEXT NOT NULL,
data_digest TEXT NOT NULL,
settings_json TEXT NOT NULL,
rows INTEGER NOT NULL,
created_at TEXT NOT NULL
) STRICT;
-- table gate on gate
CREATE TABLE gate (
rubric_id INTEGER NOT NULL REFERENCES rubric (id) ON DELETE CASCADE,
position INTEGER NOT NULL,
key TEXT NOT NULL,
name_zh TEXT NOT NULL,
name_en TEXT NOT NULL,
PRIMARY KEY (rubric_id, key)
) STRICT;
-- trigger gate_frozen_no_delete on gate
CREATE TRIGGER gate_frozen_no_delete BEFORE DELETE ON gate
WHEN (SELECT frozen FROM rubric WHERE id = OLD.rubric_id) = 1
BEGIN SELECT RAISE(ABORT, 'rubric version is frozen'); END;
-- trigger gate_frozen_no_insert on gate
CREATE TRIGGER gate_frozen_no_insert BEFORE INSERT ON gate
WHEN (SELECT frozen FROM rubric WHERE id = NEW.rubric_id) = 1
BEGIN SELECT RAISE(ABORT, 'rubric version is frozen'); END;
-- trigger gate_frozen_no_update on gate
CREATE TRIGGER gate_frozen_no_update BEFORE UPDATE ON gate
WHEN (SELECT frozen FROM rubric WHERE id = OLD.rubric_id) = 1
OR (SELECT frozen FROM rubric WHERE id = NEW.rubric_id) = 1
BEGIN SELECT RAISE(ABORT, 'rubric version is frozen'); END;
-- table gate_answer on gate_answer
CREATE TABLE gate_answer (
review_id INTEGER NOT NULL REFERENCES review (id) ON DELETE CASCADE,
gate_key TEXT NOT NULL,
passed INTEGER NOT NULL CHECK (passed IN (0, 1)),
PRIMARY KEY (review_id, gate_key)
) STRICT;
-- trigger gate_answer_freezes_rubric on gate_answer
CREATE TRIGGER gate_answer_freezes_rubric AFTER INSERT ON gate_answer
BEGIN
UPDATE rubric SET frozen = 1
WHERE frozen = 0 AND id = (SELECT rubric_id FROM review WHERE id = NEW.review_id);
END;
-- trigger gate_answer_keeps_review_list on gate_answer
CREATE TRIGGER gate_answer_keeps_review_list AFTER UPDATE ON gate_answer
BEGIN
UPDATE review SET gate_list = coalesce((SELECT group_concat(v, ',') FROM (
SELECT coalesce(a.passed, '') AS v FROM gate g
LEFT JOIN gate_answer a ON a.review_id = NEW.review_id AND a.gate_key = g.key
WHERE g.rubric_id = (SELECT rubric_id FROM review WHERE id = NEW.review_id) ORDER BY g.position)), '')
WHERE id = NEW.review_id AND gate_list IS NOT NULL;
END;
-- table import_batch on import_batch
CREATE TABLE import_batch (
id INTEGER PRIMARY KEY,
programme TEXT NOT NULL CHECK (programme IN ('bloom', 'pioneer')),
file_name TEXT NOT NULL,
file_sha256 TEXT NOT NULL,
format TEXT NOT NULL,
encoding TEXT,
sheet TEXT,
headers_json TEXT NOT NULL,
mapping_json TEXT NOT NULL,
rows INTEGER NOT NULL,
inserted INTEGER NOT NULL,
updated INTEGER NOT NULL,
unchanged INTEGER NOT NULL,
rejected INTEGER NOT NULL,
rejected_json TEXT NOT NULL,
imported_at TEXT NOT NULL
) STRICT;
-- index packet_clash_open_uq on packet_clash
CREATE UNIQUE INDEX packet_clash_open_uq ON packet_clash (package_uuid, entry_id)
WHERE status = 'open';
-- table packet_clash on packet_clash
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
-- index panel_package_round_idx on panel_package
CREATE INDEX panel_package_round_idx ON panel_package (round_id, reviewer_id);
-- table panel_package on panel_package
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
, certified_by TEXT, certificate TEXT) STRICT;
-- table panel_review on panel_review
CREATE TABLE panel_review (
package_uuid TEXT NOT NULL REFERENCES panel_package (uuid),
entry_id INTEGER NOT NULL REFERENCES entry (id),
base_version INTEGER NOT NULL CHECK (base_version >= 0),
packet_version INTEGER NOT NULL CHECK (packet_version >= 0),
PRIMARY KEY (package_uuid, entry_id)
) STRICT;
-- table project on project
CREATE TABLE project (
id INTEGER PRIMARY KEY CHECK (id = 1),
uuid TEXT NOT NULL,
name TEXT NOT NULL,
kind TEXT NOT NULL DEFAULT 'project' CHECK (kind IN ('project', 'panel')),
created_at TEXT NOT NULL
, conflicts_detected_at TEXT, desk_mode TEXT NOT NULL DEFAULT 'organiser'
CHECK (desk_mode IN ('organiser', 'expert')), organiser_pin_hash TEXT, idle_lock_minutes INTEGER NOT NULL DEFAULT 10
CHECK (idle_lock_minutes BETWEEN 1 AND 240)) STRICT;
-- index review_round_reviewer_idx on review
CREATE INDEX review_round_reviewer_idx ON review (round_id, reviewer_id);
-- index review_round_status_idx on review
CREATE INDEX review_round_status_idx ON review (round_id, status);
-- table review on review
CREATE TABLE review (
id INTEGER PRIMARY KEY,
round_id INTEGER NOT NULL REFERENCES round (id) ON DELETE CASCADE,
entry_id INTEGER NOT NULL REFERENCES entry (id),
reviewer_id INTEGER NOT NULL REFERENCES reviewer (id),
rubric_id INTEGER NOT NULL REFERENCES rubric (id),
status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted')),
comment TEXT NOT NULL DEFAULT '',
version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
updated_at TEXT NOT NULL,
submitted_at TEXT, score_list TEXT, gate_list TEXT,
CONSTRAINT review_round_entry_reviewer_uq UNIQUE (round_id, entry_id, reviewer_id)
) STRICT;
-- table reviewer on reviewer
CREATE TABLE reviewer (
id INTEGER PRIMARY KEY,
external_id TEXT NOT NULL,
name TEXT NOT NULL,
organisation TEXT,
title TEXT,
province TEXT,
sectors_json TEXT NOT NULL DEFAULT '[]',
avoid_json TEXT NOT NULL DEFAULT '[]',
source_json TEXT,
created_at TEXT NOT NULL,
updated_at TEXT NOT NULL, phone TEXT, email TEXT, pin_hash TEXT,
CONSTRAINT reviewer_external_id_uq UNIQUE (external_id)
) STRICT;
-- table round on round
CREATE TABLE round (
id INTEGER PRIMARY KEY,
uuid TEXT NOT NULL,
name TEXT NOT NULL,
programme TEXT NOT NULL CHECK (programme IN ('bloom', 'pioneer')),
stage TEXT,
status TEXT NOT NULL DEFAULT 'setup' CHECK (status IN ('setup', 'scoring', 'locked')),
method TEXT NOT NULL DEFAULT 'mean' CHECK (method IN ('mean', 'trimmed', 'median', 'zscore')),
trim_k INTEGER NOT NULL DEFAULT 1 CHECK (trim_k >= 1),
min_reviews INTEGER NOT NULL DEFAULT 3 CHECK (min_reviews >= 1),
disagreement_threshold REAL NOT NULL DEFAULT 20,
created_at TEXT NOT NULL, results_for_experts INTEGER NOT NULL DEFAULT 0
CHECK (results_for_experts IN (0, 1)),
CONSTRAINT round_uuid_uq UNIQUE (uuid),
CONSTRAINT round_name_uq UNIQUE (name)
) STRICT;
-- index round_entry_entry_idx on round_entry
CREATE INDEX round_entry_entry_idx ON round_entry (entry_id);
-- index round_entry_sector_idx on round_entry
CREATE INDEX round_entry_sector_idx ON round_entry (round_id, sector);
-- table round_entry on round_entry
CREATE TABLE "round_entry" (
round_id INTEGER NOT NULL REFERENCES round (id) ON DELETE CASCADE,
entry_id INTEGER NOT NULL REFERENCES entry (id),
rubric_id INTEGER NOT NULL REFERENCES rubric (id),
sector TEXT NOT NULL,
PRIMARY KEY (round_id, entry_id)
) STRICT;
-- table round_panel on round_panel
CREATE TABLE "round_panel" (
round_id INTEGER NOT NULL REFERENCES round (id) ON DELETE CASCADE,
reviewer_id INTEGER NOT NULL REFERENCES reviewer (id),
PRIMARY KEY (round_id, reviewer_id)
) STRICT;
-- table round_rubric on round_rubric
CREATE TABLE round_rubric (
round_id INTEGER NOT NULL REFERENCES round (id) ON DELETE CASCADE,
sector TEXT NOT NULL,
rubric_id INTEGER NOT NULL REFERENCES rubric (id),
PRIMARY KEY (round_id, sector)
) STRICT;
-- table row_journal on row_journal
CREATE TABLE row_journal (
seq INTEGER PRIMARY KEY,
rows TEXT NOT NULL
) STRICT;
-- trigger row_journal_no_delete on row_journal
CREATE TRIGGER row_journal_no_delete BEFORE DELETE ON row_journal
BEGIN SELECT RAISE(ABORT, 'row_journal is append-only'); END;
-- trigger row_journal_no_update on row_journal
CREATE TRIGGER row_journal_no_update BEFORE UPDATE ON row_journal
BEGIN SELECT RAISE(ABORT, 'row_journal is append-only'); END;
-- table rubric on rubric
CREATE TABLE rubric (
id INTEGER PRIMARY KEY,
-- A sector key, or 'generic' for the 绽放杯 generic rubric.
sector TEXT NOT NULL,
version INTEGER NOT NULL CHECK (version >= 1),
name_zh TEXT NOT NULL,
name_en TEXT NOT NULL,
tie_break_json TEXT NOT NULL,
origin TEXT NOT NULL CHECK (origin IN ('library', 'import', 'editor')),
frozen INTEGER NOT NULL DEFAULT 0 CHECK (frozen IN (0, 1)),
created_at TEXT NOT NULL,
CONSTRAINT rubric_sector_version_uq UNIQUE (sector, version)
) STRICT;
-- trigger rubric_frozen_no_delete on rubric
CREATE TRIGGER rubric_frozen_no_delete BEFORE DELETE ON rubric WHEN OLD.frozen = 1
BEGIN SELECT RAISE(ABORT, 'rubric version is frozen'); END;
-- trigger rubric_frozen_no_update on rubric
CREATE TRIGGER rubric_frozen_no_update BEFORE UPDATE ON rubric WHEN OLD.frozen = 1
BEGIN SELECT RAISE(ABORT, 'rubric version is frozen'); END;
-- table score on score
CREATE TABLE score (
review_id INTEGER NOT NULL REFERENCES review (id) ON DELETE CASCADE,
criterion_key TEXT NOT NULL,
points REAL NOT NULL CHECK (points >= 0),
PRIMARY KEY (review_id, criterion_key)
) STRICT;
-- trigger score_freezes_rubric on score
CREATE TRIGGER score_freezes_rubric AFTER INSERT ON score
BEGIN
UPDATE rubric SET frozen = 1
WHERE frozen = 0 AND id = (SELECT rubric_id FROM review WHERE id = NEW.review_id);
END;
-- trigger score_in_range_insert on score
CREATE TRIGGER score_in_range_insert BEFORE INSERT ON score WHEN NOT coalesce((
SELECT NEW.points >= 0 AND NEW.points <= c.max_points AND NEW.points * 2 = round(NEW.points * 2)
FROM review r JOIN criterion c ON c.rubric_id = r.rubric_id AND c.key = NEW.criterion_key
WHERE r.id = NEW.review_id), 0)
BEGIN SELECT RAISE(ABORT, 'score out of range'); END;
-- trigger score_in_range_update on score
CREATE TRIGGER score_in_range_update BEFORE UPDATE ON score WHEN NOT coalesce((
SELECT NEW.points >= 0 AND NEW.points <= c.max_points AND NEW.points * 2 = round(NEW.points * 2)
FROM review r JOIN criterion c ON c.rubric_id = r.rubric_id AND c.key = NEW.criterion_key
WHERE r.id = NEW.review_id), 0)
BEGIN SELECT RAISE(ABORT, 'score out of range'); END;
-- trigger score_keeps_review_list on score
CREATE TRIGGER score_keeps_review_list AFTER UPDATE ON score
BEGIN
UPDATE review SET score_list = (SELECT group_concat(v, ',') FROM (
SELECT coalesce(s.points, '') AS v FROM criterion c
LEFT JOIN score s ON s.review_id = NEW.review_id AND s.criterion_key = c.key
WHERE c.rubric_id = (SELECT rubric_id FROM review WHERE id = NEW.review_id) ORDER BY c.position))
WHERE id = NEW.review_id AND score_list IS NOT NULL;
END;
-- table sector on sector
CREATE TABLE sector (
key TEXT PRIMARY KEY,
name_zh TEXT NOT NULL,
name_en TEXT NOT NULL,
sort_order INTEGER NOT NULL
) STRICT;
-- table shortlist on shortlist
CREATE TABLE shortlist (
id INTEGER PRIMARY KEY,
round_id INTEGER NOT NULL REFERENCES round (id),
name TEXT NOT NULL,
rule_json TEXT NOT NULL,
settings_json TEXT NOT NULL,
status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final')),
override_reason TEXT,
created_at TEXT NOT NULL,
finalised_at TEXT
) STRICT;
-- table shortlist_entry on shortlist_entry
CREATE TABLE shortlist_entry (
shortlist_id INTEGER NOT NULL REFERENCES shortlist (id) ON DELETE CASCADE,
entry_id INTEGER NOT NULL REFERENCES entry (id),
rank INTEGER,
score REAL,
flags_json TEXT NOT NULL DEFAULT '[]',
PRIMARY KEY (shortlist_id, entry_id)
) STRICT;
-- table source_columns on source_columns
CREATE TABLE source_columns (
id INTEGER PRIMARY KEY,
-- The headers of source rows in file order (JSON array), once for every row that has them.
headers_json TEXT NOT NULL,
CONSTRAINT source_columns_headers_uq UNIQUE (headers_json)
) STRICT;
