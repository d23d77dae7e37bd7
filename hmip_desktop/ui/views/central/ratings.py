"""The ratings dashboard (central mode): the overall rating, then per standard its
rating and a table of its key questions' figures (sufficient of applicable, percent,
95% interval, band, borderline), with the standard's chart beside it when the reports'
chart module is installed.

The figures come from the core's ``rate`` over the effective answers and the current
overrides (``answers.rate_inspection``): the same as ``hmip central ratings --json``.

Above them, the lead's decisions: "Professional judgement…", "Sign off…" and "Reopen…"
(signals; the window asks for the details and runs the core call on its worker).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...models.central_tables import (
    RowsModel,
    figure_columns,
    figure_rows,
    overall_text,
    standard_heading,
)
from ...text import fmt


def _tr(text: str) -> str:
    return QCoreApplication.translate("CentralRatings", text)


class StandardBlock(QWidget):
    """One standard: heading, figures table, chart."""

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 8)
        self.heading = QLabel(self)
        self.heading.setObjectName("standard_heading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.model = RowsModel(figure_columns(), self)
        self.table = QTableView(self)
        self.table.setObjectName("figures_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)
        # The chart below its table: at a readable size it is as wide as the table.
        self.chart = QLabel(self)
        self.chart.setObjectName("standard_chart")
        self.chart.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.chart.setVisible(False)
        layout.addWidget(self.chart)

    def show_standard(self, heading: str, rows: list[dict], chart: tuple[bytes, str] | None) -> None:
        """``chart``: (PNG bytes, text alternative) or None."""
        self.heading.setText(heading)
        self.table.setAccessibleName(fmt(_tr("Key question figures: %1"), heading))
        self.model.set_rows(rows)
        self.fit()
        pixmap = QPixmap()
        if chart and pixmap.loadFromData(chart[0]):
            self.chart.setPixmap(pixmap)
            self.chart.setAccessibleName(fmt(_tr("Chart: %1"), heading))
            self.chart.setAccessibleDescription(chart[1])
            self.chart.setToolTip(chart[1])
            self.chart.setVisible(True)
        else:
            self.chart.clear()
            self.chart.setVisible(False)


    def fit(self) -> None:
        """Size the table to its rows (the page scrolls, not each table); row heights
        depend on the question column's width, so this runs again on every resize."""
        self.table.resizeRowsToContents()
        height = self.table.horizontalHeader().sizeHint().height() + 2 * self.table.frameWidth()
        height += sum(self.table.rowHeight(r) for r in range(self.model.rowCount()))
        self.table.setFixedHeight(height + 2)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        QTimer.singleShot(0, self, self.fit)


class RatingsPage(QWidget):
    override_requested = Signal()
    sign_off_requested = Signal()
    reopen_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.fw = None
        self.ratings = None
        self.signed_off = False
        self.charts: dict[str, tuple[bytes, str]] = {}
        self.charts_shown = 0
        self.lang = "en"
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        self.overall = QLabel(self)
        self.overall.setObjectName("inspection_title")
        self.overall.setTextFormat(Qt.TextFormat.PlainText)
        outer.addWidget(self.overall)
        self.source = QLabel(self)
        self.source.setObjectName("hint_label")
        self.source.setWordWrap(True)
        self.source.setTextFormat(Qt.TextFormat.PlainText)
        outer.addWidget(self.source)
        decisions = QHBoxLayout()
        self.state = QLabel(self)
        self.state.setObjectName("signoff_state")
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        decisions.addWidget(self.state, 1)
        self.decision_buttons: dict[str, QPushButton] = {}
        for key, signal in (("override", self.override_requested), ("sign_off", self.sign_off_requested),
                            ("reopen", self.reopen_requested)):
            button = QPushButton(self)
            button.setObjectName(f"{key}_button")
            button.clicked.connect(signal)
            decisions.addWidget(button)
            self.decision_buttons[key] = button
        outer.addLayout(decisions)
        self.error = QLabel(self)
        self.error.setObjectName("error_banner")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        outer.addWidget(self.error)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.addStretch(1)
        self.scroll.setWidget(self.body)
        outer.addWidget(self.scroll, 1)
        self.blocks: list[StandardBlock] = []
        self.thread_blocks: list[StandardBlock] = []
        self.setStyleSheet("QLabel#hint_label { color: #505a5f; }")

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.decision_buttons["override"].setText(_tr("&Professional judgement…"))
        self.decision_buttons["sign_off"].setText(_tr("&Sign off…"))
        self.decision_buttons["reopen"].setText(_tr("Re&open…"))
        self.decision_buttons["override"].setToolTip(_tr("Set or withdraw a standard's rating by professional judgement"))
        self.decision_buttons["sign_off"].setToolTip(_tr("Sign the ratings with your lead inspector's key and lock the inspection"))
        self.decision_buttons["reopen"].setToolTip(_tr("Reopen the signed-off inspection (recorded and signed)"))
        self.set_signed_off(self.signed_off)
        self._show()

    def show_error(self, text: str) -> None:
        """A decision the core refused (or "" to clear it)."""
        self.error.setText(fmt(_tr("Not done: %1"), text) if text else "")
        self.error.setVisible(bool(text))

    def set_signed_off(self, signed_off: bool) -> None:
        self.signed_off = signed_off
        self.state.setText(_tr("Signed off: the ratings are locked until the inspection is reopened.") if signed_off
                           else _tr("Not signed off yet."))
        self.decision_buttons["override"].setEnabled(not signed_off)
        self.decision_buttons["sign_off"].setEnabled(not signed_off)
        self.decision_buttons["reopen"].setEnabled(signed_off)

    def set_ratings(self, fw, ratings, charts: dict[str, tuple[bytes, str]] | None = None) -> None:
        """Show ``ratings`` (a core ``Ratings``) of framework ``fw``; ``charts``: standard
        id → (PNG bytes, text alternative); empty without the chart module."""
        self.fw, self.ratings, self.charts = fw, ratings, dict(charts or {})
        self.charts_shown = sum(1 for c in self.charts.values() if c and c[0])
        self._show()

    def _blocks(self, existing: list[StandardBlock], count: int, at: int) -> list[StandardBlock]:
        while len(existing) < count:
            block = StandardBlock(self.body)
            self.body_layout.insertWidget(at + len(existing), block)
            existing.append(block)
        for i, block in enumerate(existing):
            block.setVisible(i < count)
        return existing

    def _show(self) -> None:
        fw, ratings, lang = self.fw, self.ratings, self.lang
        if fw is None or ratings is None:
            self.overall.setText(_tr("No ratings yet"))
            return
        self.overall.setText(overall_text(fw, ratings, lang))
        source = fw.rating.source.get(lang) if fw.rating.source else ""
        self.source.setText(fmt(_tr("Figures from the effective (moderated) answers, as hmip central ratings gives them. "
                                    "◆ Borderline: the 95% interval crosses a band boundary. %1"), source).strip())
        self._blocks(self.blocks, len(ratings.standards), 0)
        for i, standard in enumerate(ratings.standards):
            self.blocks[i].show_standard(standard_heading(fw, ratings, i, lang),
                                         figure_rows(fw, standard.key_questions, lang), self.charts.get(standard.id))
        threads = [(t, ratings.threads.get(t.id, [])) for t in fw.threads if ratings.threads.get(t.id)]
        self._blocks(self.thread_blocks, len(threads), len(self.blocks))
        for block, (thread, figures) in zip(self.thread_blocks, threads):
            block.show_standard(fmt(_tr("Thread: %1"), thread.title.get(lang)), figure_rows(fw, figures, lang), None)
