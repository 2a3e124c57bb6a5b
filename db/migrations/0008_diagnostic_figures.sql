-- The interview diagnostics' figures that exports add up over every transcript (interviewer's
-- share of the words, questions asked, leading questions), kept per transcript so that a report
-- does not run the question checker over the whole corpus again. Derived data, local to this
-- database and never synced: a row stands only for the turns it was measured on, so the triggers
-- below drop it whenever the transcript's turns, speakers or language change (an edit, a new
-- import, pseudonymisation, a synced bundle), and ``version`` drops it when the checker changes.
CREATE TABLE diagnostic_figures (
    transcript_id TEXT PRIMARY KEY REFERENCES transcript(id) ON DELETE CASCADE,
    version TEXT NOT NULL,
    interviewer_word_share REAL,
    questions_open INTEGER NOT NULL,
    questions_closed INTEGER NOT NULL,
    questions_leading INTEGER NOT NULL
);

CREATE TRIGGER diagnostic_figures_turn_added AFTER INSERT ON turn BEGIN
    DELETE FROM diagnostic_figures WHERE transcript_id = NEW.transcript_id;
END;

CREATE TRIGGER diagnostic_figures_turn_changed AFTER UPDATE ON turn BEGIN
    DELETE FROM diagnostic_figures WHERE transcript_id IN (OLD.transcript_id, NEW.transcript_id);
END;

CREATE TRIGGER diagnostic_figures_turn_removed AFTER DELETE ON turn BEGIN
    DELETE FROM diagnostic_figures WHERE transcript_id = OLD.transcript_id;
END;

CREATE TRIGGER diagnostic_figures_speakers_changed AFTER UPDATE ON transcript_speaker BEGIN
    DELETE FROM diagnostic_figures WHERE transcript_id IN (OLD.transcript_id, NEW.transcript_id);
END;

CREATE TRIGGER diagnostic_figures_language_changed AFTER UPDATE OF language ON transcript BEGIN
    DELETE FROM diagnostic_figures WHERE transcript_id = NEW.id;
END;
