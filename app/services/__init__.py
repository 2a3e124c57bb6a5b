"""Use cases over a project: Qt-free, reachable from the CLI and the GUI alike."""
