"""The heatmap's legend: the colour ramp as a bar over a checkerboard (so transparency shows) with
the densities its ends and quarters stand for. Small enough to sit on the map in a corner."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QLinearGradient, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from gis.heatmap import DEFAULT_RAMP, ColorRamp


def _number(v: float) -> str:
    if v == 0:
        return "0"
    if v >= 100:
        return f"{v:,.0f}"
    return f"{v:.2g}" if v < 1 else f"{v:.1f}".rstrip("0").rstrip(".")


class HeatmapLegend(QWidget):
    BAR_H = 12

    def __init__(self, parent: QWidget | None = None, ramp: ColorRamp = DEFAULT_RAMP):
        super().__init__(parent)
        self.setObjectName("HeatmapLegend")
        self._ramp = ramp
        self._peak: float | None = None
        self._title = ""
        self._unit = ""
        self._note = ""
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, False)

    def set_ramp(self, ramp: ColorRamp) -> None:
        self._ramp = ramp
        self.update()

    def set_scale(self, peak: float | None, title: str, unit: str = "", note: str = "") -> None:
        """``peak``: what the top of the ramp stands for (None while unknown)."""
        self._peak, self._title, self._unit, self._note = peak, title, unit, note
        self.updateGeometry()
        self.update()

    @property
    def labels(self) -> list[str]:
        """The figures under the bar, low to high."""
        if not self._peak:
            return ["0"]
        return [_number(f * self._peak) for f in (0, 0.25, 0.5, 0.75, 1.0)]

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        lines = 2 + (1 if self._note else 0)
        return QSize(300, self.BAR_H + lines * fm.height() + 14)

    def minimumSizeHint(self) -> QSize:
        return QSize(160, self.sizeHint().height())

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        bg = QColor(pal.window().color())
        bg.setAlpha(225)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(bg)
        p.drawRoundedRect(QRectF(self.rect()), 6, 6)
        fm = self.fontMetrics()
        x0, w = 10.0, self.width() - 20.0
        y = 6.0
        title = self._title + (f" ({self._unit})" if self._unit else "")
        bold = QFont(self.font())
        bold.setBold(True)
        p.setFont(bold)
        p.setPen(pal.windowText().color())
        p.drawText(QRectF(x0, y, w, fm.height()), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                   fm.elidedText(title, Qt.TextElideMode.ElideRight, int(w)))
        p.setFont(self.font())
        y += fm.height() + 2
        bar = QRectF(x0, y, w, self.BAR_H)
        # checkerboard under the ramp so its transparent low end reads as "nothing"
        cell = self.BAR_H / 2
        light, dark = QColor("#ffffff"), QColor("#cfd6dd")
        i = 0
        xx = bar.left()
        while xx < bar.right():
            cw = min(cell, bar.right() - xx)
            p.fillRect(QRectF(xx, bar.top(), cw, cell), light if i % 2 == 0 else dark)
            p.fillRect(QRectF(xx, bar.top() + cell, cw, cell), dark if i % 2 == 0 else light)
            xx += cell
            i += 1
        grad = QLinearGradient(bar.topLeft(), bar.topRight())
        for pos, rgba in self._ramp.stops:
            grad.setColorAt(pos, QColor(*rgba))
        p.fillRect(bar, QBrush(grad))
        p.setPen(QPen(pal.mid().color(), 1))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(bar)
        y = bar.bottom() + 2
        labels = self.labels
        p.setPen(pal.windowText().color())
        for k, text in enumerate(labels):
            if not text:
                continue
            fx = x0 + w * k / max(1, len(labels) - 1) if len(labels) > 1 else x0
            tw = fm.horizontalAdvance(text)
            lx = min(max(x0, fx - tw / 2), x0 + w - tw)
            p.drawText(QRectF(lx, y, tw + 2, fm.height()), Qt.AlignmentFlag.AlignLeft, text)
        if self._note:
            y += fm.height()
            p.drawText(QRectF(x0, y, w, fm.height()), Qt.AlignmentFlag.AlignLeft,
                       fm.elidedText(self._note, Qt.TextElideMode.ElideRight, int(w)))
        p.end()
