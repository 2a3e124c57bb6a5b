"""Documents built from a project: Word (python-docx), charts (matplotlib Figure), CSV/XLSX."""
