"""The scale bar: a round ground distance (1, 2 or 5 × 10ⁿ m) that fits in a given width.

Web Mercator pixels are ``1/cos(latitude)`` too long on the ground, so the ground size of a pixel
is taken at the view's centre latitude.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter

from gis.crs import mercator_to_lonlat
from widgets.map_canvas.labels import LabelRenderer, LabelStyle
from widgets.map_canvas.sprites import label_font
from widgets.map_canvas.themes import Palette
from widgets.map_canvas.view import MapView


def ground_resolution(view: MapView) -> float:
    """Metres on the ground per pixel at the view's centre."""
    _lon, lat = mercator_to_lonlat(view.cx, view.cy)
    return view.res * math.cos(math.radians(lat))


def nice_length(ground_res: float, max_px: float) -> tuple[float, float]:
    """(metres, pixels) of the longest 1/2/5 × 10ⁿ distance no wider than ``max_px``."""
    if ground_res <= 0 or max_px <= 0:
        raise ValueError("scale bar needs a positive resolution and width")
    limit = ground_res * max_px
    exp = math.floor(math.log10(limit))
    for m in (5, 2, 1):
        metres = m * 10.0**exp
        if metres <= limit:
            return metres, metres / ground_res
    metres = 10.0 ** (exp - 1) * 5
    return metres, metres / ground_res


SCALE_TEXT = LabelStyle(pixel_size=12, bold=True)


def format_distance(metres: float) -> str:
    if metres >= 1000:
        km = metres / 1000
        return f"{km:.0f} km" if km >= 10 or km == int(km) else f"{km:.1f} km"
    return f"{metres:.0f} m"


def paint_scale_bar(p: QPainter, view: MapView, pal: Palette, labels: LabelRenderer, x: float, y: float,
                    max_px: float = 120) -> None:
    """Bottom-left anchored at (x, y): a bar with end ticks and its length above it."""
    metres, px = nice_length(ground_resolution(view), max_px)
    text = labels.sprite(format_distance(metres), SCALE_TEXT, pal)
    x, y = round(x), round(y)
    w = round(px)
    halo, ink = QColor(pal.scale_halo), QColor(pal.scale_text)
    # the bar and its end ticks as rectangles: crisp and cheap
    for colour, grow in ((halo, 1), (ink, 0)):
        p.fillRect(QRectF(x - grow, y - 2 - grow, w + 2 * grow, 2 + 2 * grow), colour)
        p.fillRect(QRectF(x - grow, y - 8 - grow, 2 + 2 * grow, 8 + 2 * grow), colour)
        p.fillRect(QRectF(x + w - 2 - grow, y - 8 - grow, 2 + 2 * grow, 8 + 2 * grow), colour)
    p.drawImage(round(x + w / 2 - text.width() / 2), y - 10 - text.height(), text)


def paint_badge(p: QPainter, text: str, pal: Palette, right: float, top: float) -> None:
    """A small coloured box with text, anchored at its top-right corner (basemap problems)."""
    font = label_font(12, bold=True)
    fm = QFontMetricsF(font)
    w, h = fm.horizontalAdvance(text) + 16, fm.height() + 8
    rect = QRectF(right - w, top, w, h)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(pal.badge_bg))
    p.drawRoundedRect(rect, 4, 4)
    p.setFont(font)
    p.setPen(QColor(pal.badge_text))
    p.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
