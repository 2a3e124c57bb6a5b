-- Indicator values: below this many participants, a rate or a mean is shown with a warning
-- that it is too small to report.
ALTER TABLE study ADD COLUMN small_n_threshold INTEGER NOT NULL DEFAULT 5 CHECK (small_n_threshold >= 1);
