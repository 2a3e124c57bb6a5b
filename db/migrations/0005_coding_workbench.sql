-- The coding workbench: hints for assisted coding, decisions on suggestions, blind double coding
-- and framework-analysis summaries.

-- Assisted coding: per code, keywords and example phrases, one per line.
ALTER TABLE code ADD COLUMN keywords TEXT NOT NULL DEFAULT '';
ALTER TABLE code ADD COLUMN example_phrases TEXT NOT NULL DEFAULT '';

-- Blind double coding: while on, a coder sees another coder's codings on a transcript only once
-- both have marked their pass on it done.
ALTER TABLE study ADD COLUMN blind_coding INTEGER NOT NULL DEFAULT 0 CHECK (blind_coding IN (0, 1));

-- One coder's pass over one transcript; done_at is set when the coder says they are done.
CREATE TABLE coding_pass (
    id TEXT PRIMARY KEY,
    coder_id TEXT NOT NULL REFERENCES coder(id) ON DELETE CASCADE,
    transcript_id TEXT NOT NULL REFERENCES transcript(id) ON DELETE CASCADE,
    done_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (coder_id, transcript_id)
);

-- What the analyst decided about a suggested segment, so that a rejected suggestion is not
-- offered again to that coder. Nothing is coded without such a decision.
CREATE TABLE suggestion_decision (
    id TEXT PRIMARY KEY,
    code_id TEXT NOT NULL REFERENCES code(id) ON DELETE CASCADE,
    transcript_id TEXT NOT NULL REFERENCES transcript(id) ON DELETE CASCADE,
    coder_id TEXT NOT NULL REFERENCES coder(id) ON DELETE CASCADE,
    start_offset INTEGER NOT NULL CHECK (start_offset >= 0),
    end_offset INTEGER NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('accepted', 'rejected')),
    coding_id TEXT REFERENCES coding(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (end_offset > start_offset),
    UNIQUE (code_id, transcript_id, coder_id, start_offset, end_offset)
);

-- Framework analysis: the analyst's summary of what one participant says about one theme.
CREATE TABLE framework_cell (
    id TEXT PRIMARY KEY,
    code_id TEXT NOT NULL REFERENCES code(id) ON DELETE CASCADE,
    participant_id TEXT NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
    summary TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (code_id, participant_id)
);

CREATE INDEX coding_pass_transcript ON coding_pass (transcript_id);
CREATE INDEX suggestion_decision_transcript ON suggestion_decision (transcript_id, code_id);
CREATE INDEX coding_code_transcript ON coding (code_id, transcript_id);
