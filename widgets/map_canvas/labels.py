"""Labels without clutter: greedy placement on screen boxes, in priority order.

Candidates arrive most important first (district names, then highlighted points, then the rest);
each is kept only if its box overlaps no box already kept and no obstacle (cluster bubbles).
Both tests are numpy broadcasts over at most a few hundred candidates per frame.
Label images (text plus halo) are rendered once and reused from a bounded cache.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QTextLayout

from gis.tiles.cache import LruCache
from widgets.map_canvas.sprites import label_font
from widgets.map_canvas.themes import Palette

_HALO = 1  # pixels of outline around label text
MAX_CANDIDATES = 300


def _hit_obstacles(boxes: np.ndarray, obstacles: np.ndarray, chunk: int = 256) -> np.ndarray:
    """Which boxes touch any obstacle (a few hundred of each per frame: one broadcast test)."""
    hit = np.zeros(len(boxes), dtype=bool)
    if len(obstacles) == 0:
        return hit
    o0, o1, o2, o3 = (obstacles[:, k][None, :] for k in range(4))
    for start in range(0, len(boxes), chunk):
        b = boxes[start:start + chunk]
        hit[start:start + chunk] = ((b[:, 0:1] < o2) & (o0 < b[:, 2:3]) & (b[:, 1:2] < o3) & (o1 < b[:, 3:4])).any(axis=1)
    return hit


def place_labels(boxes: np.ndarray, gap: float = 2.0, fixed: int = 0, exempt: np.ndarray | None = None) -> np.ndarray:
    """Greedy collision avoidance. ``boxes`` rows are (x0, y0, x1, y1) in priority order;
    returns a mask of the boxes kept, no two of which overlap (closer than ``gap`` pixels).
    The first ``fixed`` boxes are obstacles (cluster bubbles): always kept, never moved;
    candidates flagged in ``exempt`` may cover obstacles (but not each other)."""
    boxes = np.asarray(boxes, dtype=np.float64).reshape(-1, 4)
    keep = np.zeros(len(boxes), dtype=bool)
    keep[:fixed] = True
    cand = boxes[fixed:] + np.array([-gap, -gap, gap, gap]) / 2.0
    blocked = _hit_obstacles(cand, boxes[:fixed])
    if exempt is not None:
        blocked &= ~np.asarray(exempt, dtype=bool)
    # pairwise overlaps among the candidates, then one greedy pass in priority order
    x0, y0, x1, y1 = cand.T
    clash = (x0[:, None] < x1[None, :]) & (x0[None, :] < x1[:, None]) \
        & (y0[:, None] < y1[None, :]) & (y0[None, :] < y1[:, None])
    for i in range(len(cand)):
        if not blocked[i]:
            keep[fixed + i] = True
            blocked |= clash[i]
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
    widths: np.ndarray | None = None  # estimated widths (``estimated_widths``), if the layer keeps them


class LabelRenderer:
    """Label images cached by text and style. Each frame renders at most a budget of new ones,
    so a zoom that reveals hundreds of names spreads the work over a few frames; while the user
    is still moving the map the canvas gives a smaller budget and the rest settle in after."""

    def __init__(self, max_sprites: int = 4000):
        self._cache = LruCache(max_sprites)
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
             budget: int, obstacles: np.ndarray | None = None) -> int:
        """Place and draw the batches' labels; returns how many were drawn."""
        placed = self.layout(batches, pal, width, height, budget, obstacles)
        self.blit(p, placed)
        return len(placed)

    @staticmethod
    def blit(p: QPainter, placed: list[tuple[int, int, QImage]]) -> None:
        for x, y, img in placed:
            p.drawImage(x, y, img)

    def layout(self, batches: Sequence[LabelBatch], pal: Palette, width: int, height: int, budget: int,
               obstacles: np.ndarray | None = None) -> list[tuple[int, int, QImage]]:
        """Choose the labels to show, clear of ``obstacles`` (x0, y0, x1, y1 rows): a list of
        (left, top, image), rendering at most ``budget`` new label images. ``incomplete`` tells
        whether another frame would add more.

        Placement runs on estimated boxes that are never smaller than the rendered label, so
        images are made only for the labels that will be shown, and kept labels cannot overlap.
        """
        self.incomplete = False
        self.last_boxes = np.empty((0, 4))
        parts = []  # per batch: candidate boxes (estimated), anchors, texts, the batch
        for batch in batches:
            if len(batch.texts) == 0:
                continue
            size = batch.style.pixel_size
            w = batch.widths if batch.widths is not None else estimated_widths(batch.texts, size)
            h = float(_estimated_height(size))
            px, py = np.asarray(batch.px, dtype=np.float64), np.asarray(batch.py, dtype=np.float64)
            x0 = px - w / 2.0 if batch.style.role == "area" else px + batch.offset - _HALO
            y0 = py - h / 2.0
            ok = (x0 + w >= 0) & (y0 + h >= 0) & (x0 <= width) & (y0 <= height) & (w > 2 * _HALO + 3)
            idx = np.flatnonzero(ok)
            if len(idx):
                parts.append((np.column_stack([x0[idx], y0[idx], x0[idx] + w[idx], y0[idx] + h]),
                              px[idx], py[idx], idx, batch))
        if not parts:
            return []
        boxes_est = np.concatenate([b for b, *_ in parts])[:MAX_CANDIDATES]
        owners = [(k, j) for k, part in enumerate(parts) for j in range(len(part[3]))][:MAX_CANDIDATES]
        est = boxes_est + np.array([_HALO, _HALO, -_HALO, -_HALO])
        # area names (districts) orient the reader: they may sit over cluster bubbles
        exempt = np.array([parts[k][4].style.role == "area" for k, _ in owners])
        fixed = np.empty((0, 4)) if obstacles is None else np.asarray(obstacles, dtype=np.float64).reshape(-1, 4)
        keep = place_labels(np.concatenate([fixed, est]), fixed=len(fixed), exempt=exempt)[len(fixed):]
        placed, boxes = [], []
        for i in np.flatnonzero(keep).tolist():
            k, j = owners[i]
            _boxes, pxs, pys, idx, batch = parts[k]
            x, y, text = float(pxs[j]), float(pys[j]), batch.texts[int(idx[j])]
            img = self._cache.get((text, batch.style, pal.name))
            if img is None:
                if budget <= 0:
                    self.incomplete = True
                    continue
                budget -= 1
                img = self.sprite(text, batch.style, pal)
            if batch.style.role == "area":
                left, top = round(x - img.width() / 2.0), round(y - img.height() / 2.0)
            else:
                left, top = round(x + batch.offset - _HALO), round(y - img.height() / 2.0)
            placed.append((left, top, img))
            boxes.append((left + _HALO, top + _HALO, left + img.width() - _HALO, top + img.height() - _HALO))
        self.last_boxes = np.array(boxes).reshape(-1, 4)
        return placed


def estimated_widths(texts: Sequence[str], pixel_size: int) -> np.ndarray:
    """Upper bounds of the rendered widths of labels, in pixels (0 for empty ones)."""
    return np.fromiter((_estimated_width(t, pixel_size) if t else 0 for t in texts), dtype=np.float64,
                       count=len(texts))


@lru_cache(maxsize=50_000)
def _estimated_width(text: str, pixel_size: int) -> int:
    """No narrower than the rendered text: CJK (and full-width) characters take one em, wide
    Latin letters 0.95, other capitals 0.8 and the rest at most 0.7 em in the map fonts."""
    ems = sum(1.0 if ord(ch) >= 0x2E80 or ch == "·" else 0.95 if ch in _WIDE else 0.8 if ch.isupper() else 0.7
              for ch in text)
    return int(math.ceil(ems * pixel_size + 1)) + 2 * _HALO + 2


_WIDE = frozenset("MWmw@%&")


def _estimated_height(pixel_size: int) -> int:
    return int(math.ceil(pixel_size * 1.5)) + 2 * _HALO
