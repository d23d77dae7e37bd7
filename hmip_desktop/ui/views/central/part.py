"""What the central window's actions and decisions are both given (:class:`CentralPart`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QStatusBar, QWidget

from ...ops import Ops
from .state import CentralSettings, Selection

if TYPE_CHECKING:
    from .moderation import ModerationPage


class CentralPart(QObject):
    """A part of the central window, built by it with everything it uses; it reads and
    changes nothing else of the window."""

    #: A core call was refused or failed: the message shown.
    action_failed = Signal(str)

    def __init__(self, parent: QWidget, ops: Ops, current: Selection, prefs: CentralSettings, status_bar: QStatusBar,
                 moderation: Callable[[], ModerationPage | None], moderator: Callable[[], str | None],
                 refresh: Callable[[], None], failed: Callable[[BaseException], None]):
        """``parent``: the window (the dialogs' parent); ``ops``: its worker; ``current``:
        what it has open; ``prefs``: its remembered settings; ``status_bar``: where results
        are said; ``moderation``: the moderation view, if built; ``moderator``: the
        moderator id, or None (and the window says why); ``refresh``: reload everything
        (the list of inspections too); ``failed``: show an error."""
        super().__init__(parent)
        self.parent_widget = parent
        self.ops = ops
        self.current = current
        self.prefs = prefs
        self._status_bar = status_bar
        self._moderation_page = moderation
        self._moderator = moderator
        self._refresh = refresh
        self._failed = failed

    def statusBar(self) -> QStatusBar:  # noqa: N802 - the window's, passed in
        return self._status_bar

    @property
    def moderation(self) -> ModerationPage | None:
        return self._moderation_page()
