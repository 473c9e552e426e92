"""The map's view as an immutable value: centre, resolution and size in pixels.

Every frame is drawn from one of these, so a frame never mixes two views, and a change of view
is a new object (compare with ``==`` to know whether anything must be redrawn). Coordinates are
Web Mercator metres in the display datum (WGS-84, or GCJ-02 while a GCJ-02 basemap is on).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from gis.tiles.tilemath import resolution, zoom_for_resolution

MIN_ZOOM = 3.0
MAX_ZOOM = 20.0


@dataclass(frozen=True)
class MapView:
    cx: float
    cy: float
    res: float  # metres per pixel
    width: int
    height: int

    @property
    def zoom(self) -> float:
        return zoom_for_resolution(self.res)

    @property
    def extent(self) -> tuple[float, float, float, float]:
        hw, hh = self.width * self.res / 2.0, self.height * self.res / 2.0
        return self.cx - hw, self.cy - hh, self.cx + hw, self.cy + hh

    def to_screen(self, x, y):
        """Map metres → pixel coordinates (origin top left, y down); arrays or scalars."""
        x0 = self.cx - self.width * self.res / 2.0
        y1 = self.cy + self.height * self.res / 2.0
        return (np.asarray(x) - x0) / self.res, (y1 - np.asarray(y)) / self.res

    def to_map(self, px, py):
        x0 = self.cx - self.width * self.res / 2.0
        y1 = self.cy + self.height * self.res / 2.0
        return x0 + np.asarray(px) * self.res, y1 - np.asarray(py) * self.res

    def point_to_map(self, px: float, py: float) -> tuple[float, float]:
        x, y = self.to_map(px, py)
        return float(x), float(y)

    def panned(self, dx_px: float, dy_px: float) -> MapView:
        """The view after dragging the map by (dx, dy) pixels: content follows the pointer."""
        return replace(self, cx=self.cx - dx_px * self.res, cy=self.cy + dy_px * self.res)

    def zoomed(self, factor: float, anchor: tuple[float, float] | None = None) -> MapView:
        """Zoom in by ``factor`` (>1 magnifies), keeping the map point under ``anchor`` in place."""
        res = clamp_resolution(self.res / factor)
        if anchor is None:
            return replace(self, res=res)
        ax, ay = self.point_to_map(*anchor)
        # the anchor keeps its pixel position: solve for the new centre
        cx = ax - (anchor[0] - self.width / 2.0) * res
        cy = ay + (anchor[1] - self.height / 2.0) * res
        return replace(self, cx=cx, cy=cy, res=res)

    def resized(self, width: int, height: int) -> MapView:
        return replace(self, width=max(1, int(width)), height=max(1, int(height)))

    def fitted(self, xmin: float, ymin: float, xmax: float, ymax: float, margin_px: int = 24) -> MapView:
        """The view showing the whole extent, centred, with a margin; points get a street zoom."""
        w = max(1, self.width - 2 * margin_px)
        h = max(1, self.height - 2 * margin_px)
        span = max((xmax - xmin) / w, (ymax - ymin) / h)
        res = clamp_resolution(span if span > 0 else resolution(17))
        return replace(self, cx=(xmin + xmax) / 2.0, cy=(ymin + ymax) / 2.0, res=res)


def clamp_resolution(res: float) -> float:
    lo, hi = resolution(MAX_ZOOM), resolution(MIN_ZOOM)
    if not math.isfinite(res):
        return hi
    return min(hi, max(lo, res))
