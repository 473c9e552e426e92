"""Labels without clutter: greedy placement on screen boxes, in priority order.

Candidates arrive most important first (district names, then highlighted points, then the rest);
each is kept only if its box overlaps no box already kept. Kept boxes are bucketed on a coarse
screen grid, so each test looks at a handful of neighbours, not at every label placed so far.
Label images (text plus halo) are rendered once and reused from a bounded cache.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QTextLayout

from gis.tiles.cache import LruCache
from widgets.map_canvas.sprites import label_font
from widgets.map_canvas.themes import Palette

_BUCKET = 64
_HALO = 1  # pixels of outline around label text
MAX_CANDIDATES = 500


def place_labels(boxes: np.ndarray, gap: float = 2.0, fixed: int = 0) -> np.ndarray:
    """Greedy collision avoidance. ``boxes`` rows are (x0, y0, x1, y1) in priority order;
    returns a mask of the boxes kept, no two of which overlap (closer than ``gap`` pixels).
    The first ``fixed`` boxes are obstacles (cluster bubbles): always kept, never moved."""
    boxes = np.asarray(boxes, dtype=np.float64).reshape(-1, 4)
    keep = np.zeros(len(boxes), dtype=bool)
    grid: dict[tuple[int, int], list[int]] = {}
    b = boxes.tolist()
    for i, (x0, y0, x1, y1) in enumerate(b):
        x0 -= gap
        y0 -= gap
        x1 += gap
        y1 += gap
        cells = [(cx, cy) for cx in range(int(x0 // _BUCKET), int(x1 // _BUCKET) + 1)
                 for cy in range(int(y0 // _BUCKET), int(y1 // _BUCKET) + 1)]
        clash = False
        for c in cells if i >= fixed else ():
            for j in grid.get(c, ()):
                u0, v0, u1, v1 = b[j]
                if x0 < u1 and u0 < x1 and y0 < v1 and v0 < y1:
                    clash = True
                    break
            if clash:
                break
        if clash:
            continue
        keep[i] = True
        for c in cells:
            grid.setdefault(c, []).append(i)
    return keep


@dataclass(frozen=True)
class LabelStyle:
    pixel_size: int = 12
    bold: bool = False
    role: str = "poi"  # "poi" (beside a symbol) or "area" (centred: district and zone names)


POI = LabelStyle()
AREA = LabelStyle(pixel_size=15, bold=True, role="area")


@dataclass
class LabelBatch:
    """Label candidates of one layer, most important first. px/py: symbol centre or area centre."""

    px: np.ndarray
    py: np.ndarray
    texts: Sequence[str]
    style: LabelStyle = POI
    offset: float = 8.0  # pixels from the symbol centre to the label's left edge (POI labels)


class LabelRenderer:
    """Label images cached by text and style; at most ``new_per_frame`` new ones are rendered per
    frame, so a zoom that reveals hundreds of names spreads the work over a few frames."""

    def __init__(self, max_sprites: int = 4000, new_per_frame: int = 16):
        self._cache = LruCache(max_sprites)
        self.new_per_frame = new_per_frame
        self.incomplete = False  # the last draw left labels out for lack of budget
        self.last_boxes = np.empty((0, 4))  # screen boxes of the labels drawn last

    def sprite(self, text: str, style: LabelStyle, pal: Palette) -> QImage:
        key = (text, style, pal.name)
        img = self._cache.get(key)
        if img is None:
            img = self._render(text, style, pal)
            self._cache.put(key, img)
        return img

    @staticmethod
    def _render(text: str, style: LabelStyle, pal: Palette) -> QImage:
        """Text with a one-pixel halo: shaped once (QTextLayout), the halo made by stamping the
        text's image around itself; about half the cost of nine ``drawText`` calls."""
        layout = QTextLayout(text, label_font(style.pixel_size, style.bold))
        layout.beginLayout()
        line = layout.createLine()
        layout.endLayout()
        runs = layout.glyphRuns()
        w = int(math.ceil(line.naturalTextWidth())) + 2 * _HALO + 2
        h = int(math.ceil(line.height())) + 2 * _HALO
        origin = QPointF(_HALO + 1, _HALO)
        halo = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
        halo.fill(Qt.GlobalColor.transparent)
        p = QPainter(halo)
        p.setPen(QColor(pal.label_halo))
        for run in runs:
            p.drawGlyphRun(origin, run)
        p.end()
        img = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
        img.fill(Qt.GlobalColor.transparent)
        p = QPainter(img)
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                if dx or dy:
                    p.drawImage(dx, dy, halo)
        p.setPen(QColor(pal.district_label if style.role == "area" else pal.label_text))
        for run in runs:
            p.drawGlyphRun(origin, run)
        p.end()
        return img

    def draw(self, p: QPainter, batches: Sequence[LabelBatch], pal: Palette, width: int, height: int,
             obstacles: np.ndarray | None = None) -> int:
        """Place and draw the batches' labels clear of ``obstacles`` (x0, y0, x1, y1 rows);
        returns how many were drawn. ``incomplete`` tells whether another frame would add more."""
        images, xs, ys = [], [], []
        budget = self.new_per_frame
        self.incomplete = False
        for batch in batches:
            for x, y, text in zip(batch.px.tolist(), batch.py.tolist(), batch.texts, strict=True):
                if not text or len(images) >= MAX_CANDIDATES:
                    continue
                img = self._cache.get((text, batch.style, pal.name))
                if img is None:
                    if budget <= 0:
                        self.incomplete = True
                        continue
                    budget -= 1
                    img = self.sprite(text, batch.style, pal)
                if batch.style.role == "area":
                    x0, y0 = x - img.width() / 2.0, y - img.height() / 2.0
                else:
                    x0, y0 = x + batch.offset - _HALO, y - img.height() / 2.0
                if x0 + img.width() < 0 or y0 + img.height() < 0 or x0 > width or y0 > height:
                    continue
                images.append(img)
                xs.append(round(x0))
                ys.append(round(y0))
        if not images:
            self.last_boxes = np.empty((0, 4))
            return 0
        # the halo margin is not part of the collision box: labels may touch, never overlap
        boxes = np.array([(x + _HALO, y + _HALO, x + im.width() - _HALO, y + im.height() - _HALO)
                          for x, y, im in zip(xs, ys, images, strict=True)])
        fixed = np.empty((0, 4)) if obstacles is None else np.asarray(obstacles, dtype=np.float64).reshape(-1, 4)
        keep = place_labels(np.concatenate([fixed, boxes]), fixed=len(fixed))[len(fixed):]
        self.last_boxes = boxes[keep]
        for i in np.flatnonzero(keep).tolist():
            p.drawImage(xs[i], ys[i], images[i])
        return int(keep.sum())
