"""Cluster bubbles with their counts, drawn from the atlas in a single call per layer.

A bubble's size grows with the log of its count; the count is set from per-character digit
sprites laid out with numpy, so a thousand clusters cost no more Python than one.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPen

from widgets.map_canvas.sprites import SpriteAtlas, fragments, label_font

_GLYPHS = "0123456789k+."
_FONT_PX = 11
R_MIN, R_MAX = 9, 20


def radius_for(count: np.ndarray) -> np.ndarray:
    """Bubble radius in whole pixels: 10 px for two, 20 px from ten thousand up (the pixels a
    bubble covers are most of what drawing clusters costs)."""
    c = np.maximum(np.asarray(count, dtype=np.float64), 2.0)
    return np.clip(np.round(R_MIN + 2.75 * np.log10(c)), R_MIN, R_MAX).astype(np.int64)


def count_text(count: int) -> str:
    if count < 1000:
        return str(count)
    if count < 10000:
        return f"{count / 1000:.1f}k".replace(".0k", "k")
    return f"{count // 1000}k"


class ClusterPainter:
    """Builds the fragment rows of bubbles and counts for one colour."""

    def __init__(self, atlas: SpriteAtlas, color: str):
        self.atlas = atlas
        self.color = color
        font = label_font(_FONT_PX, bold=True)
        fm = QFontMetricsF(font)
        self._advance = np.zeros(128)
        self._glyph_slot = np.zeros((128, 4))
        h = int(math.ceil(fm.height()))
        for ch in _GLYPHS:
            adv = fm.horizontalAdvance(ch)
            w = int(math.ceil(adv)) + 2

            def paint(p: QPainter, ch=ch, w=w, h=h, font=font):
                p.setFont(font)
                p.setPen(QColor("#ffffff"))
                p.drawText(QRectF(0, 0, w, h), Qt.AlignmentFlag.AlignCenter, ch)

            self._advance[ord(ch)] = adv
            self._glyph_slot[ord(ch)] = atlas.slot(("glyph", ch), w, h, paint)
        self._bubble_slot = np.zeros((R_MAX + 1, 4))
        for r in range(R_MIN, R_MAX + 1):
            side = 2 * r + 8

            def paint(p: QPainter, r=r, side=side):
                c = QColor(color)
                halo = QColor(c)
                halo.setAlpha(70)
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(QBrush(halo))
                p.drawEllipse(QPointF(side / 2, side / 2), r + 3, r + 3)
                c.setAlpha(235)
                p.setBrush(QBrush(c))
                p.setPen(QPen(QColor("#ffffff"), 1.8))
                p.drawEllipse(QPointF(side / 2, side / 2), r, r)

            self._bubble_slot[r] = atlas.slot(("bubble", color, r), side, side, paint)

    def rows(self, px: np.ndarray, py: np.ndarray, count: np.ndarray, opacity: float = 1.0) -> np.ndarray:
        """Fragment rows: every bubble first, then every digit on top."""
        if len(px) == 0:
            return np.empty((0, 10))
        bubbles = fragments(px, py, self._bubble_slot[radius_for(count)], opacity)
        texts = [count_text(int(c)) for c in count]
        lens = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        codes = np.frombuffer("".join(texts).encode("ascii"), dtype=np.uint8)
        adv = self._advance[codes]
        starts = np.concatenate(([0], np.cumsum(lens)[:-1]))
        width = np.add.reduceat(adv, starts)
        owner = np.repeat(np.arange(len(texts)), lens)
        before = np.cumsum(adv) - adv - np.repeat(np.cumsum(adv)[starts] - adv[starts], lens)
        gx = px[owner] - width[owner] / 2.0 + before + adv / 2.0
        gy = py[owner] + 0.5
        digits = fragments(gx, gy, self._glyph_slot[codes], opacity)
        return np.concatenate([bubbles, digits])
