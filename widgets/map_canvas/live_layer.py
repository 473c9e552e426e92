"""A live point layer (vehicles): positions change every second without redrawing the map.

The canvas keeps the static map as an image and paints live layers over it each frame, so a
position update costs only this layer: heading arrows and short trails for every vehicle. Positions are kept in WGS-84 and shifted for display
only. Arrows (pre-rotated in 10° steps) and fading breadcrumb trails are sprites drawn with
one native call, so a thousand vehicles updating at 1 Hz cost a few milliseconds per second.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from widgets.map_canvas.datum import IdLookup, lonlat_arrays, to_display
from widgets.map_canvas.labels import LabelBatch
from widgets.map_canvas.layer import Hit, LegendEntry, MapLayer, RenderContext
from widgets.map_canvas.sprites import draw_fragments, fragments


@dataclass(frozen=True)
class LiveStyle:
    color: str
    label: str = ""  # legend text

    def __post_init__(self):
        if not QColor.isValidColorName(self.color):
            raise ValueError(f"{self.color!r} is not a colour")


# arrow outline, pointing north, in units of the symbol size: tip, right wing, notch, left wing
_ARROW = np.array([[0.0, -0.6], [0.45, 0.5], [0.0, 0.22], [-0.45, 0.5], [0.0, -0.6]])
_STEPS = 36  # headings are drawn in 10° steps


class LivePointLayer(MapLayer):
    live = True

    def __init__(self, layer_id: str, name: str, *, states: Mapping[int, LiveStyle] | None = None,
                 trail_length: int = 10, size: float = 16.0, label_min_zoom: float = 14.0, **kw):
        super().__init__(layer_id, name, **kw)
        if trail_length < 1:
            raise ValueError("a trail keeps at least the current position")
        self._states = dict(sorted((states or {0: LiveStyle("#f59e0b")}).items()))
        self._state_keys = np.fromiter(self._states, dtype=np.int64)
        self._slot_cache: dict[tuple, np.ndarray] = {}  # sprite positions in the canvas atlas
        self.trail_length = int(trail_length)
        self.size = float(size)
        self.label_min_zoom = label_min_zoom
        self.set_fleet(np.empty(0, dtype=np.int64))
        self._drawn = (np.empty(0, dtype=np.int64), np.empty(0), np.empty(0))

    def set_fleet(self, ids, labels: Sequence[str] | None = None) -> None:
        """The vehicles this layer shows; each appears with its first reported position."""
        ids = np.asarray(ids).ravel()
        lookup = IdLookup(ids)
        if labels is not None and len(labels) != len(ids):
            raise ValueError(f"{len(ids)} vehicles but {len(labels)} labels")
        n, k = len(ids), self.trail_length
        self._ids, self._lookup = ids, lookup
        self._labels = np.asarray(labels if labels is not None else [""] * n, dtype=object)
        self._lon = np.zeros(n)
        self._lat = np.zeros(n)
        self._heading = np.zeros(n)
        self._state = np.full(n, next(iter(self._states)), dtype=np.int64)
        self._has_fix = np.zeros(n, dtype=bool)
        self._trail_ll = np.zeros((n, k, 2))
        self._x = np.zeros(n)
        self._y = np.zeros(n)
        self._trail_xy = np.zeros((n, k, 2))
        self.changed.emit()

    def __len__(self) -> int:
        return len(self._ids)

    def update_positions(self, ids, lon, lat, heading=None, state=None) -> None:
        """New fixes for some vehicles (WGS-84; heading in degrees clockwise from north).

        Unknown ids or bad coordinates raise ValueError and change nothing.
        """
        lon, lat = lonlat_arrays(lon, lat, "wgs84")
        ids = np.asarray(ids).ravel()
        n = len(ids)
        if len(lon) != n:
            raise ValueError(f"{n} ids but {len(lon)} positions")
        heading = np.zeros(n) if heading is None else np.asarray(heading, dtype=np.float64).ravel()
        if len(heading) != n or not np.all(np.isfinite(heading)):
            raise ValueError("heading must give one finite angle per vehicle")
        if state is None:
            st = None
        else:
            st = np.asarray(state, dtype=np.int64).ravel()
            if len(st) != n:
                raise ValueError(f"{n} ids but {len(st)} states")
            unknown = set(st.tolist()) - set(self._states)
            if unknown:
                raise ValueError(f"layer {self.id!r}: no style for states {sorted(unknown)[:5]}")
        rows = self._lookup.rows(ids)
        if len(rows) != n:
            known = set(self._ids[rows].tolist())
            missing = [i for i in ids.tolist() if i not in known][:5]
            raise ValueError(f"layer {self.id!r}: unknown vehicles {missing}")
        # a vehicle reported twice in one batch keeps its last fix
        _, last = np.unique(rows[::-1], return_index=True)
        take = n - 1 - last
        rows, lon, lat, heading = rows[take], lon[take], lat[take], heading[take]
        first = ~self._has_fix[rows]
        self._trail_ll[rows, :-1] = self._trail_ll[rows, 1:]
        self._trail_ll[rows, -1, 0] = lon
        self._trail_ll[rows, -1, 1] = lat
        fresh = rows[first]
        self._trail_ll[fresh] = self._trail_ll[fresh, -1:, :]
        self._lon[rows], self._lat[rows], self._heading[rows] = lon, lat, heading % 360.0
        if st is not None:
            self._state[rows] = st[take]
        self._has_fix[rows] = True
        self._project(rows)
        self.changed.emit()

    def _project(self, rows) -> None:
        self._x[rows], self._y[rows] = to_display(self._lon[rows], self._lat[rows], self.gcj02)
        tl = self._trail_ll[rows]
        tx, ty = to_display(tl[..., 0], tl[..., 1], self.gcj02)
        self._trail_xy[rows, :, 0] = tx
        self._trail_xy[rows, :, 1] = ty

    def set_display_datum(self, gcj02: bool) -> None:
        if gcj02 != self.gcj02:
            self.gcj02 = gcj02
            self._project(np.flatnonzero(self._has_fix))
            self.changed.emit()

    # --- drawing ----------------------------------------------------------------------------

    def _arrow_slots(self, ctx: RenderContext) -> np.ndarray:
        """Atlas slots indexed [state position, heading step]: arrows pre-rotated in 10° steps,
        so drawing them is a plain blit."""
        key = ("arrows", id(ctx.sprites))
        if key in self._slot_cache:
            return self._slot_cache[key]
        side = int(np.ceil(self.size * 1.5)) + 2
        rows = []
        for style in self._states.values():
            for step in range(_STEPS):
                def paint(q: QPainter, color=style.color, angle=step * 360.0 / _STEPS):
                    q.translate(side / 2, side / 2)
                    q.rotate(angle)
                    q.scale(self.size, self.size)
                    q.setPen(QPen(QColor("#ffffff"), 1.2 / self.size))
                    q.setBrush(QBrush(QColor(color)))
                    q.drawPolygon(QPolygonF([QPointF(x, y) for x, y in _ARROW[:-1].tolist()]))
                rows.append(ctx.sprites.atlas.slot(("arrow", style.color, self.size, step), side, side, paint))
        slots = np.array(rows, dtype=np.float64).reshape(len(self._states), _STEPS, 4)
        self._slot_cache[key] = slots
        return slots

    def _dot_slots(self, ctx: RenderContext) -> np.ndarray:
        key = ("dots", id(ctx.sprites))
        if key in self._slot_cache:
            return self._slot_cache[key]
        rows = []
        for style in self._states.values():
            def paint(q: QPainter, color=style.color):
                q.setPen(Qt.PenStyle.NoPen)
                q.setBrush(QBrush(QColor(color)))
                q.drawEllipse(QPointF(3, 3), 2.2, 2.2)
            rows.append(ctx.sprites.atlas.slot(("trail-dot", style.color), 6, 6, paint))
        self._slot_cache[key] = np.array(rows, dtype=np.float64)
        return self._slot_cache[key]

    def prepare(self, ctx: RenderContext) -> np.ndarray | None:
        view = ctx.view
        m = 40 * view.res
        xmin, ymin, xmax, ymax = view.extent
        rows = np.flatnonzero(self._has_fix & (self._x >= xmin - m) & (self._x <= xmax + m)
                              & (self._y >= ymin - m) & (self._y <= ymax + m))
        px, py = view.to_screen(self._x[rows], self._y[rows])
        self._drawn = (rows, px, py)
        if len(rows) == 0:
            return None
        state_pos = np.searchsorted(self._state_keys, self._state[rows])
        parts = []
        if self.trail_length > 1:
            # breadcrumbs fading with age; skipped where they would sit under the arrow
            tx, ty = view.to_screen(self._trail_xy[rows, :-1, 0], self._trail_xy[rows, :-1, 1])
            far = np.hypot(tx - px[:, None], ty - py[:, None]) > self.size * 0.4
            age = np.broadcast_to(np.linspace(0.15, 0.75, self.trail_length - 1), tx.shape)
            owner = np.broadcast_to(state_pos[:, None], tx.shape)
            dots = fragments(tx[far], ty[far], self._dot_slots(ctx)[owner[far]])
            dots[:, 9] = age[far]
            parts.append(dots)
        step = np.round(self._heading[rows] / (360.0 / _STEPS)).astype(np.int64) % _STEPS
        parts.append(fragments(px, py, self._arrow_slots(ctx)[state_pos, step]))
        return np.concatenate(parts)

    def draw(self, p: QPainter, ctx: RenderContext, prepared: np.ndarray | None) -> None:
        if prepared is not None:
            draw_fragments(p, ctx.sprites.atlas.pixmap(), prepared)

    def labels(self, ctx: RenderContext) -> list[LabelBatch]:
        rows, px, py = self._drawn
        if ctx.view.zoom < self.label_min_zoom or len(rows) == 0:
            return []
        return [LabelBatch(px, py, list(self._labels[rows]), offset=self.size * 0.6 + 2)]

    def hit(self, ctx: RenderContext, px: float, py: float, tol_px: float) -> Hit | None:
        rows, dx, dy = self._drawn
        if len(rows) == 0:
            return None
        dist = np.hypot(dx - px, dy - py)
        i = int(np.argmin(dist))
        if dist[i] > max(tol_px, self.size * 0.6):
            return None
        row = int(rows[i])
        return Hit(self.id, self._ids[row].item(), float(self._x[row]), float(self._y[row]), 1,
                   str(self._labels[row] or ""), float(dist[i]))

    def ids_in_box(self, xmin: float, ymin: float, xmax: float, ymax: float) -> np.ndarray:
        m = self._has_fix & (self._x >= xmin) & (self._x <= xmax) & (self._y >= ymin) & (self._y <= ymax)
        return self._ids[m]

    def extent(self, ids=None):
        rows = np.flatnonzero(self._has_fix) if ids is None else self._lookup.rows(ids)
        rows = rows[self._has_fix[rows]]
        if len(rows) == 0:
            return None
        x, y = self._x[rows], self._y[rows]
        return float(x.min()), float(y.min()), float(x.max()), float(y.max())

    def paint_selection(self, p: QPainter, ctx: RenderContext, ids: np.ndarray) -> None:
        rows = self._lookup.rows(ids)
        rows = rows[self._has_fix[rows]]
        px, py = ctx.view.to_screen(self._x[rows], self._y[rows])
        p.setPen(QPen(QColor(ctx.palette.selection), 3.0))
        p.setBrush(Qt.BrushStyle.NoBrush)
        r = self.size * 0.75
        for x, y in zip(np.atleast_1d(px).tolist(), np.atleast_1d(py).tolist(), strict=True):
            p.drawEllipse(int(x - r), int(y - r), int(2 * r), int(2 * r))

    def legend(self) -> list[LegendEntry]:
        out = []
        for style in self._states.values():
            if not style.label:
                continue
            img = QImage(18, 18, QImage.Format.Format_ARGB32_Premultiplied)
            img.fill(Qt.GlobalColor.transparent)
            q = QPainter(img)
            q.setRenderHint(QPainter.RenderHint.Antialiasing)
            q.setPen(QPen(QColor("#ffffff"), 1.0))
            q.setBrush(QBrush(QColor(style.color)))
            pts = (_ARROW * 15 + 9).tolist()
            poly = QPainterPath()
            poly.addPolygon(QPolygonF([QPointF(x, y) for x, y in pts]))
            q.drawPath(poly)
            q.end()
            out.append(LegendEntry(style.label, QPixmap.fromImage(img)))
        return out
