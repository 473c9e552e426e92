"""Point symbols as sprites in one atlas image, drawn many at a time.

Drawing a marker per QPainter call costs a few microseconds of Python each; instead every
symbol, cluster bubble and digit is painted once into an atlas, and a whole layer is drawn with
one ``drawPixmapFragments`` call fed straight from a numpy array (each row is one Qt
``PixmapFragment``: centre x, y, source left, top, width, height, scale x, y, rotation, opacity).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable
from dataclasses import dataclass

import numpy as np
import shiboken6
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

SHAPES = ("circle", "square", "triangle", "diamond", "star", "camera", "cross")


@dataclass(frozen=True)
class Symbol:
    """How one category of points looks. ``halo`` draws a ring around it to make it stand out."""

    shape: str = "circle"
    size: float = 10.0  # pixels across
    fill: str = "#3b82f6"
    stroke: str = "#ffffff"
    stroke_width: float = 1.5
    label: str = ""  # legend text
    halo: str | None = None
    z: int = 0  # higher draws on top

    def __post_init__(self):
        if self.shape not in SHAPES:
            raise ValueError(f"unknown symbol shape {self.shape!r}; use one of {', '.join(SHAPES)}")
        if not (1.0 <= self.size <= 96.0):
            raise ValueError(f"symbol size {self.size} px is outside 1–96")
        for c in (self.fill, self.stroke, self.halo):
            if c is not None and not QColor.isValidColorName(c):
                raise ValueError(f"{c!r} is not a colour")

    @property
    def extent_px(self) -> int:
        """Side of the square sprite, with room for the outline and the halo."""
        return int(math.ceil(self.size + 2 * self.stroke_width + (6 if self.halo else 0) + 2))


def _star(r_out: float, r_in: float) -> QPolygonF:
    pts = []
    for i in range(10):
        r = r_out if i % 2 == 0 else r_in
        a = -math.pi / 2 + i * math.pi / 5
        pts.append(QPointF(r * math.cos(a), r * math.sin(a)))
    return QPolygonF(pts)


def symbol_path(shape: str, size: float) -> QPainterPath:
    """The outline of a shape centred on the origin, ``size`` pixels across."""
    r = size / 2.0
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.WindingFill)  # overlapping parts (cross, pin) fill as one shape
    if shape == "circle":
        path.addEllipse(QPointF(0, 0), r, r)
    elif shape == "square":
        path.addRect(QRectF(-r * 0.9, -r * 0.9, 1.8 * r, 1.8 * r))
    elif shape == "triangle":
        path.addPolygon(QPolygonF([QPointF(0, -r), QPointF(r * 0.95, r * 0.75), QPointF(-r * 0.95, r * 0.75)]))
        path.closeSubpath()
    elif shape == "diamond":
        path.addPolygon(QPolygonF([QPointF(0, -r), QPointF(r, 0), QPointF(0, r), QPointF(-r, 0)]))
        path.closeSubpath()
    elif shape == "star":
        path.addPolygon(_star(r, r * 0.45))
        path.closeSubpath()
    elif shape == "camera":
        path.addRoundedRect(QRectF(-r, -r * 0.6, r * 1.45, r * 1.2), r * 0.2, r * 0.2)
        path.addPolygon(QPolygonF([QPointF(r * 0.45, -r * 0.1), QPointF(r, -r * 0.5), QPointF(r, r * 0.5),
                                   QPointF(r * 0.45, r * 0.1)]))
        path.closeSubpath()
        path = path.simplified()
    elif shape == "cross":
        t = r * 0.36
        path.addRect(QRectF(-t, -r, 2 * t, 2 * r))
        path.addRect(QRectF(-r, -t, 2 * r, 2 * t))
        path = path.simplified()
    return path


def paint_symbol(p: QPainter, sym: Symbol, cx: float, cy: float) -> None:
    p.save()
    p.translate(cx, cy)
    if sym.halo:
        c = QColor(sym.halo)
        p.setPen(QPen(c, 2.0))
        c.setAlpha(70)
        p.setBrush(QBrush(c))
        p.drawEllipse(QPointF(0, 0), sym.size / 2 + 3.5, sym.size / 2 + 3.5)
    p.setPen(QPen(QColor(sym.stroke), sym.stroke_width) if sym.stroke_width > 0 else Qt.PenStyle.NoPen)
    p.setBrush(QBrush(QColor(sym.fill)))
    p.drawPath(symbol_path(sym.shape, sym.size))
    p.restore()


def symbol_icon(sym: Symbol, side: int = 18) -> QPixmap:
    """A legend swatch."""
    img = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    scale = min(1.0, (side - 2) / sym.extent_px)
    p.translate(side / 2, side / 2)
    p.scale(scale, scale)
    paint_symbol(p, sym, 0, 0)
    p.end()
    return QPixmap.fromImage(img)


class SpriteAtlas:
    """Sprites packed on shelves in one image; a sprite is painted the first time it is asked for."""

    def __init__(self, width: int = 1024, pad: int = 1):
        self._w = width
        self._pad = pad
        self._img = QImage(width, 128, QImage.Format.Format_ARGB32_Premultiplied)
        self._img.fill(Qt.GlobalColor.transparent)
        self._slots: dict[Hashable, tuple[int, int, int, int]] = {}
        self._x = self._y = self._shelf = 0
        self._pixmap: QPixmap | None = None

    def __contains__(self, key: Hashable) -> bool:
        return key in self._slots

    def slot(self, key: Hashable, w: int, h: int, paint: Callable[[QPainter], None]) -> tuple[int, int, int, int]:
        """(left, top, width, height) of the sprite; ``paint`` draws it into a w×h box at (0, 0)."""
        s = self._slots.get(key)
        if s is not None:
            return s
        w, h = max(1, int(w)), max(1, int(h))
        if self._x + w + self._pad > self._w:
            self._x, self._y, self._shelf = 0, self._y + self._shelf + self._pad, 0
        if self._y + h + self._pad > self._img.height():
            grown = QImage(self._w, max(self._img.height() * 2, self._y + h + self._pad),
                           QImage.Format.Format_ARGB32_Premultiplied)
            grown.fill(Qt.GlobalColor.transparent)
            gp = QPainter(grown)
            gp.drawImage(0, 0, self._img)
            gp.end()
            self._img = grown
        x, y = self._x, self._y
        p = QPainter(self._img)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        p.setClipRect(x, y, w, h)
        p.translate(x, y)
        paint(p)
        p.end()
        self._x += w + self._pad
        self._shelf = max(self._shelf, h)
        self._slots[key] = (x, y, w, h)
        self._pixmap = None
        return self._slots[key]

    def pixmap(self) -> QPixmap:
        if self._pixmap is None:
            self._pixmap = QPixmap.fromImage(self._img)
        return self._pixmap


def fragments(cx, cy, slots: np.ndarray, opacity: float = 1.0) -> np.ndarray:
    """Fragment rows for sprites centred on (cx, cy); ``slots`` rows are (left, top, w, h).

    Centres are snapped so each sprite's top-left lands on a whole pixel: sprites stay crisp.
    """
    n = len(cx)
    out = np.empty((n, 10), dtype=np.float64)
    w, h = slots[:, 2], slots[:, 3]
    out[:, 0] = np.floor(np.asarray(cx) - w / 2.0 + 0.5) + w / 2.0
    out[:, 1] = np.floor(np.asarray(cy) - h / 2.0 + 0.5) + h / 2.0
    out[:, 2:6] = slots
    out[:, 6] = 1.0
    out[:, 7] = 1.0
    out[:, 8] = 0.0
    out[:, 9] = opacity
    return out


def draw_fragments(p: QPainter, pixmap: QPixmap, rows: np.ndarray) -> None:
    """One native call for all rows (the array must stay alive for the call, which it does)."""
    if len(rows) == 0:
        return
    rows = np.ascontiguousarray(rows, dtype=np.float64)
    first = shiboken6.wrapInstance(rows.ctypes.data, QPainter.PixmapFragment)
    p.drawPixmapFragments(first, len(rows), pixmap)


def label_font(pixel_size: int = 12, bold: bool = False) -> QFont:
    """Map text: a CJK sans font at a fixed pixel size, so labels look the same on every screen."""
    f = QFont()
    f.setFamilies(["Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", "Sans Serif"])
    f.setPixelSize(pixel_size)
    f.setBold(bold)
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return f
