"""Settings live in the file given (never the real one); the language applies to Qt's dialogs too."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QLocale

from app.i18n import current_language
from app.ui.preferences import PreferencesDialog
from app.ui.settings import MAX_RECENT_PROJECTS, Settings
from app.ui.translations import apply_language, qt_dialogs_translated, qt_translations_folder


def test_defaults(settings, tmp_path):
    assert settings.file_name == str(tmp_path / "settings.ini")
    assert settings.language == "fr"
    assert settings.recent_projects == []
    assert settings.last_project is None
    assert settings.window_geometry.isEmpty()
    assert settings.export_folder.name == "Terrain"


def test_values_survive_a_new_settings_object(tmp_path):
    first = Settings(tmp_path / "s.ini")
    first.language = "en"
    first.add_recent_project(tmp_path / "a.terrain")
    first.window_geometry = QByteArray(b"geometry")
    second = Settings(tmp_path / "s.ini")
    assert second.language == "en"
    assert second.recent_projects == [(tmp_path / "a.terrain").resolve()]
    assert second.window_geometry == QByteArray(b"geometry")


def test_recent_projects_are_unique_newest_first_and_capped(settings, tmp_path):
    paths = [tmp_path / f"p{i}.terrain" for i in range(MAX_RECENT_PROJECTS + 3)]
    for path in paths:
        settings.add_recent_project(path)
    settings.add_recent_project(paths[-2])
    recent = settings.recent_projects
    assert len(recent) == MAX_RECENT_PROJECTS
    assert recent[0] == paths[-2].resolve() and recent[1] == paths[-1].resolve()
    assert len(set(recent)) == len(recent)
    assert settings.last_project == paths[-2].resolve()
    settings.forget_recent_project(paths[-2])
    assert paths[-2].resolve() not in settings.recent_projects


def test_an_unknown_language_in_the_file_falls_back_to_french(tmp_path):
    (tmp_path / "s.ini").write_text("[interface]\nlanguage=de\n", encoding="utf-8")
    assert Settings(tmp_path / "s.ini").language == "fr"


def test_qt_ships_its_french_catalogue():
    assert (Path(qt_translations_folder()) / "qtbase_fr.qm").is_file()


def test_french_installs_qt_translator_and_locale(qapp):
    apply_language(qapp, "fr")
    assert current_language() == "fr"
    assert qt_dialogs_translated()
    assert QLocale().language() == QLocale.Language.French
    # Qt's own buttons now speak French.
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"
    apply_language(qapp, "en")
    assert not qt_dialogs_translated()
    assert current_language() == "en"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_preferences_store_the_language_for_next_start(qtbot, settings):
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.language_box.currentText() == "Français"
    dialog.language_box.setCurrentIndex(dialog.language_box.findData("en"))
    dialog.accept()
    assert settings.language == "en"
    assert current_language() == "fr"  # applied on restart, as the dialog says
