"""Point layers (restaurants, markets, cameras...): symbols per category, clusters when crowded.

Data goes in as arrays (lon/lat WGS-84 or Web Mercator metres, ids, integer categories, labels);
the level-of-detail pyramid and the spatial index are built off the GUI thread for each display
datum. A frame then draws, with one native call, either the points in view (when at most
``reveal_limit`` of them are) or the grid clusters of the current zoom, single points staying
points. Restyling (``set_categories``: a camera goes offline) needs no rebuild.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from PySide6.QtGui import QColor, QPainter, QPen

from gis.lod import PointPyramid
from gis.spatial_index import PointIndex
from widgets.map_canvas.clusters import radius_for
from widgets.map_canvas.datum import IdLookup, lonlat_arrays, to_display
from widgets.map_canvas.jobs import Job
from widgets.map_canvas.labels import POI, LabelBatch, estimated_widths
from widgets.map_canvas.layer import Hit, LegendEntry, MapLayer, RenderContext
from widgets.map_canvas.sprites import Symbol, draw_fragments, fragments, symbol_icon

SYNC_LIMIT = 5000  # smaller layers are prepared at once, larger ones in the background


@dataclass(frozen=True)
class _Prepared:
    gcj02: bool
    x: np.ndarray  # display metres
    y: np.ndarray
    pyramid: PointPyramid
    index: PointIndex
    label_widths: np.ndarray  # estimated, for label placement


def _prepare(lon: np.ndarray, lat: np.ndarray, gcj02: bool, labels: np.ndarray) -> _Prepared:
    x, y = to_display(lon, lat, gcj02)
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    return _Prepared(gcj02, x, y, PointPyramid(x, y), PointIndex(x, y), estimated_widths(labels, POI.pixel_size))


@dataclass
class _Drawn:
    """What the last frame showed, for picking and labels."""

    points: np.ndarray  # rows drawn as single points
    px: np.ndarray
    py: np.ndarray
    cluster_px: np.ndarray
    cluster_py: np.ndarray
    cluster_count: np.ndarray
    cluster_x: np.ndarray
    cluster_y: np.ndarray


_EMPTY = np.empty(0)


class PointLayer(MapLayer):
    def __init__(self, layer_id: str, name: str, *, symbols: Mapping[int, Symbol] | None = None,
                 cluster: bool = True, cluster_color: str = "#2563eb", reveal_limit: int = 1500,
                 label_min_zoom: float = 16.0, **kw):
        super().__init__(layer_id, name, **kw)
        self.cluster = cluster
        if not QColor.isValidColorName(cluster_color):
            raise ValueError(f"{cluster_color!r} is not a colour")
        self.cluster_color = cluster_color
        self.reveal_limit = int(reveal_limit)
        self.label_min_zoom = float(label_min_zoom)
        self._symbols: dict[int, Symbol] = {}
        self._keys = np.zeros(0, dtype=np.int64)
        self._lon = self._lat = np.empty(0)
        self._ids = np.empty(0, dtype=np.int64)
        self._lookup = IdLookup(self._ids)
        self._cat = np.empty(0, dtype=np.int64)
        self._sym_index = np.empty(0, dtype=np.int64)
        self._z = np.empty(0, dtype=np.int64)
        self._labels: np.ndarray = np.empty(0, dtype=object)
        self._prep: _Prepared | None = None
        self._drawn: _Drawn | None = None
        self._job = Job(self)
        self._job.done.connect(self._prepared)
        self.set_symbols(symbols or {0: Symbol()})

    # --- data in ----------------------------------------------------------------------------

    def set_symbols(self, symbols: Mapping[int, Symbol]) -> None:
        if not symbols:
            raise ValueError("a point layer needs at least one symbol")
        self._symbols = {int(k): v for k, v in sorted(symbols.items())}
        self._slots = None  # (sprites, their atlas positions) for these symbols
        self._keys = np.fromiter(self._symbols, dtype=np.int64)
        if len(self._cat):
            self._restyle(self._cat)
        self.propertiesChanged.emit()
        self.changed.emit()

    def _restyle(self, categories: np.ndarray) -> None:
        pos = np.clip(np.searchsorted(self._keys, categories), 0, len(self._keys) - 1)
        unknown = self._keys[pos] != categories
        if np.any(unknown):
            bad = sorted(set(categories[unknown].tolist()))[:5]
            raise ValueError(f"layer {self.id!r}: no symbol for categories {bad}")
        self._cat = categories
        self._sym_index = pos
        zs = np.array([s.z for s in self._symbols.values()], dtype=np.int64)
        self._z = zs[pos]

    def set_data(self, x, y, ids=None, *, categories=None, labels: Sequence[str] | None = None,
                 crs: str = "wgs84") -> None:
        """Replace the points. Invalid input raises ValueError and leaves the layer as it was."""
        lon, lat = lonlat_arrays(x, y, crs)
        n = len(lon)
        ids = np.arange(n, dtype=np.int64) if ids is None else np.asarray(ids).ravel()
        if len(ids) != n:
            raise ValueError(f"{n} points but {len(ids)} ids")
        lookup = IdLookup(ids)
        cat = np.zeros(n, dtype=np.int64) if categories is None else np.asarray(categories, dtype=np.int64).ravel()
        if len(cat) != n:
            raise ValueError(f"{n} points but {len(cat)} categories")
        if labels is not None and len(labels) != n:
            raise ValueError(f"{n} points but {len(labels)} labels")
        old_cat = self._cat
        self._restyle(cat)  # validates categories before anything is replaced
        del old_cat
        self._lon, self._lat, self._ids, self._lookup = lon, lat, ids, lookup
        self._labels = np.asarray(labels if labels is not None else [""] * n, dtype=object)
        self._drawn = None
        self._start_prepare()

    def set_categories(self, categories) -> None:
        """New categories for the same points (same order): a restyle, no rebuild."""
        cat = np.asarray(categories, dtype=np.int64).ravel()
        if len(cat) != len(self._lon):
            raise ValueError(f"{len(self._lon)} points but {len(cat)} categories")
        self._restyle(cat)
        self.changed.emit()

    def set_display_datum(self, gcj02: bool) -> None:
        if gcj02 != self.gcj02:
            self.gcj02 = gcj02
            self._start_prepare()

    def _start_prepare(self) -> None:
        if len(self._lon) <= SYNC_LIMIT:
            self._prep = _prepare(self._lon, self._lat, self.gcj02, self._labels)
            self.changed.emit()
            return
        was_ready = self.is_ready()
        self._job.submit(_prepare, self._lon, self._lat, self.gcj02, self._labels)
        if was_ready:
            self.readyChanged.emit(False)

    def _prepared(self, prep: _Prepared) -> None:
        self._prep = prep
        self._drawn = None
        self.readyChanged.emit(True)
        self.changed.emit()

    def is_ready(self) -> bool:
        return not self._job.busy and (self._prep is not None or len(self._lon) == 0)

    def __len__(self) -> int:
        return len(self._lon)

    # --- drawing ----------------------------------------------------------------------------

    def _usable(self) -> _Prepared | None:
        prep = self._prep
        if prep is None or prep.gcj02 != self.gcj02 or len(prep.x) != len(self._lon):
            return None
        return prep

    def prepare(self, ctx: RenderContext) -> np.ndarray | None:
        """Fragment rows for this frame (clusters first, then single points on top)."""
        prep = self._usable()
        self._drawn = None
        if prep is None or len(prep.x) == 0:
            return None
        view = ctx.view
        m = 32 * view.res  # keep markers straddling the edge
        xmin, ymin, xmax, ymax = view.extent
        xmin, ymin, xmax, ymax = xmin - m, ymin - m, xmax + m, ymax + m
        level = prep.pyramid.level_for(view.zoom) if self.cluster else None
        cells = None
        if level is not None:
            cells = level.in_extent(xmin, ymin, xmax, ymax)
            if int(level.count[cells].sum()) <= self.reveal_limit:
                level = None
        if level is None:
            singles = prep.pyramid.points_in_extent(xmin, ymin, xmax, ymax)
            multi = np.empty(0, dtype=np.int64)
        else:
            cnt = level.count[cells]
            singles = level.first[cells[cnt == 1]].astype(np.int64)
            multi = cells[cnt > 1]
        singles = singles[np.argsort(self._z[singles], kind="stable")]
        px, py = view.to_screen(prep.x[singles], prep.y[singles])
        if self._slots is None or self._slots[0] is not ctx.sprites:
            self._slots = (ctx.sprites, ctx.sprites.symbol_slots(list(self._symbols.values())))
        slots = self._slots[1]
        rows = [fragments(px, py, slots[self._sym_index[singles]])]
        if len(multi):
            cpx, cpy = view.to_screen(level.x[multi], level.y[multi])
            ccount = level.count[multi]
            # clusters under the single points: a lone school canteen stays visible beside a bubble
            rows.insert(0, ctx.sprites.clusters(self.cluster_color).rows(cpx, cpy, ccount))
            cx, cy = level.x[multi], level.y[multi]
        else:
            cpx = cpy = ccount = cx = cy = _EMPTY
        self._drawn = _Drawn(singles, px, py, cpx, cpy, np.asarray(ccount), cx, cy)
        return np.concatenate(rows)

    def draw(self, p: QPainter, ctx: RenderContext, prepared: np.ndarray | None) -> None:
        if prepared is not None:
            draw_fragments(p, ctx.sprites.atlas.pixmap(), prepared)

    def labels(self, ctx: RenderContext) -> list[LabelBatch]:
        d = self._drawn
        if d is None or ctx.view.zoom < self.label_min_zoom or len(d.points) == 0:
            return []
        order = np.argsort(-self._z[d.points], kind="stable")  # highlighted categories first
        rows = d.points[order]
        widths = self._usable().label_widths[rows]
        has = widths > 0
        half = np.array([s.size / 2 for s in self._symbols.values()])[self._sym_index[rows]]
        return [LabelBatch(d.px[order][has], d.py[order][has], self._labels[rows[has]], offset=float(half.max()) + 3,
                           widths=widths[has])]

    def label_obstacles(self) -> np.ndarray:
        d = self._drawn
        if d is None or len(d.cluster_px) == 0:
            return np.empty((0, 4))
        r = radius_for(d.cluster_count)
        return np.column_stack([d.cluster_px - r, d.cluster_py - r, d.cluster_px + r, d.cluster_py + r])

    # --- picking ------------------------------------------------------------------------------

    def hit(self, ctx: RenderContext, px: float, py: float, tol_px: float) -> Hit | None:
        d, prep = self._drawn, self._usable()
        if d is None or prep is None:
            return None
        best: Hit | None = None
        if len(d.cluster_px):
            dist = np.hypot(d.cluster_px - px, d.cluster_py - py)
            i = int(np.argmin(dist))
            if dist[i] <= radius_for(d.cluster_count[i : i + 1])[0] + 2:
                best = Hit(self.id, None, float(d.cluster_x[i]), float(d.cluster_y[i]),
                           int(d.cluster_count[i]), "", float(dist[i]))
        row, dist_px = None, np.inf
        if len(d.cluster_px) == 0:
            # every point in view is drawn: ask the spatial index
            x, y = ctx.view.point_to_map(px, py)
            found = prep.index.nearest(x, y, tol_px * ctx.view.res)
            if found is not None:
                row = found
                sx, sy = ctx.view.to_screen(prep.x[row], prep.y[row])
                dist_px = float(np.hypot(sx - px, sy - py))
        elif len(d.points):
            dist = np.hypot(d.px - px, d.py - py)
            j = int(np.argmin(dist))
            if dist[j] <= tol_px:
                row, dist_px = int(d.points[j]), float(dist[j])
        if row is not None and (best is None or dist_px < best.distance_px):
            best = Hit(self.id, self._ids[row].item(), float(prep.x[row]), float(prep.y[row]), 1,
                       str(self._labels[row] or ""), dist_px)
        return best

    def ids_in_box(self, xmin: float, ymin: float, xmax: float, ymax: float) -> np.ndarray:
        prep = self._usable()
        if prep is None:
            return self._ids[:0]
        return self._ids[prep.index.in_box(xmin, ymin, xmax, ymax)]

    def extent(self, ids=None):
        prep = self._usable()
        if prep is None or len(prep.x) == 0:
            return None
        rows = slice(None) if ids is None else self._lookup.rows(ids)
        x, y = prep.x[rows], prep.y[rows]
        if len(x) == 0:
            return None
        return float(x.min()), float(y.min()), float(x.max()), float(y.max())

    def paint_selection(self, p: QPainter, ctx: RenderContext, ids: np.ndarray) -> None:
        prep = self._usable()
        if prep is None:
            return
        rows = self._lookup.rows(ids)[:5000]
        px, py = ctx.view.to_screen(prep.x[rows], prep.y[rows])
        inside = (px > -20) & (py > -20) & (px < ctx.view.width + 20) & (py < ctx.view.height + 20)
        p.setBrush(QColor(0, 0, 0, 0))
        p.setPen(QPen(QColor(ctx.palette.selection), 3.0))
        for x, y, row in zip(px[inside].tolist(), py[inside].tolist(), rows[inside].tolist(), strict=True):
            r = self._symbols[int(self._cat[row])].size / 2 + 5
            p.drawEllipse(int(x - r), int(y - r), int(2 * r), int(2 * r))

    def legend(self) -> list[LegendEntry]:
        return [LegendEntry(s.label, symbol_icon(s)) for s in self._symbols.values() if s.label]
