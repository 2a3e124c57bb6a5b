-- Terrain initial schema: the whole data model of one study project.
-- Conventions: every row is keyed by a text UUID so that records made on many laptops merge
-- without collisions; timestamps are ISO 8601 in UTC; lists and free attributes are JSON text.
-- Real identities of participants live only in `identity`, which no analysis view, export or
-- sync bundle reads.

CREATE TABLE study (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    organisation TEXT NOT NULL DEFAULT '',
    evaluative_question TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    languages TEXT NOT NULL DEFAULT '["fr"]',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE wave (
    id TEXT PRIMARY KEY,
    study_id TEXT NOT NULL REFERENCES study(id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    starts_on TEXT,
    ends_on TEXT,
    position INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (study_id, label)
);

CREATE TABLE territory (
    id TEXT PRIMARY KEY,
    study_id TEXT NOT NULL REFERENCES study(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (study_id, code)
);

CREATE TABLE stakeholder_group (
    id TEXT PRIMARY KEY,
    study_id TEXT NOT NULL REFERENCES study(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    -- JSON list among "guide", "codebook", "results": where the group is consulted.
    participation TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Editable lists of a study: participant profiles, indicator dimensions, ...
CREATE TABLE vocabulary (
    id TEXT PRIMARY KEY,
    study_id TEXT NOT NULL REFERENCES study(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('profile', 'dimension', 'age_band', 'gender')),
    key TEXT NOT NULL,
    label TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (study_id, kind, key)
);

CREATE TABLE indicator (
    id TEXT PRIMARY KEY,
    study_id TEXT NOT NULL REFERENCES study(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    label TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('output', 'outcome', 'impact')),
    dimension TEXT NOT NULL DEFAULT '',
    definition TEXT NOT NULL DEFAULT '',
    unit TEXT NOT NULL DEFAULT '',
    target REAL,
    direction TEXT NOT NULL DEFAULT 'higher' CHECK (direction IN ('higher', 'lower')),
    source_kind TEXT NOT NULL CHECK (source_kind IN ('survey_item', 'theme', 'count', 'manual')),
    -- What the source points at: a questionnaire item name, a code id, a count name.
    source_ref TEXT NOT NULL DEFAULT '',
    -- JSON: how the source is aggregated, e.g. {"aggregate": "share_at_least", "threshold": 4}.
    source_params TEXT NOT NULL DEFAULT '{}',
    position INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (study_id, code)
);

-- Figures typed in by hand for indicators whose source is "manual".
CREATE TABLE indicator_value (
    id TEXT PRIMARY KEY,
    indicator_id TEXT NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
    wave_id TEXT REFERENCES wave(id) ON DELETE SET NULL,
    territory_id TEXT REFERENCES territory(id) ON DELETE SET NULL,
    value REAL NOT NULL,
    source_note TEXT NOT NULL DEFAULT '',
    observed_on TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- A guide used in an interview is frozen; editing it makes a new version that points back.
CREATE TABLE guide (
    id TEXT PRIMARY KEY,
    study_id TEXT NOT NULL REFERENCES study(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    language TEXT NOT NULL DEFAULT 'fr',
    version INTEGER NOT NULL DEFAULT 1,
    previous_version_id TEXT REFERENCES guide(id) ON DELETE SET NULL,
    frozen_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE guide_section (
    id TEXT PRIMARY KEY,
    guide_id TEXT NOT NULL REFERENCES guide(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE question (
    id TEXT PRIMARY KEY,
    section_id TEXT NOT NULL REFERENCES guide_section(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    intent TEXT NOT NULL DEFAULT 'main' CHECK (intent IN ('main', 'probe', 'closing')),
    is_sensitive INTEGER NOT NULL DEFAULT 0 CHECK (is_sensitive IN (0, 1)),
    reminder TEXT NOT NULL DEFAULT '',
    estimated_minutes REAL,
    position INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE probe (
    id TEXT PRIMARY KEY,
    question_id TEXT NOT NULL REFERENCES question(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    position INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE question_indicator (
    question_id TEXT NOT NULL REFERENCES question(id) ON DELETE CASCADE,
    indicator_id TEXT NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
    PRIMARY KEY (question_id, indicator_id)
);

CREATE TABLE questionnaire (
    id TEXT PRIMARY KEY,
    study_id TEXT NOT NULL REFERENCES study(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE questionnaire_item (
    id TEXT PRIMARY KEY,
    questionnaire_id TEXT NOT NULL REFERENCES questionnaire(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    label TEXT NOT NULL,
    item_type TEXT NOT NULL CHECK (item_type IN ('scale5', 'single', 'multiple', 'number', 'text')),
    choices TEXT NOT NULL DEFAULT '[]',
    indicator_id TEXT REFERENCES indicator(id) ON DELETE SET NULL,
    position INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (questionnaire_id, name)
);

CREATE TABLE participant (
    id TEXT PRIMARY KEY,
    study_id TEXT NOT NULL REFERENCES study(id) ON DELETE CASCADE,
    code TEXT NOT NULL CHECK (length(trim(code)) > 0),
    territory_id TEXT REFERENCES territory(id) ON DELETE SET NULL,
    profile TEXT NOT NULL DEFAULT '',
    gender TEXT NOT NULL DEFAULT '',
    age_band TEXT NOT NULL DEFAULT '',
    seniority TEXT NOT NULL DEFAULT '',
    sector TEXT NOT NULL DEFAULT '',
    attributes TEXT NOT NULL DEFAULT '{}',
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
    withdrawn_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (study_id, code)
);

-- Kept apart on purpose: never synced, never exported, never joined into analysis views.
CREATE TABLE identity (
    participant_id TEXT PRIMARY KEY REFERENCES participant(id) ON DELETE CASCADE,
    full_name TEXT NOT NULL DEFAULT '',
    contact TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE consent (
    id TEXT PRIMARY KEY,
    participant_id TEXT NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
    given_on TEXT NOT NULL,
    method TEXT NOT NULL CHECK (method IN ('written', 'oral', 'witnessed')),
    given_by TEXT NOT NULL DEFAULT 'participant' CHECK (given_by IN ('participant', 'representative')),
    representative_relation TEXT NOT NULL DEFAULT '',
    scope_interview INTEGER NOT NULL DEFAULT 0 CHECK (scope_interview IN (0, 1)),
    scope_recording INTEGER NOT NULL DEFAULT 0 CHECK (scope_recording IN (0, 1)),
    scope_quotes INTEGER NOT NULL DEFAULT 0 CHECK (scope_quotes IN (0, 1)),
    retention_months INTEGER,
    text_version TEXT NOT NULL DEFAULT '',
    withdrawn_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE quota (
    id TEXT PRIMARY KEY,
    study_id TEXT NOT NULL REFERENCES study(id) ON DELETE CASCADE,
    territory_id TEXT REFERENCES territory(id) ON DELETE CASCADE,
    profile TEXT NOT NULL DEFAULT '',
    target INTEGER NOT NULL CHECK (target >= 0),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE device (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('analyst', 'field')),
    public_key TEXT NOT NULL DEFAULT '',
    is_self INTEGER NOT NULL DEFAULT 0 CHECK (is_self IN (0, 1)),
    registered_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE interviewer (
    id TEXT PRIMARY KEY,
    study_id TEXT NOT NULL REFERENCES study(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    initials TEXT NOT NULL DEFAULT '',
    device_id TEXT REFERENCES device(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE interview (
    id TEXT PRIMARY KEY,
    study_id TEXT NOT NULL REFERENCES study(id) ON DELETE CASCADE,
    participant_id TEXT NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
    interviewer_id TEXT REFERENCES interviewer(id) ON DELETE SET NULL,
    guide_id TEXT REFERENCES guide(id) ON DELETE RESTRICT,
    wave_id TEXT REFERENCES wave(id) ON DELETE SET NULL,
    place TEXT NOT NULL DEFAULT '',
    mode TEXT NOT NULL DEFAULT 'in_person' CHECK (mode IN ('in_person', 'phone', 'video')),
    status TEXT NOT NULL DEFAULT 'planned'
        CHECK (status IN ('planned', 'in_progress', 'paused', 'completed', 'abandoned')),
    started_at TEXT,
    ended_at TEXT,
    -- Measured with a monotonic clock while the interview runs, not from wall-clock stamps.
    duration_seconds REAL,
    current_question_id TEXT REFERENCES question(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE note (
    id TEXT PRIMARY KEY,
    interview_id TEXT NOT NULL REFERENCES interview(id) ON DELETE CASCADE,
    question_id TEXT REFERENCES question(id) ON DELETE SET NULL,
    text TEXT NOT NULL DEFAULT '',
    offset_ms INTEGER NOT NULL DEFAULT 0 CHECK (offset_ms >= 0),
    answered_by_third_party INTEGER NOT NULL DEFAULT 0 CHECK (answered_by_third_party IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- The reflexive field note written after an interview (or a free journal entry).
CREATE TABLE field_note (
    id TEXT PRIMARY KEY,
    study_id TEXT NOT NULL REFERENCES study(id) ON DELETE CASCADE,
    interview_id TEXT REFERENCES interview(id) ON DELETE CASCADE,
    interviewer_id TEXT REFERENCES interviewer(id) ON DELETE SET NULL,
    written_at TEXT NOT NULL,
    setting TEXT NOT NULL DEFAULT '',
    others_present TEXT NOT NULL DEFAULT '',
    rapport TEXT NOT NULL DEFAULT '',
    steering TEXT NOT NULL DEFAULT '',
    participant_state TEXT NOT NULL DEFAULT '',
    deviations TEXT NOT NULL DEFAULT '',
    free_text TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE survey_answer (
    id TEXT PRIMARY KEY,
    interview_id TEXT REFERENCES interview(id) ON DELETE CASCADE,
    participant_id TEXT NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
    item_id TEXT NOT NULL REFERENCES questionnaire_item(id) ON DELETE CASCADE,
    value_number REAL,
    value_text TEXT NOT NULL DEFAULT '',
    answered_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE transcript (
    id TEXT PRIMARY KEY,
    study_id TEXT NOT NULL REFERENCES study(id) ON DELETE CASCADE,
    interview_id TEXT REFERENCES interview(id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    language TEXT NOT NULL DEFAULT 'fr',
    -- Provenance of the imported file.
    source_name TEXT NOT NULL DEFAULT '',
    source_format TEXT NOT NULL DEFAULT '',
    source_encoding TEXT NOT NULL DEFAULT '',
    source_sha256 TEXT NOT NULL DEFAULT '',
    imported_at TEXT NOT NULL,
    pseudonymised INTEGER NOT NULL DEFAULT 0 CHECK (pseudonymised IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- How each speaker label of a transcript maps to a role.
CREATE TABLE transcript_speaker (
    transcript_id TEXT NOT NULL REFERENCES transcript(id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('interviewer', 'participant', 'third_party', 'unknown')),
    PRIMARY KEY (transcript_id, label)
);

-- A transcript's full text is its turns' texts joined by "\n"; char_start is the turn's first
-- code point in that text, so codings can be stated against the whole transcript.
CREATE TABLE turn (
    id TEXT PRIMARY KEY,
    transcript_id TEXT NOT NULL REFERENCES transcript(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    speaker_label TEXT NOT NULL DEFAULT '',
    speaker_role TEXT NOT NULL DEFAULT 'unknown'
        CHECK (speaker_role IN ('interviewer', 'participant', 'third_party', 'unknown')),
    start_ms INTEGER,
    end_ms INTEGER,
    char_start INTEGER NOT NULL DEFAULT 0,
    overlaps_previous INTEGER NOT NULL DEFAULT 0 CHECK (overlaps_previous IN (0, 1)),
    text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (transcript_id, position)
);

-- Accent- and case-insensitive full-text index over turns, kept in step by triggers.
CREATE VIRTUAL TABLE turn_fts USING fts5(
    text,
    content = 'turn',
    content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER turn_fts_insert AFTER INSERT ON turn BEGIN
    INSERT INTO turn_fts (rowid, text) VALUES (new.rowid, new.text);
END;

CREATE TRIGGER turn_fts_delete AFTER DELETE ON turn BEGIN
    INSERT INTO turn_fts (turn_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;

CREATE TRIGGER turn_fts_update AFTER UPDATE OF text ON turn BEGIN
    INSERT INTO turn_fts (turn_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
    INSERT INTO turn_fts (rowid, text) VALUES (new.rowid, new.text);
END;

CREATE TABLE coder (
    id TEXT PRIMARY KEY,
    study_id TEXT NOT NULL REFERENCES study(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    initials TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (study_id, name)
);

CREATE TABLE code (
    id TEXT PRIMARY KEY,
    study_id TEXT NOT NULL REFERENCES study(id) ON DELETE CASCADE,
    parent_id TEXT REFERENCES code(id) ON DELETE SET NULL,
    name TEXT NOT NULL,
    definition TEXT NOT NULL DEFAULT '',
    include_rule TEXT NOT NULL DEFAULT '',
    exclude_rule TEXT NOT NULL DEFAULT '',
    example TEXT NOT NULL DEFAULT '',
    colour TEXT NOT NULL DEFAULT '#888888',
    position INTEGER NOT NULL DEFAULT 0,
    -- Set when the code is in the bin; cleared by undo.
    deleted_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE code_indicator (
    code_id TEXT NOT NULL REFERENCES code(id) ON DELETE CASCADE,
    indicator_id TEXT NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
    PRIMARY KEY (code_id, indicator_id)
);

-- Offsets are code points in the transcript's full text, [start, end).
CREATE TABLE coding (
    id TEXT PRIMARY KEY,
    transcript_id TEXT NOT NULL REFERENCES transcript(id) ON DELETE CASCADE,
    code_id TEXT NOT NULL REFERENCES code(id) ON DELETE CASCADE,
    coder_id TEXT NOT NULL REFERENCES coder(id) ON DELETE RESTRICT,
    start_offset INTEGER NOT NULL CHECK (start_offset >= 0),
    end_offset INTEGER NOT NULL,
    memo TEXT NOT NULL DEFAULT '',
    quotable INTEGER NOT NULL DEFAULT 0 CHECK (quotable IN (0, 1)),
    -- 'orphaned' when an edit of the transcript deleted the coded text.
    anchor_status TEXT NOT NULL DEFAULT 'ok' CHECK (anchor_status IN ('ok', 'orphaned')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (end_offset > start_offset)
);

CREATE TABLE memo (
    id TEXT PRIMARY KEY,
    study_id TEXT NOT NULL REFERENCES study(id) ON DELETE CASCADE,
    target_kind TEXT NOT NULL
        CHECK (target_kind IN ('project', 'code', 'transcript', 'participant', 'interview', 'coding')),
    target_id TEXT,
    title TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    written_on TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- One row per bundle or package seen, imported or refused.
CREATE TABLE sync_ledger (
    id TEXT PRIMARY KEY,
    device_id TEXT REFERENCES device(id) ON DELETE SET NULL,
    direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    kind TEXT NOT NULL CHECK (kind IN ('bundle', 'package', 'receipt')),
    file_name TEXT NOT NULL DEFAULT '',
    sha256 TEXT NOT NULL DEFAULT '',
    seq_from INTEGER,
    seq_to INTEGER,
    status TEXT NOT NULL CHECK (status IN ('imported', 'refused', 'written', 'acknowledged')),
    reason TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE audit_log (
    id TEXT PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL,
    entity TEXT NOT NULL DEFAULT '',
    entity_id TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT '{}'
);

CREATE INDEX wave_study ON wave (study_id);
CREATE INDEX territory_study ON territory (study_id);
CREATE INDEX indicator_study ON indicator (study_id, level);
CREATE INDEX guide_section_guide ON guide_section (guide_id, position);
CREATE INDEX question_section ON question (section_id, position);
CREATE INDEX probe_question ON probe (question_id, position);
CREATE INDEX participant_territory ON participant (territory_id);
CREATE INDEX consent_participant ON consent (participant_id);
CREATE INDEX interview_participant ON interview (participant_id);
CREATE INDEX interview_interviewer ON interview (interviewer_id);
CREATE INDEX note_interview ON note (interview_id, offset_ms);
CREATE INDEX field_note_interview ON field_note (interview_id);
CREATE INDEX survey_answer_item ON survey_answer (item_id);
CREATE INDEX survey_answer_participant ON survey_answer (participant_id);
CREATE INDEX transcript_interview ON transcript (interview_id);
CREATE INDEX code_parent ON code (parent_id, position);
CREATE INDEX coding_transcript ON coding (transcript_id, start_offset);
CREATE INDEX coding_code ON coding (code_id);
CREATE INDEX coding_coder ON coding (coder_id);
CREATE INDEX memo_target ON memo (target_kind, target_id);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
