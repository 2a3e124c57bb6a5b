"""The Sync area in the main window, on the demo study after a sample round of exchanges.

    python -m app.ui.sync [PROJECT] [--lang fr|en] [--field] [--tab journal|conflicts|devices|quarantine]
                          [--grab OUT.png]

The analyst's copy shows a bundle imported with a conflict, a bundle from a laptop not yet
registered and a damaged one; --field shows the registered laptop's copy instead. With --grab it
runs offscreen on throw-away copies and saves a 1280×800 picture.
"""

from __future__ import annotations

import sys

from app.ui.preview import preview, preview_parser, show_or_grab

TABS = ("journal", "conflicts", "devices", "quarantine")


def main(argv: list[str] | None = None) -> int:
    parser = preview_parser("python -m app.ui.sync", __doc__)
    parser.add_argument("--field", action="store_true", help="show the field laptop's copy")
    parser.add_argument("--tab", choices=TABS, default="journal", help="the analyst's tab to show")
    args = parser.parse_args(argv)
    with preview(args) as session:
        from app.services.sync import folder
        from app.store.project import Project
        from app.ui.main_window import MainWindow
        from app.ui.sync.sample import sample_exchange

        sample = sample_exchange(session.project, session.folder / "exchanges")
        folder.set_sync_folder(session.project, sample.shared)
        project = session.project
        if args.field:
            project = Project.open(sample.field_path)
            folder.set_sync_folder(project, sample.shared)
        window = MainWindow(project, session.settings())
        window.show_area("sync")
        window.path_label.setText(project.path.name if project.path else "")
        area = window.area("sync")
        if not args.field:
            area.analyst.tabs.setCurrentIndex(TABS.index(args.tab))
            area.analyst.quarantine.select_code("unknown_device")  # its « Register » button is the point
        try:
            return show_or_grab(session, window, args.grab, settle_seconds=0.4)
        finally:
            if project is not session.project:
                project.close()


if __name__ == "__main__":
    sys.exit(main())
