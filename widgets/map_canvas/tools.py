"""Map tools: exactly one is active and receives the pointer; the canvas keeps wheel and keys.

* pan (default): drag pans, click selects (a cluster zooms in), Shift+drag zooms to a box,
  Ctrl+drag selects in a box;
* zoom_box, select_box: drag a box;
* measure_distance, measure_area: click vertices, double-click / Enter / right-click finishes,
  Backspace undoes a vertex, Esc cancels. A short drag still pans while measuring.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QMouseEvent, QPainter, QPen, QPolygonF

from gis.geometry_tools import path_length_m, polygon_area_m2

if TYPE_CHECKING:
    from widgets.map_canvas.canvas import MapCanvas

DRAG_THRESHOLD_PX = 4


def format_length(metres: float) -> str:
    return f"{metres / 1000:.3f} km" if metres >= 1000 else f"{metres:.1f} m"


def format_area(m2: float) -> str:
    if m2 >= 1e6:
        return f"{m2 / 1e6:.2f} km²"
    return f"{m2:,.0f} m²"


class MapTool:
    name = ""
    cursor = Qt.CursorShape.OpenHandCursor

    def __init__(self, canvas: MapCanvas):
        self.canvas = canvas

    def press(self, ev: QMouseEvent) -> None: ...
    def move(self, ev: QMouseEvent) -> bool:
        """Handle a move; False lets the canvas treat it as hover."""
        return False

    def release(self, ev: QMouseEvent) -> None: ...
    def double_click(self, ev: QMouseEvent) -> None: ...

    def key(self, ev: QKeyEvent) -> bool:
        return False

    def context_menu(self, pos: QPointF) -> bool:
        """True if the tool used the right click itself."""
        return False

    def paint(self, p: QPainter) -> None: ...
    def deactivate(self) -> None: ...


class _DragTool(MapTool):
    """Shared press/drag/click logic: a small movement is a click, a larger one a drag or a box."""

    box_mode: str | None = None  # "zoom" or "select" to drag boxes instead of panning

    def __init__(self, canvas):
        super().__init__(canvas)
        self._start: QPointF | None = None
        self._last: QPointF | None = None
        self._dragging = False
        self._mode = "pan"

    def press(self, ev: QMouseEvent) -> None:
        if ev.button() != Qt.MouseButton.LeftButton:
            return
        self._start = self._last = ev.position()
        self._dragging = False
        mods = ev.modifiers()
        if mods & Qt.KeyboardModifier.ShiftModifier:
            self._mode = "zoom"
        elif mods & Qt.KeyboardModifier.ControlModifier:
            self._mode = "select"
        else:
            self._mode = self.box_mode or "pan"

    def move(self, ev: QMouseEvent) -> bool:
        if self._start is None:
            return False
        pos = ev.position()
        if not self._dragging and (pos - self._start).manhattanLength() < DRAG_THRESHOLD_PX:
            return True
        self._dragging = True
        if self._mode == "pan":
            d = pos - self._last
            self.canvas.pan_by(d.x(), d.y())
            self.canvas.setCursor(Qt.CursorShape.ClosedHandCursor)
        else:
            self.canvas.update()
        self._last = pos
        return True

    def release(self, ev: QMouseEvent) -> None:
        if self._start is None or ev.button() != Qt.MouseButton.LeftButton:
            return
        start, self._start = self._start, None
        self.canvas.setCursor(self.cursor)
        if not self._dragging:
            self.clicked(ev.position())
            return
        rect = QRectF(start, ev.position()).normalized()
        if self._mode == "zoom":
            self.canvas.zoom_to_screen_rect(rect)
        elif self._mode == "select":
            self.canvas.select_in_screen_rect(rect)
        self.canvas.update()

    def clicked(self, pos: QPointF) -> None:
        self.canvas.click_at(pos)

    def key(self, ev: QKeyEvent) -> bool:
        if ev.key() == Qt.Key.Key_Escape and self._start is not None:
            self._start = None
            self.canvas.update()
            return True
        return False

    def paint(self, p: QPainter) -> None:
        if self._start is None or not self._dragging or self._mode == "pan":
            return
        pal = self.canvas.palette
        p.setPen(QPen(QColor(pal.overlay), 1.5, Qt.PenStyle.DashLine))
        p.setBrush(QBrush(QColor(pal.overlay_fill)))
        p.drawRect(QRectF(self._start, self._last).normalized())

    def deactivate(self) -> None:
        self._start = None


class PanTool(_DragTool):
    name = "pan"


class ZoomBoxTool(_DragTool):
    name = "zoom_box"
    box_mode = "zoom"
    cursor = Qt.CursorShape.CrossCursor

    def clicked(self, pos: QPointF) -> None:
        self.canvas.zoom_by(2.0, (pos.x(), pos.y()))


class SelectBoxTool(_DragTool):
    name = "select_box"
    box_mode = "select"
    cursor = Qt.CursorShape.CrossCursor


class MeasureTool(_DragTool):
    """Vertices are kept in display metres and converted to WGS-84 only to measure."""

    cursor = Qt.CursorShape.CrossCursor

    def __init__(self, canvas, kind: str):
        super().__init__(canvas)
        self.kind = kind
        self.name = f"measure_{kind}"
        self._pts: list[tuple[float, float]] = []
        self._hover: tuple[float, float] | None = None
        self._done = False

    def clicked(self, pos: QPointF) -> None:
        if self._done:
            self._pts, self._done = [], False
        self._pts.append(self.canvas.view.point_to_map(pos.x(), pos.y()))
        self.canvas.update()

    def move(self, ev: QMouseEvent) -> bool:
        handled = super().move(ev)
        if not self._done:
            self._hover = self.canvas.view.point_to_map(ev.position().x(), ev.position().y())
            self.canvas.update()
        return handled

    def double_click(self, ev: QMouseEvent) -> None:
        self.finish()

    def key(self, ev: QKeyEvent) -> bool:
        k = ev.key()
        if k in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.finish()
        elif k == Qt.Key.Key_Backspace and self._pts and not self._done:
            self._pts.pop()
        elif k == Qt.Key.Key_Escape and self._pts:
            self._pts, self._done = [], False
        else:
            return super().key(ev)
        self.canvas.update()
        return True

    def context_menu(self, pos: QPointF) -> bool:
        if self._pts and not self._done:
            self.finish()
            return True
        return False

    def value(self, pts: list[tuple[float, float]]) -> float | None:
        """Metres or square metres on the ellipsoid, or None while too few vertices."""
        need = 2 if self.kind == "distance" else 3
        if len(pts) < need:
            return None
        x, y = np.array(pts).T
        lon, lat = self.canvas.to_wgs84(x, y)
        if self.kind == "distance":
            return path_length_m(lon, lat)
        return polygon_area_m2(lon, lat)[0]

    def finish(self) -> None:
        # a double click also delivered two clicks at the same spot: drop the repeats
        pts = [p for i, p in enumerate(self._pts) if i == 0 or p != self._pts[i - 1]]
        value = self.value(pts)
        if value is None:
            return
        self._pts, self._done = pts, True
        x, y = np.array(pts).T
        lon, lat = self.canvas.to_wgs84(x, y)
        self.canvas.measured.emit(self.kind, value, list(zip(np.atleast_1d(lon).tolist(),
                                                             np.atleast_1d(lat).tolist(), strict=True)))
        self.canvas.update()

    def paint(self, p: QPainter) -> None:
        super().paint(p)
        pts = list(self._pts)
        if not pts:
            return
        if not self._done and self._hover is not None:
            pts.append(self._hover)
        view = self.canvas.view
        sx, sy = view.to_screen(*np.array(pts).T)
        poly = QPolygonF([QPointF(a, b) for a, b in zip(np.atleast_1d(sx), np.atleast_1d(sy), strict=True)])
        pal = self.canvas.palette
        p.setPen(QPen(QColor(pal.overlay), 2.5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                      Qt.PenJoinStyle.RoundJoin))
        if self.kind == "area" and len(pts) >= 3:
            p.setBrush(QBrush(QColor(pal.overlay_fill)))
            p.drawPolygon(poly)
        else:
            p.drawPolyline(poly)
        p.setBrush(QBrush(QColor("#ffffff")))
        p.setPen(QPen(QColor(pal.overlay), 2.0))
        for pt in poly:
            p.drawEllipse(pt, 4.0, 4.0)
        value = self.value(pts)
        if value is not None:
            text = format_length(value) if self.kind == "distance" else format_area(value)
            if not self._done:
                hint = QCoreApplication.translate("MapCanvas", "double-click to finish")
                text = f"{text}  ({hint})"
            self.canvas.paint_note(p, text, poly[len(poly) - 1] + QPointF(12, -12))

    def deactivate(self) -> None:
        super().deactivate()
        self._pts, self._hover, self._done = [], None, False


def make_tool(canvas: MapCanvas, name: str) -> MapTool:
    if name == "pan":
        return PanTool(canvas)
    if name == "zoom_box":
        return ZoomBoxTool(canvas)
    if name == "select_box":
        return SelectBoxTool(canvas)
    if name in ("measure_distance", "measure_area"):
        return MeasureTool(canvas, name.split("_", 1)[1])
    raise ValueError(f"unknown map tool {name!r}; use pan, zoom_box, select_box, measure_distance or measure_area")


TOOL_NAMES = ("pan", "zoom_box", "select_box", "measure_distance", "measure_area")
