"""Switching the interface between English and Welsh.

Interface strings come from Qt translation files built from the sources in
resources/translations/ (``hmip_cy.ts`` for our strings, ``qtbase_cy.ts`` for Qt's
standard buttons and dialogs); framework text comes from the framework file itself.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from ..core.paths import resources_dir

LANGUAGES = {"en": "English", "cy": "Cymraeg"}
CATALOGUES = ("hmip", "qtbase")


def translations_dir():
    return resources_dir() / "translations"


class Translations:
    """Swaps the application's translators. Translators are global to the application,
    so every instance shares one list of what is installed."""

    _installed: list[QTranslator] = []
    lang = "en"

    def set_language(self, lang: str) -> None:
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language '{lang}' (use one of {', '.join(LANGUAGES)})")
        app = QCoreApplication.instance()
        for translator in Translations._installed:
            app.removeTranslator(translator)
        Translations._installed = []
        locale = QLocale(QLocale.Language.Welsh if lang == "cy" else QLocale.Language.English, QLocale.Country.UnitedKingdom)
        QLocale.setDefault(locale)
        if lang != "en":
            for name in CATALOGUES:
                translator = QTranslator(app)
                path = translations_dir() / f"{name}_{lang}.qm"
                if not translator.load(str(path)):
                    raise FileNotFoundError(f"{path}: translation missing; run scripts/build_translations")
                app.installTranslator(translator)
                Translations._installed.append(translator)
        Translations.lang = lang


def language_actions(window, on_choose):
    """The checkable language actions of a window's Language menu: (group, {code: action}).
    ``on_choose(code)`` is called when one is chosen."""
    from PySide6.QtGui import QAction, QActionGroup

    group = QActionGroup(window)
    actions = {}
    for code, name in LANGUAGES.items():
        action = QAction(name, window, checkable=True)
        action.setObjectName(f"language_{code}")
        action.triggered.connect(lambda _=False, c=code: on_choose(c))
        group.addAction(action)
        actions[code] = action
    return group, actions
