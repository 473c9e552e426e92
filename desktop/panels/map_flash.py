"""A brief highlight of a place on the map: rings that pulse out from it for a few seconds.

Drawn by a transparent child widget over the canvas, so a flash never redraws the city (and is
no layer the layer tree would list); it follows the view while it lasts.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

FLASH_S = 3.0
PULSE_S = 1.0
MAX_RADIUS_PX = 46.0


class FlashOverlay(QWidget):
    def __init__(self, canvas):
        super().__init__(canvas)
        self.canvas = canvas
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self._places: list[tuple[float, float, float]] = []  # lon, lat, started (monotonic)
        self._timer = QTimer(self, interval=33, timeout=self._tick)
        canvas.installEventFilter(self)
        self.resize(canvas.size())
        self.hide()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.canvas and event.type() == QEvent.Type.Resize:
            self.resize(self.canvas.size())
        return False

    def flash(self, lon: float, lat: float) -> None:
        self._places.append((float(lon), float(lat), time.monotonic()))
        self.show()
        self.raise_()
        self._timer.start()
        self.update()

    @property
    def active(self) -> int:
        return len(self._places)

    def _tick(self) -> None:
        now = time.monotonic()
        self._places = [p for p in self._places if now - p[2] < FLASH_S]
        if not self._places:
            self._timer.stop()
            self.hide()
        self.update()

    def paintEvent(self, event) -> None:
        if not self._places:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        view = self.canvas.view
        colour = QColor(self.canvas.palette.selection)
        now = time.monotonic()
        for lon, lat, started in self._places:
            x, y = self.canvas.from_wgs84(lon, lat)
            sx, sy = view.to_screen(x, y)
            centre = QPointF(float(sx), float(sy))
            age = now - started
            for k in range(2):
                phase = ((age + k * PULSE_S / 2) % PULSE_S) / PULSE_S
                colour.setAlphaF(max(0.0, 1.0 - phase))
                p.setPen(QPen(colour, 4.0))
                p.setBrush(Qt.BrushStyle.NoBrush)
                r = 8 + phase * MAX_RADIUS_PX
                p.drawEllipse(centre, r, r)
            colour.setAlphaF(1.0)
            p.setPen(QPen(QColor("#ffffff"), 2.0))
            p.setBrush(colour)
            p.drawEllipse(centre, 6.0, 6.0)
        p.end()
