"""The Export area's dialogs, the names it proposes for files, and its background export job."""
