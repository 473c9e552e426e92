"""The heatmap layer's background work: points to a coloured, georeferenced image for one view.

Colours must not change when the user pans, so densities are scaled against one reference peak
(the densest place over all the points, computed once per data set) rather than against the
peak inside the view. The image covers the view plus a margin on every side, so a small pan
shows colour at the edges while the next image is computed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
from PySide6.QtGui import QImage

from gis.heatmap import ColorRamp, Extent, kde
from widgets.map_canvas.datum import to_display

MARGIN = 0.25  # of the view's width and height, added on each side
GRID_SCALE = 1.5  # screen pixels per grid cell: the kernel is smooth, a finer grid shows nothing more
REFERENCE_CELLS = 768  # grid side for the reference peak over all the points


@dataclass(frozen=True)
class Points:
    """The layer's input in WGS-84 with a revision number that changes with every new set."""

    lon: np.ndarray
    lat: np.ndarray
    weight: np.ndarray
    sigma_m: float
    rev: int


@dataclass(frozen=True)
class Rendered:
    """A coloured density image and where it lies, in display metres of one datum."""

    image: QImage | None  # premultiplied RGBA, None when there is nothing to show
    xmin: float
    ymin: float
    xmax: float
    ymax: float
    res: float  # display metres per grid cell
    gcj02: bool
    rev: int
    reference_peak: float  # weight per km² that the top of the ramp stands for
    count: int  # points that reached the image

    def covers(self, extent: tuple[float, float, float, float], res: float, gcj02: bool, rev: int) -> bool:
        """Whether this image can stand for a view (same data and datum, view inside, similar scale)."""
        if rev != self.rev or gcj02 != self.gcj02:
            return False
        x0, y0, x1, y1 = extent
        inside = x0 >= self.xmin and y0 >= self.ymin and x1 <= self.xmax and y1 <= self.ymax
        return inside and 0.66 < self.res / (res * GRID_SCALE) < 1.5


def reference_peak(x: np.ndarray, y: np.ndarray, w: np.ndarray, sigma_m: float) -> float:
    """The densest place over all the points, in weight per km² of ground."""
    if len(x) == 0:
        return 0.0
    pad = 4 * sigma_m * 1.5  # ground metres to Mercator metres: 1/cos(40°) ≈ 1.3
    ext = Extent(float(x.min()) - pad, float(y.min()) - pad, float(x.max()) + pad, float(y.max()) + pad)
    side = max(ext.width, ext.height)
    # cells no wider than a third of sigma keep the peak faithful; small data sets need fewer
    cells = int(min(REFERENCE_CELLS, max(64, side / (sigma_m / 3))))
    w_px = max(16, int(round(cells * ext.width / side)))
    h_px = max(16, int(round(cells * ext.height / side)))
    return kde(x, y, ext, (w_px, h_px), sigma_m, w).peak


def render(points: Points, view_extent: tuple[float, float, float, float], view_res: float, gcj02: bool,
           ramp: ColorRamp, known_peak: float | None, cancelled: Callable[[], bool] | None = None) -> Rendered:
    """The image for a view: KDE over the view plus margins, scaled to the reference peak, coloured."""
    x, y = to_display(points.lon, points.lat, gcj02)
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    peak = known_peak if known_peak is not None else reference_peak(x, y, points.weight, points.sigma_m)
    x0, y0, x1, y1 = view_extent
    mx, my = (x1 - x0) * MARGIN, (y1 - y0) * MARGIN
    ext = Extent(x0 - mx, y0 - my, x1 + mx, y1 + my)
    res = view_res * GRID_SCALE
    size = (max(8, int(np.ceil(ext.width / res))), max(8, int(np.ceil(ext.height / res))))
    res = ext.width / size[0]
    empty = Rendered(None, ext.xmin, ext.ymin, ext.xmax, ext.ymax, res, gcj02, points.rev, peak, 0)
    if len(x) == 0 or peak <= 0:
        return empty
    hm = kde(x, y, ext, size, points.sigma_m, points.weight, cancelled)
    if hm.count == 0 or hm.peak <= 0:
        return empty
    scaled = np.minimum(hm.grid * np.float32(hm.peak / peak), np.float32(1.0))
    rgba = replace(hm, grid=scaled).rgba(ramp)
    h, w = rgba.shape[:2]
    img = QImage(rgba.data, w, h, 4 * w, QImage.Format.Format_RGBA8888)
    # converting copies the pixels out of the numpy buffer and premultiplies them once, here
    img = img.convertToFormat(QImage.Format.Format_RGBA8888_Premultiplied)
    return Rendered(img, ext.xmin, ext.ymin, ext.xmax, ext.ymax, res, gcj02, points.rev, peak, hm.count)
