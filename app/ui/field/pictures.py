"""Pictures of field mode on the demo study, for checking the looks and for the manual.

    python -m app.ui.field.pictures OUT_FOLDER [--lang fr|en]

Writes runner.png (notes typed), runner-sensitive.png (the reminder before a sensitive
question), fieldnote.png and participants.png at 1280×800. Runs offscreen on a throw-away demo
and throw-away settings, like app.ui.screenshot.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from app.i18n import LANGUAGES

SIZE = (1280, 800)
PARTICIPANT = "LYO-04"
NOTES = {
    "fr": ("Graphiste indépendante depuis 2019 ; entrée dans la coopérative « pour ne plus être seule ».\n"
           "Insiste sur la comptabilité prise en charge : « je respire ».\n"
           "Hésite sur la question du revenu, dit qu’il « tient à peu près »."),
    "en": ("Freelance graphic designer since 2019; joined the cooperative \"so as not to be alone any more\".\n"
           "Stresses that the bookkeeping is done for her: \"I can breathe\".\n"
           "Hesitates about income, says it \"more or less holds\"."),
}
FIELD_NOTE = {
    "setting": "Dans son atelier, à la Croix-Rousse ; un peu de bruit de la rue, fenêtre ouverte.",
    "others_present": "Personne, sauf son associé passé cinq minutes vers la fin.",
    "rapport": "Bon contact, détendue ; elle me tutoyait à la fin.",
    "steering": "J’ai peut-être trop relancé sur le revenu après sa première réponse.",
}


def _french(text: str) -> str:
    for mark in (" ;", " :", " ?", " !", " »"):
        text = text.replace(mark, "\u00a0" + mark[1:])
    return text.replace("« ", "«\u00a0")


def take_pictures(out: Path, language: str = "fr") -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QStandardPaths

    from app.services import fieldwork
    from app.services.demo import build_demo
    from app.store.project import Project
    from app.ui.app import make_application
    from app.ui.main_window import MainWindow
    from app.ui.settings import Settings
    from app.ui.translations import apply_language

    QStandardPaths.setTestModeEnabled(True)
    application = make_application()
    apply_language(application, language)
    out.mkdir(parents=True, exist_ok=True)
    written = []

    def save(widget, name: str) -> None:
        widget.resize(*SIZE)
        application.processEvents()
        path = out / f"{name}.png"
        if not widget.grab().save(str(path)):
            raise OSError(f"could not write {path}")
        written.append(path)

    with tempfile.TemporaryDirectory(prefix="terrain-pictures-") as folder:
        project = Project.open(build_demo(Path(folder) / "demo.terrain"))
        window = MainWindow(project, Settings(Path(folder) / "settings.ini"))
        try:
            window.resize(*SIZE)
            window.path_label.setText("demo.terrain")
            window.show()
            participant = project.participants.first("code = ?", [PARTICIPANT])
            interview = fieldwork.start_interview(project, participant.id)
            state = fieldwork.run_state(project, interview.id)
            # As if the interview had gone on for a few minutes already.
            first, fourth = state.questions[0], state.questions[3]
            fieldwork.checkpoint(project, interview.id, current_question_id=fourth.question.id, elapsed_ms=412_000,
                                 section_elapsed_ms={first.section.id: 185_000, fourth.section.id: 227_000})
            window.show_area("interviews")
            runner = window.area("interviews").open_runner(interview.id)
            runner.clock.pause()
            notes = NOTES.get(language, NOTES["en"])
            runner.notes.editor.insertPlainText(_french(notes) if language == "fr" else notes)
            runner.log_probe(runner.probes.texts[0])
            runner.flush()
            runner.show_time()
            save(runner, "runner")
            if language == "fr":
                sensitive = next(i for i, item in enumerate(runner.questions) if item.question.is_sensitive)
                runner.go(sensitive)
                runner.show_time()
                save(runner, "runner-sensitive")
                fieldwork.save_field_note(project, interview.id, **{k: _french(v) for k, v in FIELD_NOTE.items()})
                runner.close()
                from app.ui.field.field_note import FieldNoteDialog

                dialog = FieldNoteDialog(project, interview.id, window)
                dialog.show()
                save(dialog, "fieldnote")
                dialog.close()
                window.show_area("participants")
                window.area("participants").select_code("LYO-05")
                save(window, "participants")
                from app.ui.field.participant_dialog import NewParticipantDialog

                adding = NewParticipantDialog(project, window)
                adding.consent_box.setChecked(True)
                adding.show()
                application.processEvents()
                adding.resize(960, adding.sizeHint().height())
                application.processEvents()
                path = out / "participant-dialog.png"
                adding.grab().save(str(path))
                written.append(path)
                adding.close()
            else:
                runner.close()
        finally:
            window.close()
            project.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.ui.field.pictures", description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for the PNG files")
    parser.add_argument("--lang", choices=LANGUAGES, default="fr")
    args = parser.parse_args(argv)
    for path in take_pictures(args.out, args.lang):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
