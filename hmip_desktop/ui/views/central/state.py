"""What the central window's parts share: the open selection and the remembered settings.

The window owns one :class:`Selection` and one :class:`CentralSettings` and hands them to
the objects it is built from (:class:`.actions.CentralActions`,
:class:`.decisions.CentralDecisions`), which read and change nothing else of the window.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings


@dataclass
class Selection:
    """What the central window has open (the store handle is used only on the worker)."""

    store: object = None  # a CentralStore
    inspection_id: str | None = None
    case_id: str | None = None  # the case read open in the moderation view
    fw: object = None  # the open inspection's framework
    ratings: object = None  # its computed ratings, as last shown
    lang: str = "en"  # the interface language (the charts and the report are drawn in it)


class CentralSettings:
    """The central window's remembered settings: ``central/<key>``, except the interface
    language, which is shared with the field window. Without QSettings nothing is kept."""

    def __init__(self, settings: QSettings | None):
        self.settings = settings

    def value(self, key: str, default):
        if self.settings is None:
            return default
        return self.settings.value(self._key(key), default)

    def remember(self, key: str, value) -> None:
        if self.settings is not None:
            self.settings.setValue(self._key(key), value)

    @staticmethod
    def _key(key: str) -> str:
        return key if key == "language" else f"central/{key}"
