"""Fonts and colours shared by the PDF, the charts and the HTML.

Fonts: the standard PDF fonts (Helvetica) cannot show Welsh ŵ and ŷ, so reports embed
DejaVu Sans (shipped in ``fonts/``, Bitstream Vera licence; see LICENSE-DejaVu.txt).
If those files are missing (a packaging mistake), the system's DejaVu Sans or Arial is
used, and only as a last resort Helvetica, which drops ŵ and ŷ.

Band colours: ranked by the band's score (best first: dark green, light green, amber,
dark red), whatever the framework calls its bands. Each fill gets black or white text,
whichever contrasts more; every pair reaches the WCAG AA ratio of 4.5:1 (tested).
Colour is never the only carrier: the band's label is always written in the cell.
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache
from pathlib import Path

FONT = "HmipSans"
FONT_BOLD = "HmipSans-Bold"
FONT_ITALIC = "HmipSans-Italic"
#: The font-family list written into SVG and HTML (the embedded font is only in the PDF).
CSS_FONTS = "'DejaVu Sans', Verdana, Arial, sans-serif"

FONT_DIR = Path(__file__).parent / "fonts"
_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf", FONT_ITALIC: "DejaVuSans-Oblique.ttf"}
_SYSTEM = {
    FONT: ("DejaVuSans.ttf", "arial.ttf"),
    FONT_BOLD: ("DejaVuSans-Bold.ttf", "arialbd.ttf"),
    FONT_ITALIC: ("DejaVuSans-Oblique.ttf", "ariali.ttf"),
}
_SYSTEM_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/Library/Fonts",
                os.path.join(os.environ.get("WINDIR", r"C:\Windows"), "Fonts"))

# Palette by rank, best band first.
PALETTE = ("#1E6B3A", "#9CD38F", "#F6B94A", "#A4282A")
INK = "#1A1A1A"
MUTED = "#595959"
RULE = "#B1B4B6"
HEADER_FILL = "#E8EDF2"
#: Bars: light enough for the black interval lines on them to read (contrast > 4.5:1).
BAR = "#6E93C2"
ACCENT = "#1F3F6B"


def font_path(name: str) -> Path | None:
    """The TrueType file for one of the report fonts, or None (use Helvetica)."""
    shipped = FONT_DIR / _FILES[name]
    if shipped.is_file():
        return shipped
    for folder in _SYSTEM_DIRS:
        for file in _SYSTEM[name]:
            candidate = Path(folder) / file
            if candidate.is_file():
                return candidate
    return None


@lru_cache(maxsize=1)
def register_fonts() -> dict[str, str]:
    """Register the report fonts with reportlab once per process; returns the names to
    use for regular, bold and italic text (Helvetica's if no TrueType font is found)."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    paths = {name: font_path(name) for name in _FILES}
    if not all(paths.values()):
        print("hmip: warning: DejaVu Sans not found; Welsh ŵ and ŷ will not show in reports", file=sys.stderr)
        return {"regular": "Helvetica", "bold": "Helvetica-Bold", "italic": "Helvetica-Oblique"}
    for name, path in paths.items():
        pdfmetrics.registerFont(TTFont(name, str(path)))
    for bold, italic, name in ((0, 0, FONT), (1, 0, FONT_BOLD), (0, 1, FONT_ITALIC), (1, 1, FONT_BOLD)):
        addMapping(FONT, bold, italic, name)
    return {"regular": FONT, "bold": FONT_BOLD, "italic": FONT_ITALIC}


# -- colours -------------------------------------------------------------------------------


def _channel(c: float) -> float:
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(hex_colour: str) -> float:
    """WCAG relative luminance of '#RRGGBB'."""
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio between two colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_on(fill: str) -> str:
    """Black or white, whichever reads better on ``fill``."""
    return "#000000" if contrast(fill, "#000000") >= contrast(fill, "#FFFFFF") else "#FFFFFF"


def tint(hex_colour: str, amount: float) -> str:
    """``hex_colour`` mixed with white (amount 0: unchanged, 1: white)."""
    h = hex_colour.lstrip("#")
    parts = [int(h[i:i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(p + (255 - p) * amount):02X}" for p in parts)


def band_colours(bands) -> dict[str, tuple[str, str]]:
    """Band id → (fill, text) for bands (anything with ``id`` and ``score``), best score first."""
    ranked = sorted(bands, key=lambda b: -b.score)
    n = len(ranked)
    out = {}
    for i, band in enumerate(ranked):
        index = 0 if n == 1 else round(i * (len(PALETTE) - 1) / (n - 1))
        fill = PALETTE[index]
        out[band.id] = (fill, text_on(fill))
    return out


def overall_colours(fw) -> dict[str, tuple[str, str]]:
    """Colours for the overall bands: as the key question band of the same id where there
    is one, else ranked by their score ranges."""
    base = band_colours(fw.rating.bands)
    ranked = sorted(fw.rating.overall.bands, key=lambda b: -(b.max_score if b.up_to is None else b.fraction()))
    out = {}
    for i, band in enumerate(ranked):
        if band.id in base:
            out[band.id] = base[band.id]
        else:
            n = len(ranked)
            fill = PALETTE[0 if n == 1 else round(i * (len(PALETTE) - 1) / (n - 1))]
            out[band.id] = (fill, text_on(fill))
    return out
