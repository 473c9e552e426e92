"""Polylines on the map canvas: a replayed track, or the short trails behind live vehicles.

The canvas has point, polygon and live-arrow layers but no lines, so this layer draws them:
each frame it maps the lines' display metres to pixels with numpy, leaves out lines far off the screen and points
within two pixels of the point before (a day of 1 Hz fixes is 86,400 points, a few thousand
pixels), and strokes one ``QPainterPath`` per style, built by pyqtgraph without a Python loop.
Stroking costs by the line more than by the point, so a layer may cap the lines it draws in one
view (``max_lines``): past it, it draws none until the view holds fewer.
With ``live=True`` it is painted over the cached map every frame (trails that move each second);
otherwise it is part of the cached map (a replayed track that only changes when the view does).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from pyqtgraph.functions import arrayToQPath
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPen

from widgets.map_canvas.datum import lonlat_arrays, to_display
from widgets.map_canvas.layer import MapLayer, RenderContext
from widgets.map_canvas.strokes import stroke_path

MERGE_PX = 2.0


@dataclass(frozen=True)
class LineStyle:
    color: str  # #RRGGBB or #AARRGGBB
    width: float = 2.0  # pixels

    def __post_init__(self):
        if not QColor.isValidColorName(self.color):
            raise ValueError(f"{self.color!r} is not a colour")
        if not 0.5 <= self.width <= 12:
            raise ValueError(f"line width {self.width} px is outside 0.5–12")


class PolylineLayer(MapLayer):
    def __init__(self, layer_id: str, name: str, *, styles: Mapping[int, LineStyle] | None = None,
                 live: bool = False, max_lines: int = 0, **kw):
        super().__init__(layer_id, name, **kw)
        self.live = live
        self.max_lines = int(max_lines)  # 0: no limit; else more lines than this in view are not drawn
        self._styles = dict(styles or {0: LineStyle("#7c3aed", 3.0)})
        self._style_keys = np.array(sorted(self._styles), dtype=np.int64)
        self._lon = np.empty(0)
        self._lat = np.empty(0)
        self._cat = np.empty(0, dtype=np.int64)
        self._end = np.empty(0, dtype=bool)  # True at the last point of each line
        self._x = np.empty(0)
        self._y = np.empty(0)

    def set_lines(self, lines: Sequence[tuple], categories: Sequence[int] | None = None) -> None:
        """Replace the lines: each a (lons, lats) pair in WGS-84. A line of one point draws
        nothing. Bad coordinates or unknown categories raise ValueError and change nothing."""
        cats = [0] * len(lines) if categories is None else [int(c) for c in categories]
        if len(cats) != len(lines):
            raise ValueError(f"{len(lines)} lines but {len(cats)} categories")
        lons, lats, cat, end = [], [], [], []
        for (lon, lat), c in zip(lines, cats, strict=True):
            lon = np.asarray(lon, dtype=np.float64).ravel()
            lat = np.asarray(lat, dtype=np.float64).ravel()
            if len(lon) != len(lat):
                raise ValueError(f"a line has {len(lon)} longitudes but {len(lat)} latitudes")
            lons.append(lon)
            lats.append(lat)
            cat.append(np.full(len(lon), c, dtype=np.int64))
            e = np.zeros(len(lon), dtype=bool)
            e[-1:] = True
            end.append(e)
        self.set_points(np.concatenate(lons) if lons else np.empty(0), np.concatenate(lats) if lats else np.empty(0),
                        np.concatenate(end) if end else np.empty(0, dtype=bool),
                        np.concatenate(cat) if cat else np.empty(0, dtype=np.int64))

    def set_points(self, lon, lat, ends, categories=None) -> None:
        """Replace the lines, given flat: the points of all lines one after the other, ``ends``
        True at the last point of each line. No Python work per line, for a thousand trails a
        second. Bad input raises ValueError and changes nothing."""
        lon, lat = lonlat_arrays(lon, lat, "wgs84")
        ends = np.asarray(ends, dtype=bool).ravel()
        cat = np.zeros(len(lon), dtype=np.int64) if categories is None else np.asarray(categories, dtype=np.int64).ravel()
        if not (len(ends) == len(cat) == len(lon)):
            raise ValueError(f"{len(lon)} points but {len(ends)} line ends and {len(cat)} categories")
        keys = self._style_keys
        bad = keys[np.searchsorted(keys, cat).clip(0, len(keys) - 1)] != cat
        if bad.any():
            raise ValueError(f"layer {self.id!r}: no style for categories {sorted(set(cat[bad].tolist()))[:5]}")
        self._lon, self._lat, self._end, self._cat = lon, lat, ends, cat
        self._project()
        self.changed.emit()

    def clear(self) -> None:
        self.set_lines([])

    def __len__(self) -> int:
        return int(self._end.sum())

    def _project(self) -> None:
        self._x, self._y = (np.asarray(a, dtype=np.float64) for a in to_display(self._lon, self._lat, self.gcj02))

    def set_display_datum(self, gcj02: bool) -> None:
        if gcj02 != self.gcj02:
            self.gcj02 = gcj02
            self._project()
            self.changed.emit()

    def extent(self, ids=None):
        if len(self._x) == 0:
            return None
        return float(self._x.min()), float(self._y.min()), float(self._x.max()), float(self._y.max())

    def prepare(self, ctx: RenderContext):
        if len(self._x) == 0:
            return None
        view = ctx.view
        px, py = view.to_screen(self._x, self._y)
        end, cat = self._end, self._cat
        # only the lines with a point on (or near) the screen
        line = np.r_[0, np.cumsum(end[:-1])]
        near = (px > -50) & (px < view.width + 50) & (py > -50) & (py < view.height + 50)
        shown = np.bincount(line, weights=near, minlength=int(line[-1]) + 1)[line] > 0
        px, py, end, cat = px[shown], py[shown], end[shown], cat[shown]
        if self.max_lines and int(np.count_nonzero(end)) > self.max_lines:
            return None  # level of detail: too many lines in view to draw them within a frame
        # drop a point that lands in the same MERGE_PX cell as the one before it in its line
        ix, iy = np.floor(px / MERGE_PX), np.floor(py / MERGE_PX)
        same = np.zeros(len(px), dtype=bool)
        same[1:] = (ix[1:] == ix[:-1]) & (iy[1:] == iy[:-1]) & ~end[:-1] & ~end[1:]
        keep = ~same
        px, py, cat, end = px[keep], py[keep], cat[keep], end[keep]
        paths = []
        for c, style in self._styles.items():
            m = cat == c
            if m.sum() < 2:
                continue
            connect = (~end[m]).astype(np.int32)  # no segment from a line's last point to the next line
            paths.append((style, arrayToQPath(px[m], py[m], connect=connect)))
        return paths

    def draw(self, p: QPainter, ctx: RenderContext, prepared) -> None:
        for style, path in prepared or ():
            if style.width <= 1.25:
                # Qt's fast antialiased line: exactly one pixel, cosmetic, flat ends (round ends cost
                # twice as much; 1.2 px goes through the general stroker, a hundred times slower)
                pen = QPen(QColor(style.color), 1.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap,
                           Qt.PenJoinStyle.BevelJoin)
                pen.setCosmetic(True)
                p.setPen(pen)
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawPath(path)
            else:
                stroke_path(p, path, style.color, style.width)
