"""Whether a window fits its size: nothing clipped, nothing reachable only by scrolling sideways.

Used by the layout tests and by ``scripts/screenshots`` (which refuses to write a picture
of a window that does not fit). A window passes when, for every widget shown:

* it reaches the window's own size (its minimum size is not larger);
* a label or button without word wrap is as wide as its text needs (``sizeHint``), a
  combo box as wide as its current item, and a line edit as wide as its placeholder text;
* no scroll area shows (or needs) a horizontal scroll bar, and a resizable scroll area's
  content is no wider than its viewport;
* no widget reaches past the right edge of its parent (what is there cannot be seen);
* no column of a table is narrower than its contents (the text would be elided: "Heb …"),
  except a stretched column of a table that wraps its text.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QComboBox,
    QLabel,
    QLineEdit,
    QMenu,
    QScrollArea,
    QScrollBar,
    QStyle,
    QStyleOptionFrame,
    QTableView,
    QTabBar,
    QWidget,
)

#: A pixel of rounding is not a clipped letter.
SLACK = 1


def _name(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, (QLabel, QAbstractButton)):
        text = widget.text()
    elif isinstance(widget, QComboBox):
        text = widget.currentText()
    elif isinstance(widget, QLineEdit):
        text = widget.placeholderText()
    label = widget.objectName() or type(widget).__name__
    return f"{label} {text[:60]!r}" if text else label


def _inside_view(widget: QWidget, window: QWidget) -> bool:
    """Part of an item view's own machinery (an editor, a header section, the viewport)?"""
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, (QAbstractItemView, QTabBar, QMenu)):
            return True
        parent = parent.parentWidget()
    return False


def _shown(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisible() and widget.window() is window


def problems(window: QWidget, size: tuple[int, int] | None = None) -> list[str]:
    """What does not fit in ``window`` as it is laid out now ([] when it all fits); with
    ``size``, the window must also have that size (it was not forced larger)."""
    found = []
    if size is not None and window.size().toTuple() != tuple(size):
        found.append(f"window: is {window.width()}×{window.height()}, not {size[0]}×{size[1]}")
    hint = window.minimumSizeHint()
    if window.minimumWidth() > window.width() or (hint.isValid() and window.layout() is not None
                                                   and hint.width() > window.width() + SLACK):
        found.append(f"window: needs {hint.width()} px, has {window.width()}")
    for widget in window.findChildren(QWidget):
        if not _shown(widget, window) or _inside_view(widget, window) or isinstance(widget, QScrollBar):
            continue
        name = _name(widget)
        if isinstance(widget, QLabel) and not widget.wordWrap() and widget.text() and widget.pixmap().isNull():
            if widget.sizeHint().width() > widget.width() + SLACK:
                found.append(f"{name}: text needs {widget.sizeHint().width()} px, has {widget.width()}")
        elif isinstance(widget, QAbstractButton) and widget.text():
            if widget.sizeHint().width() > widget.width() + SLACK:
                found.append(f"{name}: text needs {widget.sizeHint().width()} px, has {widget.width()}")
        elif isinstance(widget, QComboBox) and widget.currentText():
            needed = widget.fontMetrics().horizontalAdvance(widget.currentText()) + 24
            if needed > widget.width() + SLACK:
                found.append(f"{name}: current item needs about {needed} px, has {widget.width()}")
        elif isinstance(widget, QLineEdit) and widget.placeholderText() and not widget.text():
            needed, room = widget.fontMetrics().horizontalAdvance(widget.placeholderText()), _text_room(widget)
            if needed > room + SLACK:
                found.append(f"{name}: placeholder needs {needed} px, has {room}")
        if isinstance(widget, QAbstractScrollArea):
            bar = widget.horizontalScrollBar()
            if bar.isVisible() or bar.maximum() > 0:
                found.append(f"{name}: scrolls sideways ({bar.maximum()} px)")
            if isinstance(widget, QScrollArea) and widget.widget() is not None and widget.widgetResizable():
                inner = widget.widget()
                if inner.width() > widget.viewport().width() + SLACK:
                    found.append(f"{name}: content {inner.width()} px wide in a {widget.viewport().width()} px view")
        if isinstance(widget, QTableView):
            found += _columns(widget, name)
        parent = widget.parentWidget()
        if parent is not None and parent is not window and not isinstance(parent, QAbstractScrollArea):
            right = widget.geometry().right()
            if right > parent.width() - 1 + SLACK and not isinstance(parent.parentWidget(), QAbstractScrollArea):
                found.append(f"{name}: reaches {right - parent.width() + 1} px past the right edge of {_name(parent)}")
    return found


def _text_room(edit: QLineEdit) -> int:
    """How wide a text ``edit`` shows without eliding: its contents less its text margins,
    Qt's own 2 px either side and its buttons (the clear button keeps its place when hidden)."""
    option = QStyleOptionFrame()
    edit.initStyleOption(option)
    room = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, edit).width()
    margins = edit.textMargins()
    buttons = sum(b.width() for b in edit.findChildren(QAbstractButton))
    return room - margins.left() - margins.right() - 4 - buttons


def _columns(table: QTableView, name: str) -> list[str]:
    header = table.horizontalHeader()
    model = table.model()
    if model is None or model.rowCount() == 0:
        return []
    found = []
    last = max((c for c in range(model.columnCount()) if not table.isColumnHidden(c)), default=-1)
    for column in range(model.columnCount()):
        if table.isColumnHidden(column):
            continue
        needed = max(table.sizeHintForColumn(column), header.sectionSizeHint(column))
        width = table.columnWidth(column)
        wraps = table.wordWrap() and header.sectionResizeMode(column) == header.ResizeMode.Stretch
        if needed > width + SLACK and not wraps and not (column == last and header.stretchLastSection()
                                                         and header.sectionPosition(column) + needed <= table.viewport().width()):
            title = model.headerData(column, header.orientation())
            found.append(f"{name}: column {title!r} needs {needed} px, has {width}")
    return found
