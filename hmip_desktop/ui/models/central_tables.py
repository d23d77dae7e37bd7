"""Small read-only tables of the central mode (readers, key question figures): one thin
model over plain dict rows, its columns described by ``Column``s; and the pure
functions that turn core results into those rows.

Numbers are shown as the CLI gives them (``Figure.as_json()``, two decimals) in the
current locale, so that what the window shows can be checked against
``hmip central ratings --json`` figure by figure.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QFont

from .rows import PlainRowsModel
from ...core.central.agreement import MIN_PAIRS
from ..text import fmt

if TYPE_CHECKING:
    from ...core.central.ratings import Figure, Ratings
    from ...core.frameworks import Framework

ROW_ROLE = Qt.ItemDataRole.UserRole + 1


def _tr(text: str) -> str:
    return QCoreApplication.translate("CentralTables", text)


@dataclass(frozen=True)
class Column:
    key: str
    #: The header, translated when asked (so a language switch only needs a repaint).
    title: Callable[[], str]
    text: Callable[[dict], str]
    numeric: bool = False
    #: A longer explanation shown as the tooltip (default: the text itself, which may be cut off).
    tip: Callable[[dict], str] | None = None


def two_lines(title: str) -> str:
    """``title`` broken at the space that makes its longer line shortest ("Judgements
    moderated" → "Judgements\nmoderated"); a single word as it is."""
    spaces = [i for i, c in enumerate(title) if c == " "]
    if not spaces:
        return title
    cut = min(spaces, key=lambda i: (max(i, len(title) - i - 1), i))
    return f"{title[:cut]}\n{title[cut + 1:]}"


class RowsModel(PlainRowsModel):
    """A read-only table over plain dict rows; with ``narrow_headers``, each header on two
    lines (so a column of small figures is not as wide as its title) and whole as its tooltip."""

    def __init__(self, columns: list[Column], parent=None, narrow_headers: bool = False):
        super().__init__(parent)
        self.columns = list(columns)
        self.narrow_headers = narrow_headers

    def column_keys(self):
        return self.columns

    def header(self, section: int) -> str:
        title = self.columns[section].title()
        return two_lines(title) if self.narrow_headers else title

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.columns):
            return self.columns[section].title()
        return super().headerData(section, orientation, role)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], self.columns[index.column()]
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return (column.tip or column.text)(row) or None
        if role == Qt.ItemDataRole.FontRole and row.get("differs"):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{column.title()}: {(column.tip or column.text)(row) or '–'}"
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


# -- number formatting -----------------------------------------------------------------


def number(value: float | None, decimals: int = 2) -> str:
    """A figure in the current locale (UK English or Welsh), or a dash when there is none."""
    if value is None:
        return "–"
    return QLocale().toString(float(value), "f", decimals)


def percent(value: float | None) -> str:
    return "–" if value is None else f"{number(value)}%"


def interval(low: float | None, high: float | None) -> str:
    return "–" if low is None or high is None else f"{number(low)}–{number(high)}"


# -- readers ---------------------------------------------------------------------------


def reader_columns() -> list[Column]:
    """Rows: ``core.central.queries.dashboard()["readers"]``."""

    def share(r):
        return "–" if r["unchanged_share"] is None else f"{number(100 * r['unchanged_share'], 0)}%"

    def kappa(r):
        if r.get("too_few"):
            return fmt(_tr("too few judgements (at least %1)"), MIN_PAIRS)
        if r["kappa"] is None:
            return "–"
        return f"{number(r['kappa'])} ({interval(r['kappa_low'], r['kappa_high'])})"

    return [
        Column("reader", lambda: _tr("Reader"), lambda r: r["reader_name"]),
        Column("reads", lambda: _tr("Case reads"), lambda r: str(r["reads"]), True),
        Column("complete", lambda: _tr("Complete"), lambda r: str(r["complete"]), True),
        Column("qa", lambda: _tr("Selected for QA"), lambda r: str(r["qa"]), True),
        Column("moderated", lambda: _tr("Judgements moderated"), lambda r: str(r["moderated"]), True),
        Column("unchanged", lambda: _tr("Unchanged"), share, True),
        Column("kappa", lambda: _tr("Kappa (95% interval)"), kappa, True),
        Column("flag", lambda: _tr("Needs more QA"), lambda r: _tr("Yes") if r["flagged"] else "",
               tip=lambda r: "; ".join(r["reasons"])),
    ]


# -- key question figures ----------------------------------------------------------------


def band_label(fw: Framework, band_id: str | None, lang: str) -> str:
    """A band's label; also "not rated" and the options of the evidence scales (the ESI
    descriptor) that team judgements on evidence are made on."""
    if band_id is None:
        return "–"
    if band_id == "not_rated":
        return _tr("Not rated")
    for band in list(fw.rating.bands) + list(fw.rating.overall.bands):
        if band.id == band_id:
            return band.label.get(lang)
    for standard in fw.standards(case_based=False):
        for option_id, label in fw.judgement_options(standard):
            if option_id == band_id:
                return label.get(lang)
    return band_id


def figure_rows(fw: Framework, figures: list[Figure], lang: str) -> list[dict]:
    """One plain row per key question figure: the CLI's figure (``json``: exactly
    ``Figure.as_json()``), plus the question's text, its band and the borderline mark."""
    rows = []
    for f in figures:
        question = fw.question(f.id)
        rows.append({"id": f.id, "text": question.text.get(lang), "json": f.as_json(), "band": f.band,
                     "band_label": band_label(fw, f.band, lang), "borderline": f.borderline})
    return rows


def figure_columns() -> list[Column]:
    return [
        Column("question", lambda: _tr("Key question"), lambda r: r["text"]),
        Column("cases", lambda: _tr("Sufficient / applicable"),
               lambda r: _tr("On evidence") if r["json"]["sufficient"] is None else
               f"{r['json']['sufficient']} / {r['json']['applicable']}", True,
               tip=lambda r: r["json"].get("summary") or ""),
        Column("percent", lambda: _tr("Percent"), lambda r: percent(r["json"]["percent"]), True),
        Column("interval", lambda: _tr("95% interval"), lambda r: interval(r["json"]["ci_low"], r["json"]["ci_high"]), True),
        Column("band", lambda: _tr("Band"), lambda r: r["band_label"]),
        Column("borderline", lambda: _tr("Borderline"), lambda r: _tr("◆ Borderline") if r["borderline"] else "",
               tip=lambda r: _tr("The 95% interval crosses a band boundary: more cases could change the band.")
               if r["borderline"] else ""),
    ]


def standard_heading(fw: Framework, ratings: Ratings, index: int, lang: str) -> str:
    """The standard's heading: its title, rating and score, with a professional-judgement
    override shown beside the computed rating."""
    s = ratings.standards[index]
    title = fw_standard_title(fw, s.id, lang) or s.label
    if s.percent is not None:
        return fmt(_tr("%1: %2"), title, percent(s.percent))
    if s.effective_rating is None:
        return fmt(_tr("%1: no rating"), title)
    text = fmt(_tr("%1: %2 (score %3)"), title, band_label(fw, s.effective_rating, lang),
               "–" if s.score is None else s.score)
    if s.override:
        text += " — " + fmt(_tr("professional judgement; computed: %1"), band_label(fw, s.rating, lang))
    return text


def fw_standard_title(fw: Framework, standard_id: str, lang: str) -> str | None:
    for standard in fw.standards(case_based=None):
        if standard.id == standard_id:
            return standard.label(lang)
    return None


def overall_text(fw: Framework, ratings: Ratings, lang: str) -> str:
    if ratings.overall_rating is None:
        return _tr("Overall: no rating")
    return fmt(_tr("Overall: %1 (score %2)"), band_label(fw, ratings.overall_rating, lang), ratings.overall_score)
