"""A small Pillow rasteriser for the report charts: the PNG fall-back where reportlab's
renderPM has no backend (see charts.py).

It draws what ``charts.figures_chart`` uses: groups with translation and scaling,
rectangles, lines (solid or dashed) and strings (start, middle or end anchored) in the
report fonts. Anything else (rotation, paths, polygons) raises ValueError rather than
drawing something wrong.
"""

from __future__ import annotations

import io
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont
from reportlab.graphics.shapes import Group, Line, Rect, String

from . import style

_ANCHORS = {"start": "ls", "middle": "ms", "end": "rs"}


def _rgb(colour) -> tuple[int, int, int] | None:
    if colour is None:
        return None
    return tuple(round(255 * c) for c in (colour.red, colour.green, colour.blue))


def _compose(a, b):
    """Affine matrices as reportlab's 6-tuples: apply ``b`` then ``a``."""
    return (a[0] * b[0] + a[2] * b[1], a[1] * b[0] + a[3] * b[1], a[0] * b[2] + a[2] * b[3],
            a[1] * b[2] + a[3] * b[3], a[0] * b[4] + a[2] * b[5] + a[4], a[1] * b[4] + a[3] * b[5] + a[5])


@lru_cache(maxsize=32)
def _font(name: str, size: float):
    fonts = style.register_fonts()
    key = {fonts["bold"]: style.FONT_BOLD, fonts["italic"]: style.FONT_ITALIC}.get(name, style.FONT)
    path = style.font_path(key)
    if path is None:
        return ImageFont.load_default(size)
    return ImageFont.truetype(str(path), size)


class _Painter:
    def __init__(self, width: float, height: float, scale: float):
        self.scale, self.height = scale, height
        self.image = Image.new("RGB", (max(1, round(width * scale)), max(1, round(height * scale))), "white")
        self.draw = ImageDraw.Draw(self.image)

    def point(self, m, x: float, y: float) -> tuple[float, float]:
        px, py = m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]
        return px * self.scale, (self.height - py) * self.scale

    def shape(self, node, m) -> None:
        if isinstance(node, Group):
            t = tuple(getattr(node, "transform", (1, 0, 0, 1, 0, 0)))
            if t[1] or t[2]:
                raise ValueError("the Pillow chart renderer does not rotate or skew")
            inner = _compose(m, t)
            for child in node.contents:
                self.shape(child, inner)
        elif isinstance(node, Rect):
            (ax, ay), (bx, by) = self.point(m, node.x, node.y), self.point(m, node.x + node.width, node.y + node.height)
            box = (min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))
            stroke = _rgb(node.strokeColor)
            width = max(1, round((node.strokeWidth or 0) * self.scale)) if stroke else 0
            self.draw.rectangle(box, fill=_rgb(node.fillColor), outline=stroke, width=width)
        elif isinstance(node, Line):
            if node.strokeColor is None:
                return
            a, b = self.point(m, node.x1, node.y1), self.point(m, node.x2, node.y2)
            width = max(1, round(node.strokeWidth * self.scale))
            dash = getattr(node, "strokeDashArray", None)
            for seg in (_dashes(a, b, [d * self.scale for d in dash]) if dash else [(a, b)]):
                self.draw.line(seg, fill=_rgb(node.strokeColor), width=width)
        elif isinstance(node, String):
            x, y = self.point(m, node.x, node.y)
            font = _font(node.fontName, node.fontSize * self.scale)
            self.draw.text((x, y), node.text, fill=_rgb(node.fillColor), font=font,
                           anchor=_ANCHORS.get(node.textAnchor, "ls"))
        else:
            raise ValueError(f"the Pillow chart renderer cannot draw {type(node).__name__}")


def _dashes(a, b, pattern):
    (ax, ay), (bx, by) = a, b
    length = ((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5
    if length == 0 or not any(pattern):
        return [(a, b)]
    out, pos, i, on = [], 0.0, 0, True
    while pos < length:
        step = pattern[i % len(pattern)]
        end = min(length, pos + step)
        if on:
            out.append(((ax + (bx - ax) * pos / length, ay + (by - ay) * pos / length),
                        (ax + (bx - ax) * end / length, ay + (by - ay) * end / length)))
        pos, i, on = end, i + 1, not on
    return out


def render_png(drawing, dpi: int = 144) -> bytes:
    """The drawing as PNG bytes at ``dpi`` (72 is one pixel per point)."""
    painter = _Painter(drawing.width, drawing.height, dpi / 72)
    for node in drawing.contents:
        painter.shape(node, (1, 0, 0, 1, 0, 0))
    out = io.BytesIO()
    painter.image.save(out, format="PNG", dpi=(dpi, dpi))
    return out.getvalue()
