"""Polygon layers: districts (the offline basemap) and vendor zones coloured by open/closed.

Polygons arrive as shapely geometries in WGS-84. For each display datum they are projected and
simplified to half a pixel for every zoom level, in a worker for big layers. A frame maps one
QPainterPath per category (clipped to the area around the view) to pixels and fills it.
With ``basemap=True`` the fills, borders and labels follow the canvas theme (light for desks,
dark for wall displays) instead of fixed styles.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from pyqtgraph.functions import arrayToQPath
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPainterPath, QPen, QPixmap, QTransform

from gis import crs as gcrs
from gis.spatial_index import ShapeIndex
from gis.tiles.tilemath import resolution
from widgets.map_canvas.datum import IdLookup
from widgets.map_canvas.jobs import Job
from widgets.map_canvas.labels import AREA, LabelBatch
from widgets.map_canvas.layer import Hit, LegendEntry, MapLayer, RenderContext
from widgets.map_canvas.strokes import stroke_path
from widgets.map_canvas.view import MapView


@dataclass(frozen=True)
class FillStyle:
    fill: str = "#553b82f6"  # #AARRGGBB or any Qt colour name
    stroke: str = "#3b82f6"
    stroke_width: float = 1.2
    label: str = ""  # legend text
    dashed: bool = False

    def __post_init__(self):
        for c in (self.fill, self.stroke):
            if not QColor.isValidColorName(c):
                raise ValueError(f"{c!r} is not a colour")


SYNC_VERTICES = 2000  # larger layers are prepared in the background
LEVELS = range(3, 21)


@dataclass(frozen=True)
class _Prepared:
    gcj02: bool
    geoms: np.ndarray  # shapely polygons in display metres
    index: ShapeIndex
    anchors: np.ndarray  # (n, 2) label positions inside each polygon
    bounds: np.ndarray  # (n, 4)
    simplified: dict  # zoom → geometries simplified to half a pixel at that zoom


def _prepare(wgs: np.ndarray, gcj02: bool) -> _Prepared:
    """Project to the display frame and simplify for every zoom level (runs in a worker)."""
    if len(wgs) == 0:
        return _Prepared(gcj02, wgs, ShapeIndex(wgs), np.empty((0, 2)), np.empty((0, 4)), {})
    geoms = wgs
    if gcj02:
        geoms = np.array([gcrs.transform_geometry(g, gcrs.WGS84, gcrs.GCJ02) for g in geoms], dtype=object)
    geoms = np.array([gcrs.transform_geometry(g, gcrs.WGS84, gcrs.WEBMERCATOR) for g in geoms], dtype=object)
    anchors = shapely.get_coordinates(shapely.point_on_surface(geoms))
    full = int(shapely.get_num_coordinates(geoms).sum())
    simplified = {}
    for z in LEVELS:
        simple = shapely.simplify(geoms, resolution(z) * 0.5, preserve_topology=False)
        # where simplifying saves little, keep the originals (and their memory)
        simplified[z] = simple if shapely.get_num_coordinates(simple).sum() < 0.8 * full else geoms
    return _Prepared(gcj02, geoms, ShapeIndex(geoms), anchors, shapely.bounds(geoms), simplified)


def view_transform(view: MapView) -> QTransform:
    """Display metres → pixels."""
    x0, _y0, _x1, y1 = view.extent
    s = 1.0 / view.res
    return QTransform(s, 0.0, 0.0, -s, -x0 * s, y1 * s)


def _path_of(geoms) -> QPainterPath:
    """One path for all rings of the polygons (holes by the odd-even rule), built with numpy:
    a Python loop over rings costs more than drawing them."""
    parts = shapely.get_parts(np.atleast_1d(np.asarray(geoms, dtype=object)))
    parts = parts[shapely.get_type_id(parts) == 3]  # clipping can leave slivers of lines or points
    rings = shapely.get_rings(parts)
    xy, ring = shapely.get_coordinates(rings, return_index=True)
    if len(xy) == 0:
        return QPainterPath()
    connect = np.ones(len(xy), dtype=np.int32)
    connect[:-1] = ring[1:] == ring[:-1]
    connect[-1] = 0
    path = arrayToQPath(xy[:, 0], xy[:, 1], connect=connect, finiteCheck=False)
    path.setFillRule(Qt.FillRule.OddEvenFill)
    return path


class PolygonLayer(MapLayer):
    paints_in_worker = True

    def __init__(self, layer_id: str, name: str, *, styles: Mapping[int, FillStyle] | None = None,
                 basemap: bool = False, label_min_zoom: float = 0.0, label_max_zoom: float = 24.0,
                 min_label_px: float = 60.0, **kw):
        super().__init__(layer_id, name, **kw)
        self.basemap = basemap
        self._land = True  # basemap layers fill the land; off over raster tiles (outlines only)
        self.label_min_zoom = label_min_zoom
        self.label_max_zoom = label_max_zoom
        self.min_label_px = min_label_px
        self._styles: dict[int, FillStyle] = dict(styles or {0: FillStyle()})
        self._wgs = np.empty(0, dtype=object)
        self._ids = np.empty(0, dtype=np.int64)
        self._lookup = IdLookup(self._ids)
        self._cat = np.empty(0, dtype=np.int64)
        self._labels = np.empty(0, dtype=object)
        self._prep: _Prepared | None = None
        self._window: tuple | None = None  # (zoom, area, category → path) around the last view
        self._job = Job(self)
        self._job.done.connect(self._prepared)
        self._feature_paths: dict[tuple[int, int], QPainterPath] = {}

    def set_styles(self, styles: Mapping[int, FillStyle]) -> None:
        missing = set(self._cat.tolist()) - set(styles)
        if missing:
            raise ValueError(f"layer {self.id!r}: no style for categories {sorted(missing)[:5]}")
        self._styles = dict(styles)
        self._window = None
        self.propertiesChanged.emit()
        self.changed.emit()

    def set_data(self, polygons: Sequence, ids=None, *, categories=None, labels: Sequence[str] | None = None,
                 crs: str = "wgs84") -> None:
        """Replace the polygons (shapely, WGS-84 lon/lat unless ``crs`` says otherwise)."""
        geoms = np.asarray(list(polygons), dtype=object)
        n = len(geoms)
        if n and not all(isinstance(g, shapely.Geometry) for g in geoms):
            raise ValueError("polygons must be shapely geometries")
        kinds = shapely.get_type_id(geoms) if n else np.empty(0)
        if n and not np.all(np.isin(kinds, (3, 6))):
            bad = int(np.flatnonzero(~np.isin(kinds, (3, 6)))[0])
            raise ValueError(f"feature {bad} is a {geoms[bad].geom_type}, not a polygon")
        src = gcrs.normalize_crs(crs)
        if n and src != gcrs.WGS84:
            geoms = np.array([gcrs.transform_geometry(g, src, gcrs.WGS84) for g in geoms], dtype=object)
        if n:
            b = shapely.bounds(geoms)
            if not np.all(np.isfinite(b)) or np.any(np.abs(b[:, [1, 3]]) > 85.06) or np.any(np.abs(b[:, [0, 2]]) > 180):
                raise ValueError("polygon coordinates must be WGS-84 longitude/latitude")
            invalid = ~shapely.is_valid(geoms)
            if np.any(invalid):
                geoms[invalid] = shapely.make_valid(geoms[invalid])
        ids = np.arange(n, dtype=np.int64) if ids is None else np.asarray(ids).ravel()
        if len(ids) != n:
            raise ValueError(f"{n} polygons but {len(ids)} ids")
        lookup = IdLookup(ids)
        if categories is None:
            cat = (np.arange(n) % 4) if self.basemap else np.zeros(n, dtype=np.int64)
        else:
            cat = np.asarray(categories, dtype=np.int64).ravel()
        if len(cat) != n:
            raise ValueError(f"{n} polygons but {len(cat)} categories")
        if not self.basemap:
            missing = set(cat.tolist()) - set(self._styles)
            if missing:
                raise ValueError(f"layer {self.id!r}: no style for categories {sorted(missing)[:5]}")
        if labels is not None and len(labels) != n:
            raise ValueError(f"{n} polygons but {len(labels)} labels")
        self._wgs, self._ids, self._lookup, self._cat = geoms, ids, lookup, cat
        self._labels = np.asarray(labels if labels is not None else [""] * n, dtype=object)
        self._prepare()

    @property
    def land(self) -> bool:
        return self._land

    def set_land(self, on: bool) -> None:
        """A basemap layer draws land fills (the offline basemap) or only its outlines and
        names, so raster tiles underneath show through."""
        if bool(on) != self._land:
            self._land = bool(on)
            self.changed.emit()

    def set_categories(self, categories) -> None:
        cat = np.asarray(categories, dtype=np.int64).ravel()
        if len(cat) != len(self._wgs):
            raise ValueError(f"{len(self._wgs)} polygons but {len(cat)} categories")
        if not self.basemap:
            missing = set(cat.tolist()) - set(self._styles)
            if missing:
                raise ValueError(f"layer {self.id!r}: no style for categories {sorted(missing)[:5]}")
        self._cat = cat
        self._window = None
        self.changed.emit()

    def set_display_datum(self, gcj02: bool) -> None:
        if gcj02 != self.gcj02:
            self.gcj02 = gcj02
            self._prepare()

    def _prepare(self) -> None:
        if int(shapely.get_num_coordinates(self._wgs).sum()) <= SYNC_VERTICES:
            self._prepared(_prepare(self._wgs, self.gcj02))
            return
        was_ready = self.is_ready()
        self._job.submit(_prepare, self._wgs, self.gcj02)
        if was_ready:
            self.readyChanged.emit(False)

    def _prepared(self, prep: _Prepared) -> None:
        self._prep = prep
        self._window = None
        self._feature_paths.clear()
        self.readyChanged.emit(True)
        self.changed.emit()

    def is_ready(self) -> bool:
        return not self._job.busy and (self._prep is not None or len(self._wgs) == 0)

    def _usable(self) -> _Prepared | None:
        prep = self._prep
        if prep is None or prep.gcj02 != self.gcj02 or len(prep.geoms) != len(self._wgs):
            return None
        return prep

    def __len__(self) -> int:
        return len(self._wgs)

    # --- drawing ----------------------------------------------------------------------------

    def _style(self, cat: int, ctx: RenderContext) -> FillStyle:
        if self.basemap:
            pal = ctx.palette
            fill = pal.land[cat % len(pal.land)] if self._land else "#00000000"
            return FillStyle(fill, pal.district_border, 1.0 if self._land else 1.6)
        return self._styles[cat]

    def _paths(self, prep: _Prepared, view: MapView) -> dict[int, QPainterPath]:
        """One path per category, clipped to twice the view's size around it at this zoom.

        Rebuilt only when the view leaves that area or the zoom level changes; the clip keeps
        a district that spans 200 km from costing its whole outline every frame.
        """
        z = min(max(int(round(view.zoom)), LEVELS[0]), LEVELS[-1])
        x0, y0, x1, y1 = view.extent
        win = self._window
        if win is not None and win[0] == z and win[1][0] <= x0 and win[1][1] <= y0 \
                and win[1][2] >= x1 and win[1][3] >= y1:
            return win[2]
        w, h = (x1 - x0) / 2, (y1 - y0) / 2
        area = (x0 - w, y0 - h, x1 + w, y1 + h)
        b = prep.bounds
        rows = np.flatnonzero((b[:, 0] <= area[2]) & (b[:, 2] >= area[0]) & (b[:, 1] <= area[3]) & (b[:, 3] >= area[1]))
        clipped = shapely.clip_by_rect(prep.simplified[z][rows], *area)
        cats = self._cat[rows]
        paths = {cat: _path_of(clipped[cats == cat]) for cat in np.unique(cats).tolist()}
        self._window = (z, area, paths)
        return paths

    @staticmethod
    def _in_view(prep: _Prepared, view: MapView) -> np.ndarray:
        xmin, ymin, xmax, ymax = view.extent
        b = prep.bounds
        return np.flatnonzero((b[:, 0] <= xmax) & (b[:, 2] >= xmin) & (b[:, 1] <= ymax) & (b[:, 3] >= ymin))

    def draw(self, p: QPainter, ctx: RenderContext, prepared) -> None:
        """Runs in the canvas's render worker: touches only its own cached paths."""
        prep = self._usable()
        if prep is None or len(prep.geoms) == 0:
            return
        view = ctx.view
        if len(self._in_view(prep, view)) == 0:
            return
        # paths are mapped to pixels here: Qt fills a pre-mapped path about 3× faster than the
        # same path under a flipping world transform
        tr = view_transform(view)
        for cat, path in self._paths(prep, view).items():
            st = self._style(cat, ctx)
            dev = tr.map(path)
            # the outline covers the edge, so the fill needs no antialiasing (half the cost)
            p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            fill = QColor(st.fill)
            if fill.alpha():
                p.fillPath(dev, QBrush(fill))
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            if st.stroke_width > 0:
                stroke_path(p, dev, st.stroke, st.stroke_width,
                            Qt.PenStyle.DashLine if st.dashed else Qt.PenStyle.SolidLine)

    def labels(self, ctx: RenderContext) -> list[LabelBatch]:
        prep = self._usable()
        z = ctx.view.zoom
        if prep is None or not (self.label_min_zoom <= z <= self.label_max_zoom):
            return []
        rows = self._in_view(prep, ctx.view)
        width_px = (prep.bounds[rows, 2] - prep.bounds[rows, 0]) / ctx.view.res
        named = np.fromiter((bool(t) for t in self._labels[rows]), dtype=bool, count=len(rows))
        keep = named & (width_px >= self.min_label_px)
        rows = rows[keep][np.argsort(-width_px[keep], kind="stable")]  # biggest areas first
        if len(rows) == 0:
            return []
        px, py = ctx.view.to_screen(prep.anchors[rows, 0], prep.anchors[rows, 1])
        return [LabelBatch(np.asarray(px), np.asarray(py), list(self._labels[rows]), style=AREA)]

    def hit(self, ctx: RenderContext, px: float, py: float, tol_px: float) -> Hit | None:
        prep = self._usable()
        if prep is None or len(prep.geoms) == 0:
            return None
        x, y = ctx.view.point_to_map(px, py)
        rows = prep.index.containing(x, y)
        if len(rows) == 0:
            return None
        row = int(rows[-1])  # drawn last, on top
        return Hit(self.id, self._ids[row].item(), x, y, 1, str(self._labels[row] or ""), 0.0)

    def ids_in_box(self, xmin: float, ymin: float, xmax: float, ymax: float) -> np.ndarray:
        prep = self._usable()
        if prep is None:
            return self._ids[:0]
        return self._ids[prep.index.in_box(xmin, ymin, xmax, ymax)]

    def extent(self, ids=None):
        prep = self._usable()
        if prep is None or len(prep.geoms) == 0:
            return None
        b = prep.bounds if ids is None else prep.bounds[self._lookup.rows(ids)]
        if len(b) == 0:
            return None
        return float(b[:, 0].min()), float(b[:, 1].min()), float(b[:, 2].max()), float(b[:, 3].max())

    def paint_selection(self, p: QPainter, ctx: RenderContext, ids: np.ndarray) -> None:
        prep = self._usable()
        if prep is None:
            return
        tr = view_transform(ctx.view)
        for row in self._lookup.rows(ids)[:500].tolist():
            key = (row, int(prep.gcj02))
            path = self._feature_paths.get(key)
            if path is None:
                if len(self._feature_paths) > 1000:
                    self._feature_paths.clear()  # outlines of past selections: cheap to rebuild
                path = self._feature_paths[key] = _path_of(prep.geoms[row])
            stroke_path(p, tr.map(path), ctx.palette.selection, 3.0)

    def legend(self) -> list[LegendEntry]:
        out = []
        if self.basemap:
            return out
        for st in self._styles.values():
            if st.label:
                img = QImage(18, 18, QImage.Format.Format_ARGB32_Premultiplied)
                img.fill(Qt.GlobalColor.transparent)
                q = QPainter(img)
                q.setRenderHint(QPainter.RenderHint.Antialiasing)
                q.setPen(QPen(QColor(st.stroke), 1.5))
                q.setBrush(QBrush(QColor(st.fill)))
                q.drawRoundedRect(2, 3, 14, 12, 2, 2)
                q.end()
                out.append(LegendEntry(st.label, QPixmap.fromImage(img)))
        return out
