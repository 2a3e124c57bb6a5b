-- What the question checker needs to remember: findings dismissed on purpose (with the reason)
-- and a study's own words (its acronyms, words never to flag).

CREATE TABLE finding_dismissal (
    id TEXT PRIMARY KEY,
    question_id TEXT NOT NULL REFERENCES question(id) ON DELETE CASCADE,
    rule TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (question_id, rule)
);

CREATE TABLE study_word (
    id TEXT PRIMARY KEY,
    study_id TEXT NOT NULL REFERENCES study(id) ON DELETE CASCADE,
    list_name TEXT NOT NULL CHECK (list_name IN ('loaded', 'jargon', 'vague', 'sensitive', 'normalising', 'protected')),
    word TEXT NOT NULL CHECK (length(trim(word)) > 0),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (study_id, list_name, word)
);

CREATE INDEX guide_previous_version ON guide (previous_version_id);
