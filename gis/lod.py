"""Level of detail for point layers: a grid pyramid of clusters, built once, read every frame.

At city zoom tens of thousands of points would each cost a draw call; instead each zoom level
has a grid of square cells (``cell_px`` screen pixels wide at that zoom, anchored on the Web
Mercator origin so the cells of one level nest exactly into the next) holding the count and
centroid of its points. The finest level is aggregated from the points with one sort; every
coarser level from the level below, so the whole pyramid costs about one ``np.unique`` of the
data. Levels stop where cells would hold mostly single points: from there on the map draws the
points themselves.

Drawing then costs at most one marker per visible cell, whatever the data size. Cells are kept
sorted by (column, row), so the cells in a view are found with two binary searches and one mask
over the columns in view instead of a scan of the whole level.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gis.tiles.tilemath import WORLD_HALF, resolution

DEFAULT_CELL_PX = 80
_SHIFT = np.int64(32)


@dataclass(frozen=True)
class ClusterLevel:
    zoom: int
    cell: float  # cell side in metres
    col: np.ndarray  # int64, sorted together with row
    row: np.ndarray
    key: np.ndarray  # col << 32 | row, ascending
    x: np.ndarray  # float64 centroid of the members
    y: np.ndarray
    count: np.ndarray  # int32
    first: np.ndarray  # int32 index of one member (the only one where count == 1)

    def __len__(self) -> int:
        return len(self.key)

    def in_extent(self, xmin: float, ymin: float, xmax: float, ymax: float) -> np.ndarray:
        """Indices of the cells whose centroid lies inside the extent."""
        # merged cells keep their own key but may have a centroid in the next column
        c0 = np.int64(np.floor((xmin + WORLD_HALF) / self.cell)) - 1
        c1 = np.int64(np.floor((xmax + WORLD_HALF) / self.cell)) + 1
        lo = np.searchsorted(self.key, c0 << _SHIFT)
        hi = np.searchsorted(self.key, (c1 + 1) << _SHIFT)
        x, y = self.x[lo:hi], self.y[lo:hi]
        m = (x >= xmin) & (x <= xmax) & (y >= ymin) & (y <= ymax)
        return np.flatnonzero(m) + lo


def _merge_close(key, sx, sy, count, first, cell: float, within: float):
    """Merge each cell into its nearest neighbour cell when their centroids are closer than
    ``within`` cells and the neighbour holds more points (one round: no chains), so a dense
    spot that straddles a grid line shows as one bubble instead of two overlapping ones."""
    n = len(key)
    if n < 2:
        return key, sx, sy, count, first
    cx, cy = sx / count, sy / count
    col, row = key >> _SHIFT, key & np.int64(0xFFFFFFFF)
    best = np.full(n, -1, dtype=np.int64)
    best_d = np.full(n, within * cell)
    for dc, dr in ((-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1)):
        nk = ((col + dc) << _SHIFT) | (row + dr)
        pos = np.clip(np.searchsorted(key, nk), 0, n - 1)
        found = key[pos] == nk
        d = np.hypot(cx[pos] - cx, cy[pos] - cy)
        bigger = (count[pos] > count) | ((count[pos] == count) & (pos < np.arange(n)))
        take = found & bigger & (d < best_d)
        best[take], best_d[take] = pos[take], d[take]
    # a cell that others merge into stays put; a cell merging away takes no one with it
    best[best >= 0] = np.where(best[best[best >= 0]] >= 0, -1, best[best >= 0])
    root = np.where(best >= 0, best, np.arange(n))
    keep = np.flatnonzero(root == np.arange(n))
    slot = np.searchsorted(keep, root)
    m = len(keep)
    return (
        key[keep],
        np.bincount(slot, weights=sx, minlength=m),
        np.bincount(slot, weights=sy, minlength=m),
        np.bincount(slot, weights=count, minlength=m).astype(np.int32),
        first[keep],
    )


def _aggregate(key: np.ndarray, sx, sy, count, first):
    """Merge entries sharing a key: sums add up, ``first`` keeps the first entry's member."""
    ukey, start, inv = np.unique(key, return_index=True, return_inverse=True)
    n = len(ukey)
    return (
        ukey,
        np.bincount(inv, weights=sx, minlength=n),
        np.bincount(inv, weights=sy, minlength=n),
        np.bincount(inv, weights=count, minlength=n).astype(np.int32),
        first[start],
    )


class PointPyramid:
    """Clusters of one point set at every zoom from ``min_zoom`` up to where clustering stops.

    x, y are Web Mercator metres. Build it in a worker thread (about 0.1 s for 235k points);
    reading it afterwards is cheap and thread-safe (everything is immutable).
    """

    def __init__(self, x: np.ndarray, y: np.ndarray, *, min_zoom: int = 3, max_zoom: int = 18,
                 cell_px: int = DEFAULT_CELL_PX, stop_ratio: float = 0.6, merge_within: float = 0.5):
        x = np.ascontiguousarray(x, dtype=np.float64)
        y = np.ascontiguousarray(y, dtype=np.float64)
        if x.shape != y.shape or x.ndim != 1:
            raise ValueError("x and y must be one-dimensional arrays of the same length")
        if not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))):
            raise ValueError("point coordinates must be finite numbers")
        self.n = len(x)
        self.x, self.y = x, y
        self.cell_px = cell_px
        # points sorted by x, for fast extent queries when the points are drawn one by one
        self._order = np.argsort(x, kind="stable").astype(np.int32)
        self._xs = x[self._order]
        self.levels: dict[int, ClusterLevel] = {}
        if self.n == 0:
            return
        cell = cell_px * resolution(max_zoom)
        col = np.floor((x + WORLD_HALF) / cell).astype(np.int64)
        row = np.floor((y + WORLD_HALF) / cell).astype(np.int64)
        key, sx, sy, count, first = _aggregate(
            (col << _SHIFT) | row, x, y, np.ones(self.n), np.arange(self.n, dtype=np.int32)
        )
        built = {}
        for z in range(max_zoom, min_zoom - 1, -1):
            if z < max_zoom:
                col, row = (key >> _SHIFT) >> 1, (key & np.int64(0xFFFFFFFF)) >> 1
                key, sx, sy, count, first = _aggregate((col << _SHIFT) | row, sx, sy, count, first)
            built[z] = (key, sx, sy, count, first, cell_px * resolution(z))
        for z in range(min_zoom, max_zoom + 1):
            key, sx, sy, count, first, cell = built[z]
            if len(key) > stop_ratio * self.n and self.n > 1:
                break  # mostly single points from here on: draw the points themselves
            key, sx, sy, count, first = _merge_close(key, sx, sy, count, first, cell, merge_within)
            self.levels[z] = ClusterLevel(
                z, cell, key >> _SHIFT, key & np.int64(0xFFFFFFFF), key, sx / count, sy / count, count, first
            )

    @property
    def max_cluster_zoom(self) -> int | None:
        return max(self.levels) if self.levels else None

    def level_for(self, zoom: float) -> ClusterLevel | None:
        """The cluster level for a fractional view zoom, or None where points are drawn singly."""
        if not self.levels:
            return None
        z = int(np.floor(zoom + 0.5))
        if z > max(self.levels):
            return None
        return self.levels[max(z, min(self.levels))]

    def points_in_extent(self, xmin: float, ymin: float, xmax: float, ymax: float) -> np.ndarray:
        """Indices of the points inside the extent, ascending."""
        lo = np.searchsorted(self._xs, xmin, side="left")
        hi = np.searchsorted(self._xs, xmax, side="right")
        idx = self._order[lo:hi]
        y = self.y[idx]
        return np.sort(idx[(y >= ymin) & (y <= ymax)])
