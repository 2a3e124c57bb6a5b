"""The codebook editor alone, on the demo study (or a project), for a quick look or a picture.

    python -m app.ui.codebook [PROJECT] [--lang fr|en] [--actor NAME]
                              [--show themes|bin|changelog|dialog|split|merge] [--grab OUT.png]

With --grab it runs offscreen on a throw-away copy of the demo and saves a picture: the panel
at 1280×800, or the dialog alone with --show dialog, split or merge. For the bin and the
changelog to have something to show, a few edits (a split, a move, a theme
in the bin) are made first on the copy, for every view but the dialogs.
"""

from __future__ import annotations

import sys

from app.ui.preview import framed, preview, preview_parser, settle, show_or_grab

VIEWS = ("themes", "bin", "changelog", "dialog", "split", "merge")


def _sample_edits(panel, project) -> None:
    """A little history on the throw-away copy: a split, a move, a theme in the bin."""
    from app.services.coding import segments

    def code(name):
        return project.codes.first("name = ?", [name])

    source = code("Protection du statut salarié")
    chosen = [segment.coding_id for segment in segments(project, code_id=source.id)
              if "retraite" in segment.text.lower()] or [segments(project, code_id=source.id)[0].coding_id]
    panel.tree.select(source.id)
    panel.split_current()
    panel.dialog.name_edit.setText("Retraite")
    panel.dialog.set_checked(set(chosen))
    panel.dialog.accept()
    panel.move(code("Formation et montée en compétences").id, code("Autonomie et organisation du travail").id, 0)
    panel.tree.select(code("Critiques et doutes").id)
    panel.bin_current()


def main(argv: list[str] | None = None) -> int:
    parser = preview_parser("python -m app.ui.codebook", __doc__)
    parser.add_argument("--actor", default="Inès Moreau", help="the coder who signs the edits")
    parser.add_argument("--show", choices=VIEWS, default="themes")
    args = parser.parse_args(argv)
    with preview(args) as session:
        from PySide6.QtGui import QKeySequence

        from app.ui.codebook.panel import BIN_TAB, CHANGELOG_TAB, CodebookPanel

        panel = CodebookPanel()
        panel.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        panel.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        panel.code_activated.connect(lambda code_id: print(f"activated {code_id}"))
        panel.set_project(session.project, args.actor)
        window = framed(panel)
        if args.show in ("themes", "bin", "changelog"):
            _sample_edits(panel, session.project)
        isolement = session.project.codes.first("name = 'Isolement'")
        panel.tree.select(isolement.id)
        if args.show == "bin":
            panel.tabs.setCurrentIndex(BIN_TAB)
        elif args.show == "changelog":
            panel.tabs.setCurrentIndex(CHANGELOG_TAB)
        elif args.show in ("dialog", "split", "merge"):
            window.resize(1280, 800)
            window.show()
            opener = {"dialog": panel.edit_current, "split": panel.split_current, "merge": panel.merge_current}
            dialog = opener[args.show]()
            if args.show == "split":
                from app.ui.codebook.merge_split import ID_ROLE

                dialog.name_edit.setText("Solitude choisie")
                dialog.set_checked({dialog.tree.topLevelItem(0).data(0, ID_ROLE)})
            if args.show == "merge":
                dialog.select(session.project.codes.first("name = 'Appartenance au collectif'").id)
            if args.grab is None:
                return session.application.exec()
            settle(session.application, 0.3)
            ok = dialog.grab().save(str(args.grab))
            print(args.grab if ok else f"could not write {args.grab}")
            return 0 if ok else 1
        return show_or_grab(session, window, args.grab, settle_seconds=0.3)


if __name__ == "__main__":
    sys.exit(main())
