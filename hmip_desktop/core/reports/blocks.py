"""A small document model shared by the PDF and HTML renderers.

A report is first written as a list of blocks (headings, paragraphs, tables, charts),
in one language, from the gathered data; ``pdf_base`` turns blocks into reportlab
flowables and ``html_report`` into accessible HTML. So both outputs say the same
thing, and the tests can check one through the other.

All text is plain text (the renderers escape it); a newline inside a table cell is a
line break.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Title:
    text: str
    subtitle: str = ""


@dataclass(frozen=True)
class Heading:
    """A heading: level 1 (section) or 2 (sub-section); ``key`` anchors it (TOC, links)."""

    level: int
    text: str
    key: str


@dataclass(frozen=True)
class Para:
    text: str
    #: "body", "note" (smaller, muted) or "lead" (larger, for a cover)
    style: str = "body"


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Cell:
    """A table cell; ``fill``/``ink``: background and text colours ('#RRGGBB') for a band."""

    text: str
    fill: str | None = None
    ink: str | None = None
    bold: bool = False


@dataclass(frozen=True)
class Table:
    """A data table. ``header``: the column headings (None for a two-column list whose
    first column heads each row). ``widths``: relative column widths. ``numeric``: the
    column indexes to right-align. The first column always heads its row."""

    caption: str
    header: tuple[str, ...] | None
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[float, ...]
    numeric: frozenset[int] = field(default_factory=frozenset)
    font_size: float = 8.5


@dataclass(frozen=True)
class Chart:
    """A reportlab Drawing with its caption and its one text alternative (shown under
    the chart in both the PDF and the HTML). ``narrow``: a function of no arguments that
    draws the same chart for a narrow screen (charts.stacked_chart), which the HTML shows
    instead below 48em; called only by the HTML renderer (the PDF has no use for it)."""

    drawing: object
    caption: str
    alt: str
    narrow: Callable[[], object] | None = None


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Contents:
    """The table of contents (the PDF's; the HTML lists the level-1 headings)."""

    title: str


def cells(*texts: str | Cell) -> tuple[Cell, ...]:
    """A row of cells from strings or cells."""
    return tuple(t if isinstance(t, Cell) else Cell(t) for t in texts)


def headings(blocks: list) -> list[Heading]:
    return [b for b in blocks if isinstance(b, Heading)]
