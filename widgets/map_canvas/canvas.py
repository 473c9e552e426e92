"""The map canvas: a native widget in Web Mercator metres drawing plain-data layers.

Rendering follows QGIS's pattern. Each frame is drawn from an immutable ``RenderContext``
(view, display datum, palette). Static layers (basemap, points, polygons, their labels) are
rendered into an image that is reused until the view or a static layer changes; live layers
(vehicles), the selection, the active tool's overlay and the scale bar are painted over it every
frame, so a position update never redraws the city. Layer and tile changes arrive in bursts and
are folded into one redraw by a short timer; view changes repaint at once.

Nothing here knows about the database: the application gives layers arrays and polygons,
listens to the signals and shows cursor positions, tooltips and menus where it likes.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QGuiApplication,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QMenu, QToolTip, QWidget

from gis import crs
from gis.tiles.sources import Basemap
from widgets.map_canvas.datum import from_display, to_display
from widgets.map_canvas.labels import LabelRenderer, LabelStyle
from widgets.map_canvas.layer import Hit, MapLayer, RenderContext, Sprites
from widgets.map_canvas.point_layer import PointLayer
from widgets.map_canvas.polygon_layer import PolygonLayer
from widgets.map_canvas.scalebar import paint_badge, paint_scale_bar
from widgets.map_canvas.themes import Palette, palette
from widgets.map_canvas.tile_layer import TileLayer
from widgets.map_canvas.tools import MapTool, make_tool
from widgets.map_canvas.view import MapView

PICK_TOLERANCE_PX = 8.0
SCALE_BAR_BOX = (150, 46)  # width, height of the bottom-left corner the scale bar uses
SETTLE_MS = 150  # after the view rests this long, the labels still missing are all drawn
LABELS_PER_FRAME_MOVING = 2  # new label images per frame while the map moves
LABELS_PER_FRAME_RESTING = 24
_RENDER_POOL = ThreadPoolExecutor(max_workers=1, thread_name_prefix="map-render")
_ATTRIBUTION = LabelStyle(pixel_size=10)
_NOTE = LabelStyle(pixel_size=13, bold=True)
WHEEL_STEP = 2.0**0.5  # one wheel notch zooms by half a level


@dataclass(frozen=True)
class MapContext:
    """Where a right click happened, for the application's context-menu actions."""

    lon: float  # WGS-84
    lat: float
    layer_id: str | None  # the feature under the pointer, if any
    feature_id: object | None
    cluster_count: int = 0


class MapCanvas(QWidget):
    cursorMoved = Signal(float, float, object)  # WGS-84 lon, lat; (lon, lat) in GCJ-02 or None
    viewChanged = Signal(object)  # MapView
    hovered = Signal(str, object)  # layer id, feature id; (layer id, None) over a cluster; ("", None) over nothing
    featureClicked = Signal(str, object)  # layer id, feature id
    selectionChanged = Signal(dict)  # layer id → list of ids
    boxSelected = Signal(dict)  # layer id → list of ids
    measured = Signal(str, float, list)  # "distance" (m) or "area" (m²), value, [(lon, lat), ...]
    contextMenuRequested = Signal(object, object)  # QMenu to extend, MapContext
    basemapStatusChanged = Signal(bool, str)  # available, reason
    layersChanged = Signal()  # added, removed or reordered
    toolChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, theme: str = "light", redraw_interval_ms: int = 16):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setMinimumSize(120, 90)
        cx, cy = crs.lonlat_to_mercator(105.0, 35.0)
        self._view = MapView(cx, cy, 156543.03392804097 / 2**4, max(1, self.width()), max(1, self.height()))
        self._home: tuple[float, float, float, float] | None = None  # WGS-84 west, south, east, north
        self._layers: list[MapLayer] = []  # bottom to top
        self._tiles: TileLayer | None = None
        self._gcj02 = False
        self._palette: Palette = palette(theme)
        self._sprites = Sprites()
        self._label_renderer = LabelRenderer()
        self._live_labels = LabelRenderer(max_sprites=1500)
        self._base: QImage | None = None
        self._base_key = None
        self._static_rev = 0
        self._selection: dict[str, np.ndarray] = {}
        self._hover: Hit | None = None
        self.show_tooltips = True
        self.last_label_count = 0
        self.static_renders = 0  # how often the cached map was redrawn (live updates do not)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(redraw_interval_ms)
        self._timer.timeout.connect(self.update)
        self._moved_at = 0.0  # when the view last changed: labels settle once it rests
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.request_redraw)
        self._tool: MapTool = make_tool(self, "pan")
        self.setCursor(self._tool.cursor)

    # --- state -------------------------------------------------------------------------------

    @property
    def view(self) -> MapView:
        return self._view

    @property
    def palette(self) -> Palette:  # noqa: D401 - the map palette, not QWidget.palette()
        return self._palette

    @property
    def gcj02_display(self) -> bool:
        return self._gcj02

    @property
    def tool(self) -> str:
        return self._tool.name

    def context(self) -> RenderContext:
        """The immutable snapshot the next frame is drawn from."""
        return RenderContext(self._view, self._gcj02, self._palette, self._sprites)

    def set_view(self, view: MapView) -> None:
        view = view.resized(max(1, self.width()), max(1, self.height()))
        if view != self._view:
            self._view = view
            self._moved_at = time.monotonic()
            self.update()
            self.viewChanged.emit(view)

    def request_redraw(self, static: bool = True) -> None:
        """Fold bursts of changes into one frame; ``static`` invalidates the cached map."""
        if static:
            self._static_rev += 1
        if not self._timer.isActive():
            self._timer.start()

    def set_theme(self, name: str) -> None:
        self._palette = palette(name)
        self.request_redraw()

    def set_gcj02_display(self, on: bool) -> None:
        """Draw every vector layer shifted to GCJ-02 (storage stays WGS-84)."""
        on = bool(on)
        if on == self._gcj02:
            return
        # keep the same ground place in the middle of the screen
        lon, lat = from_display(self._view.cx, self._view.cy, self._gcj02)
        self._gcj02 = on
        for layer in self._layers:
            layer.set_display_datum(on)
        cx, cy = to_display(lon, lat, on)
        self.set_view(MapView(float(cx), float(cy), self._view.res, self._view.width, self._view.height))
        self.request_redraw()

    def set_basemap(self, basemap: Basemap | None, *, cache_dir: str | Path | None = None,
                    max_disk_bytes: int = 256 * 1024 * 1024) -> None:
        """Raster tiles under the layers, or None for the offline vector basemap only."""
        if self._tiles is not None:
            self._tiles.close()
            self._tiles.deleteLater()
            self._tiles = None
        if basemap is not None:
            self._tiles = TileLayer(basemap, cache_dir=cache_dir, max_disk_bytes=max_disk_bytes)
            self._tiles.setParent(self)
            self._tiles.changed.connect(self.request_redraw)
            self._tiles.statusChanged.connect(self.basemapStatusChanged)
            self._tiles.statusChanged.connect(lambda *_: self.request_redraw(static=False))
        self.set_gcj02_display(bool(basemap and basemap.gcj02))
        self.basemapStatusChanged.emit(True, "")
        self.request_redraw()

    @property
    def tile_layer(self) -> TileLayer | None:
        return self._tiles

    def set_home_extent(self, west: float, south: float, east: float, north: float) -> None:
        """The extent Home returns to (WGS-84 degrees)."""
        if not (west < east and south < north):
            raise ValueError("home extent must have west < east and south < north")
        self._home = (west, south, east, north)

    # --- layers ------------------------------------------------------------------------------

    def add_layer(self, layer: MapLayer, index: int | None = None) -> None:
        """Add on top, or at ``index`` counted from the bottom."""
        if self.layer(layer.id) is not None:
            raise ValueError(f"a layer with id {layer.id!r} is already on the map")
        layer.set_display_datum(self._gcj02)
        if index is None:
            self._layers.append(layer)
        else:
            self._layers.insert(index, layer)
        layer.changed.connect(self._layer_changed)
        if isinstance(layer, PointLayer):
            self._sprites.clusters(layer.cluster_color)  # render its bubbles now, not mid-zoom
        self.layersChanged.emit()
        self.request_redraw()

    def remove_layer(self, layer_id: str) -> None:
        layer = self.layer(layer_id)
        if layer is None:
            raise KeyError(f"no layer {layer_id!r} on the map")
        self._layers.remove(layer)
        layer.changed.disconnect(self._layer_changed)
        layer.close()
        self._selection.pop(layer_id, None)
        self.layersChanged.emit()
        self.request_redraw()

    def layers(self) -> list[MapLayer]:
        """Bottom to top."""
        return list(self._layers)

    def layer(self, layer_id: str) -> MapLayer | None:
        return next((lay for lay in self._layers if lay.id == layer_id), None)

    def set_layer_order(self, layer_ids: list[str]) -> None:
        """Bottom to top. Layers not named keep their relative order, below the named ones."""
        unknown = [i for i in layer_ids if self.layer(i) is None]
        if unknown:
            raise KeyError(f"no such layers: {unknown}")
        named = [self.layer(i) for i in layer_ids]
        rest = [lay for lay in self._layers if lay.id not in layer_ids]
        order = rest + named
        if order != self._layers:
            self._layers = order
            self.layersChanged.emit()
            self.request_redraw()

    def _layer_changed(self) -> None:
        layer = self.sender()
        self.request_redraw(static=not getattr(layer, "live", False))

    def is_ready(self) -> bool:
        """True when no layer is still preparing its data in the background."""
        return all(layer.is_ready() for layer in self._layers)

    def settle(self, max_frames: int = 60) -> None:
        """Draw until every label is in, as if the map had rested (screenshots, exports)."""
        self._moved_at = 0.0
        self._settle.stop()
        for _ in range(max_frames):
            self._static_rev += 1
            self.grab()
            if not (self._label_renderer.incomplete or self._live_labels.incomplete):
                break

    # --- coordinates and navigation ----------------------------------------------------------

    def to_wgs84(self, x, y):
        """Display metres → WGS-84 lon/lat (undoing the GCJ-02 shift when it is on)."""
        return from_display(x, y, self._gcj02)

    def from_wgs84(self, lon, lat):
        return to_display(lon, lat, self._gcj02)

    def pan_by(self, dx_px: float, dy_px: float) -> None:
        self.set_view(self._view.panned(dx_px, dy_px))

    def zoom_by(self, factor: float, anchor: tuple[float, float] | None = None) -> None:
        self.set_view(self._view.zoomed(factor, anchor))

    def center_on(self, lon: float, lat: float, zoom: float | None = None) -> None:
        """Centre on a WGS-84 position, optionally at a zoom level (e.g. 17 for a street)."""
        x, y = self.from_wgs84(lon, lat)
        res = self._view.res if zoom is None else 156543.03392804097 / 2.0**zoom
        self.set_view(MapView(float(x), float(y), res, self._view.width, self._view.height)
                      .zoomed(1.0))

    def zoom_to_extent(self, west: float, south: float, east: float, north: float) -> None:
        """Fit a WGS-84 extent."""
        xs, ys = self.from_wgs84(np.array([west, east, west, east]), np.array([south, south, north, north]))
        self._fit(float(np.min(xs)), float(np.min(ys)), float(np.max(xs)), float(np.max(ys)))

    def _fit(self, xmin: float, ymin: float, xmax: float, ymax: float) -> None:
        self.set_view(self._view.resized(max(1, self.width()), max(1, self.height())).fitted(xmin, ymin, xmax, ymax))

    def zoom_to_layer(self, layer_id: str) -> None:
        layer = self.layer(layer_id)
        if layer is None:
            raise KeyError(f"no layer {layer_id!r} on the map")
        ext = layer.extent()
        if ext is not None:
            self._fit(*ext)

    def zoom_to_selection(self) -> None:
        exts = [e for lid, ids in self._selection.items()
                if (lay := self.layer(lid)) is not None and (e := lay.extent(ids)) is not None]
        if exts:
            e = np.array(exts)
            self._fit(e[:, 0].min(), e[:, 1].min(), e[:, 2].max(), e[:, 3].max())

    def zoom_home(self) -> None:
        if self._home is not None:
            self.zoom_to_extent(*self._home)

    def zoom_to_screen_rect(self, rect: QRectF) -> None:
        if rect.width() < 3 or rect.height() < 3:
            return
        x0, y1 = self._view.point_to_map(rect.left(), rect.top())
        x1, y0 = self._view.point_to_map(rect.right(), rect.bottom())
        self.set_view(self._view.fitted(x0, y0, x1, y1, margin_px=0))

    # --- tools, picking and selection ---------------------------------------------------------

    def set_tool(self, name: str) -> None:
        if name == self._tool.name:
            return
        tool = make_tool(self, name)
        self._tool.deactivate()
        self._tool = tool
        self.setCursor(tool.cursor)
        self.update()
        self.toolChanged.emit(name)

    def pick(self, px: float, py: float) -> Hit | None:
        """The topmost feature or cluster drawn under a screen position."""
        ctx = self.context()
        zoom = ctx.view.zoom
        ordered = [lay for lay in reversed(self._layers) if lay.live] + \
                  [lay for lay in reversed(self._layers) if not lay.live]
        for layer in ordered:
            if not layer.shown_at(zoom) or (isinstance(layer, PolygonLayer) and layer.basemap):
                continue
            hit = layer.hit(ctx, px, py, PICK_TOLERANCE_PX)
            if hit is not None:
                return hit
        return None

    def click_at(self, pos: QPointF) -> None:
        hit = self.pick(pos.x(), pos.y())
        if hit is not None and hit.feature_id is None:
            # a cluster: zoom in on it until it breaks up
            sx, sy = self._view.to_screen(hit.x, hit.y)
            self.set_view(self._view.panned(self._view.width / 2 - float(sx), self._view.height / 2 - float(sy))
                          .zoomed(4.0))
            return
        if hit is None:
            self.set_selection({})
            return
        self.set_selection({hit.layer_id: [hit.feature_id]})
        self.featureClicked.emit(hit.layer_id, hit.feature_id)

    def select_in_screen_rect(self, rect: QRectF) -> dict:
        x0, y1 = self._view.point_to_map(rect.left(), rect.top())
        x1, y0 = self._view.point_to_map(rect.right(), rect.bottom())
        zoom = self._view.zoom
        found = {}
        for layer in self._layers:
            if not layer.shown_at(zoom) or (isinstance(layer, PolygonLayer) and layer.basemap):
                continue
            ids = layer.ids_in_box(x0, y0, x1, y1)
            if len(ids):
                found[layer.id] = ids.tolist()
        self.set_selection(found)
        self.boxSelected.emit(found)
        return found

    def set_selection(self, selection: dict) -> None:
        """Replace the selection: layer id → feature ids."""
        clean = {lid: np.asarray(ids) for lid, ids in selection.items() if len(ids)}
        unknown = [lid for lid in clean if self.layer(lid) is None]
        if unknown:
            raise KeyError(f"no such layers: {unknown}")
        if clean.keys() == self._selection.keys() and all(
            np.array_equal(clean[k], self._selection[k]) for k in clean
        ):
            return
        self._selection = clean
        self.update()
        self.selectionChanged.emit({k: v.tolist() for k, v in clean.items()})

    def selection(self) -> dict:
        return {k: v.tolist() for k, v in self._selection.items()}

    # --- painting -----------------------------------------------------------------------------

    def _render_static(self, ctx: RenderContext) -> None:
        """Draw the cached map. The background (fill, tiles, and the polygon layers below the
        first point layer) is painted in a worker thread while this thread prepares the point
        layers and places the labels; Qt releases the GIL while it paints, so the two overlap."""
        self.static_renders += 1
        dpr = self.devicePixelRatioF()
        w, h = ctx.view.width, ctx.view.height
        size = (int(w * dpr), int(h * dpr))
        if self._base is None or (self._base.width(), self._base.height()) != size:
            self._base = QImage(size[0], size[1], QImage.Format.Format_RGB32)  # opaque: blits are copies
            self._base.setDevicePixelRatio(dpr)
        zoom = ctx.view.zoom
        shown = [lay for lay in self._layers if not lay.live and lay.shown_at(zoom)]
        split = next((i for i, lay in enumerate(shown) if not lay.paints_in_worker), len(shown))
        background = ([self._tiles] if self._tiles is not None and self._tiles.shown_at(zoom) else []) + shown[:split]
        foreground = shown[split:]
        base = self._base

        def paint_background() -> None:
            base.fill(QColor(ctx.palette.background))
            bp = QPainter(base)
            bp.setRenderHint(QPainter.RenderHint.Antialiasing)
            for layer in background:
                bp.setOpacity(layer.opacity)
                layer.paint(bp, ctx)
            bp.end()

        job = _RENDER_POOL.submit(paint_background)
        try:
            prepared = [(lay, None if lay.paints_in_worker else lay.prepare(ctx)) for lay in foreground]
            areas = [lay for lay in shown if isinstance(lay, PolygonLayer) and lay.basemap]
            others = [lay for lay in reversed(shown) if lay not in areas]
            batches = [b for lay in areas + others for b in lay.labels(ctx)]
            # the scale bar's corner stays clear of labels
            corner = np.array([[0.0, h - SCALE_BAR_BOX[1], SCALE_BAR_BOX[0], h]])
            obstacles = np.concatenate([corner] + [lay.label_obstacles() for lay in shown])
            placed = self._label_renderer.layout(batches, ctx.palette, w, h, self._label_budget(), obstacles)
        finally:
            job.result()
        p = QPainter(base)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        for layer, prep in prepared:
            p.setOpacity(layer.opacity)
            if layer.paints_in_worker:
                layer.paint(p, ctx)  # a polygon layer above points: painted here, in order
            else:
                layer.draw(p, ctx, prep)
        p.setOpacity(1.0)
        self._label_renderer.blit(p, placed)
        self.last_label_count = len(placed)
        p.end()
        if self._label_renderer.incomplete:
            self._labels_pending()

    def _label_budget(self) -> int:
        moving = time.monotonic() - self._moved_at < SETTLE_MS / 1000.0
        return LABELS_PER_FRAME_MOVING if moving else LABELS_PER_FRAME_RESTING

    def _labels_pending(self) -> None:
        """Some labels were left out: draw them once the map rests (or next frame if it does)."""
        if time.monotonic() - self._moved_at < SETTLE_MS / 1000.0:
            self._settle.start()
        else:
            self.request_redraw()

    def paintEvent(self, event: QPaintEvent) -> None:
        ctx = self.context()
        key = (ctx.view, ctx.gcj02, ctx.palette.name, self._static_rev)
        if key != self._base_key:
            self._render_static(ctx)
            self._base_key = key
        p = QPainter(self)
        p.drawImage(0, 0, self._base)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        zoom = ctx.view.zoom
        live = [lay for lay in self._layers if lay.live and lay.shown_at(zoom)]
        for layer in live:
            p.setOpacity(layer.opacity)
            layer.paint(p, ctx)
        p.setOpacity(1.0)
        if live:
            self._live_labels.draw(p, [b for lay in reversed(live) for b in lay.labels(ctx)], ctx.palette,
                                   ctx.view.width, ctx.view.height, self._label_budget())
            if self._live_labels.incomplete:
                self._labels_pending()
        for lid, ids in self._selection.items():
            layer = self.layer(lid)
            if layer is not None and layer.shown_at(zoom):
                layer.paint_selection(p, ctx, ids)
        self._tool.paint(p)
        paint_scale_bar(p, ctx.view, ctx.palette, self._live_labels, 14, ctx.view.height - 14)
        if self._tiles is not None:
            if self._tiles.basemap.attribution:
                img = self._live_labels.sprite(self._tiles.basemap.attribution, _ATTRIBUTION, ctx.palette)
                p.drawImage(ctx.view.width - img.width() - 4, ctx.view.height - img.height() - 2, img)
            if not self._tiles.available:
                paint_badge(p, QCoreApplication.translate("MapCanvas", "Basemap unavailable"), ctx.palette, ctx.view.width - 10, 10)
        p.end()

    def paint_note(self, p: QPainter, text: str, at: QPointF) -> None:
        """A haloed text at a screen position (measure results, hints)."""
        img = self._live_labels.sprite(text, _NOTE, self._palette)
        p.drawImage(int(at.x()), int(at.y() - img.height() / 2), img)

    # --- events -------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.set_view(self._view.resized(event.size().width(), event.size().height()))
        super().resizeEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120.0
        if steps:
            pos = event.position()
            self.zoom_by(WHEEL_STEP**steps, (pos.x(), pos.y()))
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._tool.key(event):
            return
        k = event.key()
        v = self._view
        step_x, step_y = v.width / 4.0, v.height / 4.0
        moves = {Qt.Key.Key_Left: (step_x, 0), Qt.Key.Key_Right: (-step_x, 0),
                 Qt.Key.Key_Up: (0, step_y), Qt.Key.Key_Down: (0, -step_y)}
        if k in moves:
            self.pan_by(*moves[k])
        elif k in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(2.0)
        elif k in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom_by(0.5)
        elif k == Qt.Key.Key_Home:
            self.zoom_home()
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self._tool.press(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        x, y = self._view.point_to_map(pos.x(), pos.y())
        lon, lat = self.to_wgs84(x, y)
        gcj = crs.mercator_to_lonlat(x, y) if self._gcj02 else None
        self.cursorMoved.emit(float(lon), float(lat), gcj)
        if self._tool.move(event):
            return
        self._hover_at(pos, event.globalPosition().toPoint())

    def _hover_at(self, pos: QPointF, global_pos: QPoint) -> None:
        hit = self.pick(pos.x(), pos.y())
        old = self._hover
        self._hover = hit
        key = None if hit is None else (hit.layer_id, hit.feature_id, hit.count)
        if key == (None if old is None else (old.layer_id, old.feature_id, old.count)):
            return
        self.hovered.emit(hit.layer_id if hit else "", hit.feature_id if hit else None)
        if not self.show_tooltips:
            return
        if hit is None:
            QToolTip.hideText()
        elif hit.feature_id is None:
            QToolTip.showText(global_pos, QCoreApplication.translate("MapCanvas", "{n} features — click to zoom in").format(n=hit.count), self)
        elif hit.text:
            QToolTip.showText(global_pos, hit.text, self)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._tool.release(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self._tool.double_click(event)

    def leaveEvent(self, event) -> None:
        if self._hover is not None:
            self._hover = None
            self.hovered.emit("", None)
        super().leaveEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        pos = QPointF(event.pos())
        if self._tool.context_menu(pos):
            return
        x, y = self._view.point_to_map(pos.x(), pos.y())
        lon, lat = self.to_wgs84(x, y)
        hit = self.pick(pos.x(), pos.y())
        ctx = MapContext(float(lon), float(lat), hit.layer_id if hit else None,
                         hit.feature_id if hit else None, hit.count if hit and hit.feature_id is None else 0)
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction(QCoreApplication.translate("MapCanvas", "Centre map here"), lambda: self.center_on(ctx.lon, ctx.lat))
        menu.addAction(QCoreApplication.translate("MapCanvas", "Zoom in here"), lambda: self.zoom_by(2.0, (pos.x(), pos.y())))
        menu.addAction(QCoreApplication.translate("MapCanvas", "Copy coordinates"),
                       lambda: QGuiApplication.clipboard().setText(f"{ctx.lon:.6f}, {ctx.lat:.6f}"))
        self.contextMenuRequested.emit(menu, ctx)
        menu.popup(event.globalPos())

