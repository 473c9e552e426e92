"""Kernel density of failures on a Web Mercator grid: the heatmap layer's numbers and colours.

Samples are splatted bilinearly onto a grid, blurred with a Gaussian whose width is given in
metres on the ground, and normalised. A wide kernel on a fine grid would cost a long filter per
pixel, so the density is computed on a grid coarser by a power of two (at least two coarse
cells per sigma, where a Gaussian is smooth enough that bilinear upsampling loses nothing a viewer
could see) and resized back: the cost stays a few milliseconds whatever the kernel size.

The grid is padded by four sigmas on every side before blurring, so samples just outside the
extent still warm its edge, as they would on the next tile. Row 0 is the north edge (image order).

Everything here is a plain function on numpy arrays, to be run off the GUI thread; a caller
passes ``cancelled`` (a callable) to abandon a stale computation between stages.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import cv2
import numpy as np

from gis.crs import lonlat_to_mercator, mercator_to_lonlat

_MIN_COARSE_SIGMA = 2.0  # coarse cells per sigma below which the grid is not coarsened further
_TRUNCATE = 4.0  # the kernel reaches four sigmas (OpenCV's own choice for float images)
_SPLAT_VARIANCE = 1.0 / 6.0  # mean variance (cells²) bilinear splatting adds; taken off the kernel


class Cancelled(Exception):
    """The caller abandoned the computation (a newer request superseded it)."""


@dataclass(frozen=True)
class Extent:
    """A rectangle in Web Mercator metres (EPSG:3857)."""

    xmin: float
    ymin: float
    xmax: float
    ymax: float

    def __post_init__(self):
        if not (self.xmax > self.xmin and self.ymax > self.ymin):
            raise ValueError(f"empty extent {self}")

    @classmethod
    def from_lonlat(cls, west: float, south: float, east: float, north: float) -> Extent:
        x0, y0 = lonlat_to_mercator(west, south)
        x1, y1 = lonlat_to_mercator(east, north)
        return cls(float(x0), float(y0), float(x1), float(y1))

    @property
    def width(self) -> float:
        return self.xmax - self.xmin

    @property
    def height(self) -> float:
        return self.ymax - self.ymin

    def scale_factor(self) -> float:
        """Projected metres per ground metre at the extent's centre latitude (1 / cos φ)."""
        _, lat = mercator_to_lonlat((self.xmin + self.xmax) / 2, (self.ymin + self.ymax) / 2)
        return 1.0 / math.cos(math.radians(float(lat)))


@dataclass(frozen=True)
class ColorRamp:
    """Colour stops (position 0–1, RGBA 0–255) turned into a 256-entry lookup table."""

    stops: tuple[tuple[float, tuple[int, int, int, int]], ...]

    @cached_property
    def lut(self) -> np.ndarray:
        pos = np.array([p for p, _ in self.stops], dtype=np.float64)
        cols = np.array([c for _, c in self.stops], dtype=np.float64)
        t = np.linspace(0.0, 1.0, 256)
        out = np.stack([np.interp(t, pos, cols[:, k]) for k in range(4)], axis=1)
        return np.ascontiguousarray(np.rint(out).astype(np.uint8))

    @cached_property
    def _lut32(self) -> np.ndarray:
        return self.lut.view(np.uint32).reshape(256)

    def apply(self, values: np.ndarray) -> np.ndarray:
        """RGBA uint8 image (h, w, 4) for normalised values (h, w) in 0–1."""
        # Scales, rounds and saturates to 0–255 in one pass (values are never negative).
        idx = cv2.convertScaleAbs(np.asarray(values, dtype=np.float32), alpha=255.0)
        rgba32 = self._lut32[idx]
        return rgba32.view(np.uint8).reshape(*values.shape, 4)

    def color_at(self, fraction: float) -> tuple[int, int, int, int]:
        i = int(round(min(max(fraction, 0.0), 1.0) * 255))
        return tuple(int(v) for v in self.lut[i])


# Transparent where nothing failed, through blue and yellow to a deep red at the peak.
DEFAULT_RAMP = ColorRamp((
    (0.0, (40, 80, 255, 0)),
    (0.12, (40, 120, 255, 90)),
    (0.35, (0, 200, 160, 150)),
    (0.55, (250, 220, 0, 185)),
    (0.78, (255, 120, 0, 210)),
    (1.0, (200, 0, 0, 235)),
))


@dataclass(frozen=True)
class LegendStop:
    fraction: float
    value: float  # density at this stop, in weight per km²
    rgba: tuple[int, int, int, int]


@dataclass(frozen=True)
class Heatmap:
    """A computed density. ``values`` and ``rgba()`` are full-size; both are made on demand from the
    (usually coarser) grid the density was computed on, so a layer that only wants colours never
    pays for a full-size float image."""

    peak: float  # the largest density, in weight per square kilometre of ground
    extent: Extent
    width: int
    height: int
    sigma_m: float
    count: int  # samples that reached the grid (within four sigmas of the extent)
    total_weight: float
    grid: np.ndarray = field(repr=False)  # normalised density at the computed resolution
    factor: int = 1  # fine cells per grid cell; above 1 the grid has one extra cell on each side

    @property
    def shape(self) -> tuple[int, int]:
        return self.height, self.width

    def _upsample(self, img: np.ndarray) -> np.ndarray:
        if self.factor == 1:
            return img
        f = self.factor
        gh, gw = img.shape[:2]
        big = cv2.resize(img, (gw * f, gh * f), interpolation=cv2.INTER_LINEAR)
        return np.ascontiguousarray(big[f:f + self.height, f:f + self.width])

    @cached_property
    def values(self) -> np.ndarray:
        """float32 (height, width) in 0–1; row 0 is the north edge."""
        return self._upsample(self.grid)

    def rgba(self, ramp: ColorRamp = DEFAULT_RAMP) -> np.ndarray:
        """RGBA uint8 (height, width, 4), straight alpha, row 0 at the north edge."""
        return self._upsample(ramp.apply(self.grid))

    def legend(self, ramp: ColorRamp = DEFAULT_RAMP, stops: int = 5) -> list[LegendStop]:
        fr = np.linspace(0.0, 1.0, stops)
        return [LegendStop(float(f), float(f) * self.peak, ramp.color_at(float(f))) for f in fr]

    def cell_of(self, x: float, y: float) -> tuple[int, int]:
        """(row, column) of the cell holding Web Mercator point (x, y)."""
        col = int((x - self.extent.xmin) / self.extent.width * self.width)
        row = int((self.extent.ymax - y) / self.extent.height * self.height)
        return row, col


def exceedance_weights(values, limits, cap: float = 5.0) -> np.ndarray:
    """How far past its limit each failure went, as a weight from 1 (at the limit) up to ``cap``.

    A failure without a usable value or limit counts 1, like one at the limit.
    """
    v = np.asarray(values, dtype=np.float64)
    lim = np.asarray(limits, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = v / lim
    ratio = np.where(np.isfinite(ratio) & (lim > 0), ratio, 1.0)
    return np.clip(ratio, 1.0, cap)


def _coarsening(sigma_cells: float, size: int) -> int:
    f = 1
    while sigma_cells / (2 * f) >= _MIN_COARSE_SIGMA and size // (2 * f) >= 16:
        f *= 2
    return f


def _check(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise Cancelled()


def kde(x, y, extent: Extent, size: tuple[int, int], sigma_m: float, weights=None,
        cancelled: Callable[[], bool] | None = None) -> Heatmap:
    """Density of points (Web Mercator x, y) on a ``size`` = (width, height) grid over ``extent``.

    ``sigma_m`` is the kernel's standard deviation in metres on the ground (converted with the
    Mercator scale at the extent's centre). ``weights`` defaults to 1 per point.
    """
    width, height = int(size[0]), int(size[1])
    if width < 1 or height < 1:
        raise ValueError(f"grid size must be positive, got {size}")
    if not sigma_m > 0:
        raise ValueError(f"sigma_m must be positive, got {sigma_m}")
    x = np.asarray(x, dtype=np.float64).ravel()
    y = np.asarray(y, dtype=np.float64).ravel()
    if x.shape != y.shape:
        raise ValueError("x and y differ in length")
    w = np.ones_like(x) if weights is None else np.asarray(weights, dtype=np.float64).ravel()
    if w.shape != x.shape:
        raise ValueError("weights and points differ in length")
    ok = np.isfinite(x) & np.isfinite(y) & np.isfinite(w)
    if not ok.all():
        x, y, w = x[ok], y[ok], w[ok]

    k = extent.scale_factor()
    cw, ch = extent.width / width, extent.height / height
    sx, sy = sigma_m * k / cw, sigma_m * k / ch  # sigma in fine cells, per axis
    f = _coarsening(min(sx, sy), min(width, height))
    scx, scy = sx / f, sy / f
    pad = int(math.ceil(_TRUNCATE * max(scx, scy))) + 2
    wc0, hc0 = -(-width // f), -(-height // f)
    wc, hc = wc0 + 2 * pad, hc0 + 2 * pad

    # Bilinear splat onto the padded coarse grid; coarse cell j has its centre at j + 0.5.
    u = (x - extent.xmin) / (cw * f) - 0.5 + pad
    v = (extent.ymax - y) / (ch * f) - 0.5 + pad
    i0 = np.floor(u)
    j0 = np.floor(v)
    inside = (i0 >= 0) & (i0 < wc - 1) & (j0 >= 0) & (j0 < hc - 1)
    i0, j0, fx, fy, wi = i0[inside], j0[inside], (u - i0)[inside], (v - j0)[inside], w[inside]
    base = (j0 * wc + i0).astype(np.intp)
    idx = np.concatenate((base, base + 1, base + wc, base + wc + 1))
    wts = np.concatenate(((1 - fx) * (1 - fy) * wi, fx * (1 - fy) * wi, (1 - fx) * fy * wi, fx * fy * wi))
    grid = np.bincount(idx, weights=wts, minlength=wc * hc).astype(np.float32).reshape(hc, wc)
    _check(cancelled)

    bx = math.sqrt(max(scx * scx - _SPLAT_VARIANCE, 0.09))
    by = math.sqrt(max(scy * scy - _SPLAT_VARIANCE, 0.09))
    grid = cv2.GaussianBlur(grid, (0, 0), sigmaX=bx, sigmaY=by, borderType=cv2.BORDER_CONSTANT)
    _check(cancelled)

    if f == 1:
        grid = grid[pad:pad + height, pad:pad + width]
        interior = grid
    else:
        # One grid cell of margin each side so the edge pixels interpolate real neighbours.
        grid = grid[pad - 1:pad + hc0 + 1, pad - 1:pad + wc0 + 1]
        interior = grid[1:-1, 1:-1]
    peak_cell = float(interior.max()) if interior.size else 0.0
    if peak_cell > 0:
        grid = grid * np.float32(1.0 / peak_cell)
    else:
        grid = np.zeros_like(grid)
    cell_km2 = (cw * f / k) * (ch * f / k) / 1e6
    return Heatmap(peak_cell / cell_km2, extent, width, height, float(sigma_m), int(inside.sum()),
                   float(wi.sum()), np.ascontiguousarray(grid, dtype=np.float32), f)


def kde_lonlat(lon: Sequence[float], lat: Sequence[float], extent: Extent, size: tuple[int, int],
               sigma_m: float, weights=None, cancelled: Callable[[], bool] | None = None) -> Heatmap:
    """``kde`` for WGS-84 points (the stored coordinates)."""
    x, y = lonlat_to_mercator(np.asarray(lon, dtype=np.float64), np.asarray(lat, dtype=np.float64))
    return kde(x, y, extent, size, sigma_m, weights, cancelled)
