-- The interview runner: notes tell a typed note from a neutral probe used, and the time spent
-- in each section of the guide is kept as the runner measured it (a monotonic clock).

ALTER TABLE note ADD COLUMN kind TEXT NOT NULL DEFAULT 'note' CHECK (kind IN ('note', 'probe'));

CREATE TABLE interview_section_time (
    interview_id TEXT NOT NULL REFERENCES interview(id) ON DELETE CASCADE,
    section_id TEXT NOT NULL REFERENCES guide_section(id) ON DELETE CASCADE,
    elapsed_ms INTEGER NOT NULL DEFAULT 0 CHECK (elapsed_ms >= 0),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (interview_id, section_id)
);

CREATE INDEX note_question ON note (interview_id, question_id);
