"""Spatial indexes for hover, pick and box selection (shapely STRtree).

Both indexes work in whatever planar frame the caller built them in (the map uses Web Mercator
metres, shifted to GCJ-02 while a GCJ-02 basemap is on) and answer with positions in the arrays
they were built from, so callers map them back to their own feature ids.
"""

from __future__ import annotations

import numpy as np
import shapely


class PointIndex:
    def __init__(self, x: np.ndarray, y: np.ndarray):
        x = np.asarray(x, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        if x.shape != y.shape or x.ndim != 1:
            raise ValueError("x and y must be one-dimensional arrays of the same length")
        self._tree = shapely.STRtree(shapely.points(x, y))

    def __len__(self) -> int:
        return len(self._tree)

    def nearest(self, x: float, y: float, max_distance: float) -> int | None:
        """The point nearest (x, y) no farther than ``max_distance``, or None."""
        if len(self._tree) == 0:
            return None
        hits = self._tree.query_nearest(shapely.Point(x, y), max_distance=max_distance)
        return int(hits.min()) if len(hits) else None

    def in_box(self, xmin: float, ymin: float, xmax: float, ymax: float) -> np.ndarray:
        """Positions of every point inside the box (edges included), ascending."""
        if len(self._tree) == 0:
            return np.empty(0, dtype=np.int64)
        return np.sort(self._tree.query(shapely.box(xmin, ymin, xmax, ymax)))


class ShapeIndex:
    """Polygons (or any geometries): which contain a point, which meet a box."""

    def __init__(self, geometries):
        self._geoms = np.asarray(geometries, dtype=object)
        self._tree = shapely.STRtree(self._geoms)

    def __len__(self) -> int:
        return len(self._geoms)

    def containing(self, x: float, y: float) -> np.ndarray:
        """Positions of the geometries that contain the point (borders included), ascending."""
        if len(self._geoms) == 0:
            return np.empty(0, dtype=np.int64)
        return np.sort(self._tree.query(shapely.Point(x, y), predicate="intersects"))

    def in_box(self, xmin: float, ymin: float, xmax: float, ymax: float) -> np.ndarray:
        if len(self._geoms) == 0:
            return np.empty(0, dtype=np.int64)
        return np.sort(self._tree.query(shapely.box(xmin, ymin, xmax, ymax), predicate="intersects"))
