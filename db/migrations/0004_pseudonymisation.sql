-- Pseudonymisation. Both tables belong to the identity store (app/store/identity.py), the only
-- code that reads them: like `identity`, they are never synced, exported or joined into views.

-- Names and places to look for in every transcript of the study, kept by the evaluation lead.
CREATE TABLE pseudonym_term (
    id TEXT PRIMARY KEY,
    study_id TEXT NOT NULL REFERENCES study(id) ON DELETE CASCADE,
    text TEXT NOT NULL CHECK (length(trim(text)) > 0),
    kind TEXT NOT NULL CHECK (kind IN ('first_name', 'last_name', 'town', 'place')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (study_id, text)
);

-- What each original became: one number per original across the whole study, so that the same
-- person or place reads the same in every transcript ("[Prénom 1]"). `original_key` is the
-- original without case or accents: "Élodie" and "ELODIE" share one replacement.
CREATE TABLE pseudonym (
    id TEXT PRIMARY KEY,
    study_id TEXT NOT NULL REFERENCES study(id) ON DELETE CASCADE,
    original TEXT NOT NULL CHECK (length(trim(original)) > 0),
    original_key TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('first_name', 'last_name', 'town', 'place')),
    number INTEGER NOT NULL CHECK (number > 0),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (study_id, original_key),
    UNIQUE (study_id, number)
);
