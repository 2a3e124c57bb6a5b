"""The Transcriptions area's parts: the turn reader and editor, pseudonymisation, import."""
