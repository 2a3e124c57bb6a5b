"""Read-only table models over lists of summary rows or records."""
