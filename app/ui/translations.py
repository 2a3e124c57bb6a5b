"""The interface language: gettext for Terrain's own strings, Qt's catalogue for its dialogs.

The language is applied once at start-up; changing it in the preferences takes effect on the
next start (as in Picard), which keeps every widget free of re-translation code.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.i18n import DEFAULT_LANGUAGE, LANGUAGES, set_language

LOCALES = {"fr": QLocale(QLocale.Language.French, QLocale.Country.France),
           "en": QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)}

# Kept alive here: Qt does not own a translator, and a collected one stops translating.
_installed: list[QTranslator] = []


def qt_translations_folder() -> str:
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def apply_language(app: QCoreApplication, language: str) -> str:
    """Switch Terrain's strings and Qt's own dialogs to ``language``; returns the language used."""
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    set_language(language)
    QLocale.setDefault(LOCALES[language])
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language != "en":
        translator = QTranslator(app)
        # Qt's English strings need no catalogue; a missing qtbase file leaves Qt's dialogs in English.
        if translator.load(LOCALES[language], "qtbase", "_", qt_translations_folder()):
            app.installTranslator(translator)
            _installed.append(translator)
    return language


def qt_dialogs_translated() -> bool:
    return bool(_installed)
