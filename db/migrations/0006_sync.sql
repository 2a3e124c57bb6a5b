-- Sync between field laptops and the analyst's database (see DESIGN.md, "Sync model").
--
-- Field side: every change to a field record is numbered in `sync_change` by triggers, so a
-- bundle can carry everything the analyst has not yet acknowledged. The triggers only fire
-- once the project has become a field copy (`sync_counter.tracking = 1`, set when a study
-- package is imported), so the analyst's own writes cost nothing extra.
-- Analyst side: `sync_record` keeps the version of each record last taken from a bundle,
-- `sync_seen` every version ever received (what makes a second import change nothing), and
-- `sync_conflict` the records edited on two devices, with every version kept.

-- Settings of this copy: its role, the sync folder, the interviewer a package was made for.
CREATE TABLE sync_setting (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- X25519 public key of a device, to encrypt bundles for it (public_key holds its Ed25519 key).
ALTER TABLE device ADD COLUMN box_key TEXT NOT NULL DEFAULT '';
ALTER TABLE device ADD COLUMN revoked_at TEXT;

-- The private keys of this computer. Never exported, never put in a package or a bundle.
CREATE TABLE device_secret (
    device_id TEXT PRIMARY KEY REFERENCES device(id) ON DELETE CASCADE,
    signing_key TEXT NOT NULL,
    box_key TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- What the sync log shows about each exchange.
ALTER TABLE sync_ledger ADD COLUMN exchange_id TEXT NOT NULL DEFAULT '';
ALTER TABLE sync_ledger ADD COLUMN detail TEXT NOT NULL DEFAULT '{}';
CREATE INDEX sync_ledger_exchange ON sync_ledger (exchange_id);
CREATE INDEX sync_ledger_sha256 ON sync_ledger (sha256);

CREATE TABLE sync_counter (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL DEFAULT 0,
    tracking INTEGER NOT NULL DEFAULT 0 CHECK (tracking IN (0, 1))
);
INSERT INTO sync_counter (id, seq, tracking) VALUES (1, 0, 0);

-- Field side: the latest change of each record. `acked_seq` is the change the analyst's receipt
-- acknowledged; the record is pending while seq > acked_seq. `base` is the hash of the version
-- this record was made from (from a study package or an acknowledged bundle), '' if new here.
CREATE TABLE sync_change (
    kind TEXT NOT NULL,
    record_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    changed_at TEXT NOT NULL,
    acked_seq INTEGER NOT NULL DEFAULT 0,
    base TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (kind, record_id)
);
CREATE INDEX sync_change_seq ON sync_change (seq);

-- Analyst side: the version in the table as last taken from a bundle.
CREATE TABLE sync_record (
    kind TEXT NOT NULL,
    record_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    at TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (kind, record_id)
) WITHOUT ROWID;

CREATE TABLE sync_seen (
    kind TEXT NOT NULL,
    record_id TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (kind, record_id, hash)
) WITHOUT ROWID;

-- Deletions received, per device: a device's older version of a record it deleted since is stale.
CREATE TABLE sync_tombstone (
    kind TEXT NOT NULL,
    record_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (kind, record_id, device_id)
) WITHOUT ROWID;

-- A record edited on two devices. `versions` is a JSON list of every competing version
-- (device, sequence, hash, time, data or null for a deletion); the table holds the latest
-- one until the analyst chooses.
CREATE TABLE sync_conflict (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    record_id TEXT NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    versions TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
    resolved_hash TEXT NOT NULL DEFAULT '',
    resolved_by TEXT NOT NULL DEFAULT '',
    resolved_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX sync_conflict_open ON sync_conflict (kind, record_id) WHERE status = 'open';

CREATE TRIGGER sync_interviewer_insert AFTER INSERT ON interviewer WHEN (SELECT tracking FROM sync_counter) BEGIN
    UPDATE sync_counter SET seq = seq + 1;
    INSERT INTO sync_change (kind, record_id, seq, deleted, changed_at)
        VALUES ('interviewer', new.id, (SELECT seq FROM sync_counter), 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (kind, record_id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted,
            changed_at = excluded.changed_at;
END;

CREATE TRIGGER sync_interviewer_update AFTER UPDATE ON interviewer WHEN (SELECT tracking FROM sync_counter) BEGIN
    UPDATE sync_counter SET seq = seq + 1;
    INSERT INTO sync_change (kind, record_id, seq, deleted, changed_at)
        VALUES ('interviewer', new.id, (SELECT seq FROM sync_counter), 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (kind, record_id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted,
            changed_at = excluded.changed_at;
END;

CREATE TRIGGER sync_interviewer_delete AFTER DELETE ON interviewer WHEN (SELECT tracking FROM sync_counter) BEGIN
    UPDATE sync_counter SET seq = seq + 1;
    INSERT INTO sync_change (kind, record_id, seq, deleted, changed_at)
        VALUES ('interviewer', old.id, (SELECT seq FROM sync_counter), 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (kind, record_id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted,
            changed_at = excluded.changed_at;
END;

CREATE TRIGGER sync_participant_insert AFTER INSERT ON participant WHEN (SELECT tracking FROM sync_counter) BEGIN
    UPDATE sync_counter SET seq = seq + 1;
    INSERT INTO sync_change (kind, record_id, seq, deleted, changed_at)
        VALUES ('participant', new.id, (SELECT seq FROM sync_counter), 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (kind, record_id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted,
            changed_at = excluded.changed_at;
END;

CREATE TRIGGER sync_participant_update AFTER UPDATE ON participant WHEN (SELECT tracking FROM sync_counter) BEGIN
    UPDATE sync_counter SET seq = seq + 1;
    INSERT INTO sync_change (kind, record_id, seq, deleted, changed_at)
        VALUES ('participant', new.id, (SELECT seq FROM sync_counter), 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (kind, record_id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted,
            changed_at = excluded.changed_at;
END;

CREATE TRIGGER sync_participant_delete AFTER DELETE ON participant WHEN (SELECT tracking FROM sync_counter) BEGIN
    UPDATE sync_counter SET seq = seq + 1;
    INSERT INTO sync_change (kind, record_id, seq, deleted, changed_at)
        VALUES ('participant', old.id, (SELECT seq FROM sync_counter), 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (kind, record_id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted,
            changed_at = excluded.changed_at;
END;

CREATE TRIGGER sync_consent_insert AFTER INSERT ON consent WHEN (SELECT tracking FROM sync_counter) BEGIN
    UPDATE sync_counter SET seq = seq + 1;
    INSERT INTO sync_change (kind, record_id, seq, deleted, changed_at)
        VALUES ('consent', new.id, (SELECT seq FROM sync_counter), 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (kind, record_id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted,
            changed_at = excluded.changed_at;
END;

CREATE TRIGGER sync_consent_update AFTER UPDATE ON consent WHEN (SELECT tracking FROM sync_counter) BEGIN
    UPDATE sync_counter SET seq = seq + 1;
    INSERT INTO sync_change (kind, record_id, seq, deleted, changed_at)
        VALUES ('consent', new.id, (SELECT seq FROM sync_counter), 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (kind, record_id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted,
            changed_at = excluded.changed_at;
END;

CREATE TRIGGER sync_consent_delete AFTER DELETE ON consent WHEN (SELECT tracking FROM sync_counter) BEGIN
    UPDATE sync_counter SET seq = seq + 1;
    INSERT INTO sync_change (kind, record_id, seq, deleted, changed_at)
        VALUES ('consent', old.id, (SELECT seq FROM sync_counter), 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (kind, record_id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted,
            changed_at = excluded.changed_at;
END;

CREATE TRIGGER sync_interview_insert AFTER INSERT ON interview WHEN (SELECT tracking FROM sync_counter) BEGIN
    UPDATE sync_counter SET seq = seq + 1;
    INSERT INTO sync_change (kind, record_id, seq, deleted, changed_at)
        VALUES ('interview', new.id, (SELECT seq FROM sync_counter), 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (kind, record_id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted,
            changed_at = excluded.changed_at;
END;

CREATE TRIGGER sync_interview_update AFTER UPDATE ON interview WHEN (SELECT tracking FROM sync_counter) BEGIN
    UPDATE sync_counter SET seq = seq + 1;
    INSERT INTO sync_change (kind, record_id, seq, deleted, changed_at)
        VALUES ('interview', new.id, (SELECT seq FROM sync_counter), 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (kind, record_id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted,
            changed_at = excluded.changed_at;
END;

CREATE TRIGGER sync_interview_delete AFTER DELETE ON interview WHEN (SELECT tracking FROM sync_counter) BEGIN
    UPDATE sync_counter SET seq = seq + 1;
    INSERT INTO sync_change (kind, record_id, seq, deleted, changed_at)
        VALUES ('interview', old.id, (SELECT seq FROM sync_counter), 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (kind, record_id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted,
            changed_at = excluded.changed_at;
END;

CREATE TRIGGER sync_note_insert AFTER INSERT ON note WHEN (SELECT tracking FROM sync_counter) BEGIN
    UPDATE sync_counter SET seq = seq + 1;
    INSERT INTO sync_change (kind, record_id, seq, deleted, changed_at)
        VALUES ('note', new.id, (SELECT seq FROM sync_counter), 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (kind, record_id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted,
            changed_at = excluded.changed_at;
END;

CREATE TRIGGER sync_note_update AFTER UPDATE ON note WHEN (SELECT tracking FROM sync_counter) BEGIN
    UPDATE sync_counter SET seq = seq + 1;
    INSERT INTO sync_change (kind, record_id, seq, deleted, changed_at)
        VALUES ('note', new.id, (SELECT seq FROM sync_counter), 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (kind, record_id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted,
            changed_at = excluded.changed_at;
END;

CREATE TRIGGER sync_note_delete AFTER DELETE ON note WHEN (SELECT tracking FROM sync_counter) BEGIN
    UPDATE sync_counter SET seq = seq + 1;
    INSERT INTO sync_change (kind, record_id, seq, deleted, changed_at)
        VALUES ('note', old.id, (SELECT seq FROM sync_counter), 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (kind, record_id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted,
            changed_at = excluded.changed_at;
END;

CREATE TRIGGER sync_field_note_insert AFTER INSERT ON field_note WHEN (SELECT tracking FROM sync_counter) BEGIN
    UPDATE sync_counter SET seq = seq + 1;
    INSERT INTO sync_change (kind, record_id, seq, deleted, changed_at)
        VALUES ('field_note', new.id, (SELECT seq FROM sync_counter), 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (kind, record_id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted,
            changed_at = excluded.changed_at;
END;

CREATE TRIGGER sync_field_note_update AFTER UPDATE ON field_note WHEN (SELECT tracking FROM sync_counter) BEGIN
    UPDATE sync_counter SET seq = seq + 1;
    INSERT INTO sync_change (kind, record_id, seq, deleted, changed_at)
        VALUES ('field_note', new.id, (SELECT seq FROM sync_counter), 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (kind, record_id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted,
            changed_at = excluded.changed_at;
END;

CREATE TRIGGER sync_field_note_delete AFTER DELETE ON field_note WHEN (SELECT tracking FROM sync_counter) BEGIN
    UPDATE sync_counter SET seq = seq + 1;
    INSERT INTO sync_change (kind, record_id, seq, deleted, changed_at)
        VALUES ('field_note', old.id, (SELECT seq FROM sync_counter), 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (kind, record_id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted,
            changed_at = excluded.changed_at;
END;

CREATE TRIGGER sync_survey_answer_insert AFTER INSERT ON survey_answer WHEN (SELECT tracking FROM sync_counter) BEGIN
    UPDATE sync_counter SET seq = seq + 1;
    INSERT INTO sync_change (kind, record_id, seq, deleted, changed_at)
        VALUES ('survey_answer', new.id, (SELECT seq FROM sync_counter), 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (kind, record_id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted,
            changed_at = excluded.changed_at;
END;

CREATE TRIGGER sync_survey_answer_update AFTER UPDATE ON survey_answer WHEN (SELECT tracking FROM sync_counter) BEGIN
    UPDATE sync_counter SET seq = seq + 1;
    INSERT INTO sync_change (kind, record_id, seq, deleted, changed_at)
        VALUES ('survey_answer', new.id, (SELECT seq FROM sync_counter), 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (kind, record_id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted,
            changed_at = excluded.changed_at;
END;

CREATE TRIGGER sync_survey_answer_delete AFTER DELETE ON survey_answer WHEN (SELECT tracking FROM sync_counter) BEGIN
    UPDATE sync_counter SET seq = seq + 1;
    INSERT INTO sync_change (kind, record_id, seq, deleted, changed_at)
        VALUES ('survey_answer', old.id, (SELECT seq FROM sync_counter), 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (kind, record_id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted,
            changed_at = excluded.changed_at;
END;

CREATE TRIGGER sync_transcript_insert AFTER INSERT ON transcript WHEN (SELECT tracking FROM sync_counter) BEGIN
    UPDATE sync_counter SET seq = seq + 1;
    INSERT INTO sync_change (kind, record_id, seq, deleted, changed_at)
        VALUES ('transcript', new.id, (SELECT seq FROM sync_counter), 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (kind, record_id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted,
            changed_at = excluded.changed_at;
END;

CREATE TRIGGER sync_transcript_update AFTER UPDATE ON transcript WHEN (SELECT tracking FROM sync_counter) BEGIN
    UPDATE sync_counter SET seq = seq + 1;
    INSERT INTO sync_change (kind, record_id, seq, deleted, changed_at)
        VALUES ('transcript', new.id, (SELECT seq FROM sync_counter), 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (kind, record_id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted,
            changed_at = excluded.changed_at;
END;

CREATE TRIGGER sync_transcript_delete AFTER DELETE ON transcript WHEN (SELECT tracking FROM sync_counter) BEGIN
    UPDATE sync_counter SET seq = seq + 1;
    INSERT INTO sync_change (kind, record_id, seq, deleted, changed_at)
        VALUES ('transcript', old.id, (SELECT seq FROM sync_counter), 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (kind, record_id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted,
            changed_at = excluded.changed_at;
END;

CREATE TRIGGER sync_audit_log_insert AFTER INSERT ON audit_log WHEN (SELECT tracking FROM sync_counter) BEGIN
    UPDATE sync_counter SET seq = seq + 1;
    INSERT INTO sync_change (kind, record_id, seq, deleted, changed_at)
        VALUES ('audit', new.id, (SELECT seq FROM sync_counter), 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (kind, record_id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted,
            changed_at = excluded.changed_at;
END;

CREATE TRIGGER sync_audit_log_update AFTER UPDATE ON audit_log WHEN (SELECT tracking FROM sync_counter) BEGIN
    UPDATE sync_counter SET seq = seq + 1;
    INSERT INTO sync_change (kind, record_id, seq, deleted, changed_at)
        VALUES ('audit', new.id, (SELECT seq FROM sync_counter), 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (kind, record_id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted,
            changed_at = excluded.changed_at;
END;

CREATE TRIGGER sync_audit_log_delete AFTER DELETE ON audit_log WHEN (SELECT tracking FROM sync_counter) BEGIN
    UPDATE sync_counter SET seq = seq + 1;
    INSERT INTO sync_change (kind, record_id, seq, deleted, changed_at)
        VALUES ('audit', old.id, (SELECT seq FROM sync_counter), 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (kind, record_id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted,
            changed_at = excluded.changed_at;
END;

CREATE TRIGGER sync_interview_section_time_insert AFTER INSERT ON interview_section_time WHEN (SELECT tracking FROM sync_counter)
    AND EXISTS (SELECT 1 FROM interview WHERE id = new.interview_id) BEGIN
    UPDATE sync_counter SET seq = seq + 1;
    INSERT INTO sync_change (kind, record_id, seq, deleted, changed_at)
        VALUES ('interview', new.interview_id, (SELECT seq FROM sync_counter), 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (kind, record_id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted,
            changed_at = excluded.changed_at;
END;

CREATE TRIGGER sync_interview_section_time_update AFTER UPDATE ON interview_section_time WHEN (SELECT tracking FROM sync_counter)
    AND EXISTS (SELECT 1 FROM interview WHERE id = new.interview_id) BEGIN
    UPDATE sync_counter SET seq = seq + 1;
    INSERT INTO sync_change (kind, record_id, seq, deleted, changed_at)
        VALUES ('interview', new.interview_id, (SELECT seq FROM sync_counter), 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (kind, record_id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted,
            changed_at = excluded.changed_at;
END;

CREATE TRIGGER sync_interview_section_time_delete AFTER DELETE ON interview_section_time WHEN (SELECT tracking FROM sync_counter)
    AND EXISTS (SELECT 1 FROM interview WHERE id = old.interview_id) BEGIN
    UPDATE sync_counter SET seq = seq + 1;
    INSERT INTO sync_change (kind, record_id, seq, deleted, changed_at)
        VALUES ('interview', old.interview_id, (SELECT seq FROM sync_counter), 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (kind, record_id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted,
            changed_at = excluded.changed_at;
END;

CREATE TRIGGER sync_turn_insert AFTER INSERT ON turn WHEN (SELECT tracking FROM sync_counter)
    AND EXISTS (SELECT 1 FROM transcript WHERE id = new.transcript_id) BEGIN
    UPDATE sync_counter SET seq = seq + 1;
    INSERT INTO sync_change (kind, record_id, seq, deleted, changed_at)
        VALUES ('transcript', new.transcript_id, (SELECT seq FROM sync_counter), 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (kind, record_id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted,
            changed_at = excluded.changed_at;
END;

CREATE TRIGGER sync_turn_update AFTER UPDATE ON turn WHEN (SELECT tracking FROM sync_counter)
    AND EXISTS (SELECT 1 FROM transcript WHERE id = new.transcript_id) BEGIN
    UPDATE sync_counter SET seq = seq + 1;
    INSERT INTO sync_change (kind, record_id, seq, deleted, changed_at)
        VALUES ('transcript', new.transcript_id, (SELECT seq FROM sync_counter), 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (kind, record_id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted,
            changed_at = excluded.changed_at;
END;

CREATE TRIGGER sync_turn_delete AFTER DELETE ON turn WHEN (SELECT tracking FROM sync_counter)
    AND EXISTS (SELECT 1 FROM transcript WHERE id = old.transcript_id) BEGIN
    UPDATE sync_counter SET seq = seq + 1;
    INSERT INTO sync_change (kind, record_id, seq, deleted, changed_at)
        VALUES ('transcript', old.transcript_id, (SELECT seq FROM sync_counter), 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (kind, record_id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted,
            changed_at = excluded.changed_at;
END;

CREATE TRIGGER sync_transcript_speaker_insert AFTER INSERT ON transcript_speaker WHEN (SELECT tracking FROM sync_counter)
    AND EXISTS (SELECT 1 FROM transcript WHERE id = new.transcript_id) BEGIN
    UPDATE sync_counter SET seq = seq + 1;
    INSERT INTO sync_change (kind, record_id, seq, deleted, changed_at)
        VALUES ('transcript', new.transcript_id, (SELECT seq FROM sync_counter), 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (kind, record_id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted,
            changed_at = excluded.changed_at;
END;

CREATE TRIGGER sync_transcript_speaker_update AFTER UPDATE ON transcript_speaker WHEN (SELECT tracking FROM sync_counter)
    AND EXISTS (SELECT 1 FROM transcript WHERE id = new.transcript_id) BEGIN
    UPDATE sync_counter SET seq = seq + 1;
    INSERT INTO sync_change (kind, record_id, seq, deleted, changed_at)
        VALUES ('transcript', new.transcript_id, (SELECT seq FROM sync_counter), 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (kind, record_id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted,
            changed_at = excluded.changed_at;
END;

CREATE TRIGGER sync_transcript_speaker_delete AFTER DELETE ON transcript_speaker WHEN (SELECT tracking FROM sync_counter)
    AND EXISTS (SELECT 1 FROM transcript WHERE id = old.transcript_id) BEGIN
    UPDATE sync_counter SET seq = seq + 1;
    INSERT INTO sync_change (kind, record_id, seq, deleted, changed_at)
        VALUES ('transcript', old.transcript_id, (SELECT seq FROM sync_counter), 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (kind, record_id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted,
            changed_at = excluded.changed_at;
END;
