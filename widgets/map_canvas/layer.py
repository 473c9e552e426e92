"""What every map layer shares: identity, visibility, opacity, zoom range, and the drawing hooks.

Layers are plain data holders with a ``paint(painter, ctx)`` method: the canvas hands them an
immutable ``RenderContext`` (view, display datum, palette) and a painter already set up for
their opacity. A layer signals ``changed`` when it must be redrawn; the canvas folds bursts of
such signals into one frame.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QPainter, QPixmap

from widgets.map_canvas.clusters import ClusterPainter
from widgets.map_canvas.labels import LabelBatch
from widgets.map_canvas.sprites import SpriteAtlas, Symbol, paint_symbol
from widgets.map_canvas.themes import Palette
from widgets.map_canvas.view import MapView


class Sprites:
    """The canvas's sprite atlas plus the per-colour cluster painters that draw from it."""

    def __init__(self):
        self.atlas = SpriteAtlas()
        self._clusters: dict[str, ClusterPainter] = {}

    def symbol_slots(self, symbols: list[Symbol]) -> np.ndarray:
        rows = []
        for sym in symbols:
            side = sym.extent_px
            rows.append(self.atlas.slot(("symbol", sym), side, side,
                                        lambda p, sym=sym, side=side: paint_symbol(p, sym, side / 2, side / 2)))
        return np.array(rows, dtype=np.float64).reshape(-1, 4)

    def clusters(self, color: str) -> ClusterPainter:
        cp = self._clusters.get(color)
        if cp is None:
            cp = self._clusters[color] = ClusterPainter(self.atlas, color)
        return cp


@dataclass(frozen=True)
class RenderContext:
    view: MapView
    gcj02: bool
    palette: Palette
    sprites: Sprites = field(compare=False)


@dataclass(frozen=True)
class Hit:
    """What is under the pointer: a feature (``feature_id``) or a cluster of ``count`` features."""

    layer_id: str
    feature_id: object | None
    x: float  # display-frame metres
    y: float
    count: int = 1
    text: str = ""
    distance_px: float = 0.0


@dataclass(frozen=True)
class LegendEntry:
    label: str
    icon: QPixmap


class MapLayer(QObject):
    changed = Signal()  # appearance changed: the map must be redrawn
    propertiesChanged = Signal()  # name, visibility or opacity changed (layer tree, legend)
    readyChanged = Signal(bool)
    live = False  # live layers are drawn over the cached map every frame
    # True for layers whose paint uses only a QPainter on the given image (no sprites, no text,
    # no state shared with other layers): the canvas paints them in a worker thread
    paints_in_worker = False

    def __init__(self, layer_id: str, name: str, *, visible: bool = True, opacity: float = 1.0,
                 min_zoom: float = 0.0, max_zoom: float = 24.0):
        super().__init__()
        if not layer_id:
            raise ValueError("a layer needs a non-empty id")
        self.id = layer_id
        self._name = name
        self._visible = bool(visible)
        self._opacity = self._checked_opacity(opacity)
        self.min_zoom = float(min_zoom)
        self.max_zoom = float(max_zoom)
        self.gcj02 = False

    @staticmethod
    def _checked_opacity(opacity: float) -> float:
        opacity = float(opacity)
        if not 0.0 <= opacity <= 1.0:
            raise ValueError(f"opacity must be between 0 and 1, got {opacity}")
        return opacity

    @property
    def name(self) -> str:
        return self._name

    @property
    def visible(self) -> bool:
        return self._visible

    @property
    def opacity(self) -> float:
        return self._opacity

    def set_name(self, name: str) -> None:
        self._name = name
        self.propertiesChanged.emit()

    def set_visible(self, visible: bool) -> None:
        if bool(visible) != self._visible:
            self._visible = bool(visible)
            self.propertiesChanged.emit()
            self.changed.emit()

    def set_opacity(self, opacity: float) -> None:
        opacity = self._checked_opacity(opacity)
        if opacity != self._opacity:
            self._opacity = opacity
            self.propertiesChanged.emit()
            self.changed.emit()

    def shown_at(self, zoom: float) -> bool:
        return self._visible and self._opacity > 0 and self.min_zoom <= zoom <= self.max_zoom

    # --- hooks the canvas calls -------------------------------------------------------------

    def set_display_datum(self, gcj02: bool) -> None:
        """Draw shifted to GCJ-02 (True) or as stored in WGS-84 (False)."""
        self.gcj02 = gcj02

    def is_ready(self) -> bool:
        """False while background preparation for the current data and datum is running."""
        return True

    def paint(self, p: QPainter, ctx: RenderContext) -> None:
        self.draw(p, ctx, self.prepare(ctx))

    def prepare(self, ctx: RenderContext):
        """The frame's work that needs no painter (culling, level of detail, sprite positions);
        the canvas runs it while the background layers are being painted."""
        return None

    def draw(self, p: QPainter, ctx: RenderContext, prepared) -> None:
        raise NotImplementedError

    def labels(self, ctx: RenderContext) -> list[LabelBatch]:
        """Label candidates for what the last ``paint`` drew, most important first."""
        return []

    def label_obstacles(self) -> np.ndarray:
        """Screen boxes (x0, y0, x1, y1) of what the last ``paint`` drew that labels must not cover."""
        return np.empty((0, 4))

    def hit(self, ctx: RenderContext, px: float, py: float, tol_px: float) -> Hit | None:
        return None

    def ids_in_box(self, xmin: float, ymin: float, xmax: float, ymax: float) -> np.ndarray:
        """Ids of the features inside a display-frame box."""
        return np.empty(0, dtype=np.int64)

    def extent(self, ids=None) -> tuple[float, float, float, float] | None:
        """Display-frame extent of the features (all, or the given ids)."""
        return None

    def paint_selection(self, p: QPainter, ctx: RenderContext, ids: np.ndarray) -> None:
        """Highlight the selected features (drawn over everything)."""

    def legend(self) -> list[LegendEntry]:
        return []

    def close(self) -> None:
        """Release background resources (tile fetchers)."""
