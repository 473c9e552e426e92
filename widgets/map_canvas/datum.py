"""Stored WGS-84 ↔ the display frame: Web Mercator metres, of GCJ-02 while a GCJ-02 basemap is on.

Storage never changes; only what is drawn moves (by about 600 m around Baotou), so vector
layers line up with AMap's shifted tiles.
"""

from __future__ import annotations

import numpy as np

from gis import crs


def to_display(lon, lat, gcj02: bool):
    if gcj02:
        lon, lat = crs.wgs84_to_gcj02(lon, lat)
    return crs.lonlat_to_mercator(lon, lat)


def from_display(x, y, gcj02: bool):
    """Display metres → WGS-84 lon/lat."""
    lon, lat = crs.mercator_to_lonlat(x, y)
    if gcj02:
        lon, lat = crs.gcj02_to_wgs84(lon, lat)
    return lon, lat


def lonlat_arrays(x, y, source_crs: str) -> tuple[np.ndarray, np.ndarray]:
    """Caller coordinates (WGS-84 lon/lat or Web Mercator metres) → validated WGS-84 lon/lat arrays."""
    x = np.asarray(x, dtype=np.float64).ravel()
    y = np.asarray(y, dtype=np.float64).ravel()
    if x.shape != y.shape:
        raise ValueError(f"{len(x)} x values but {len(y)} y values")
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))):
        bad = int(np.flatnonzero(~(np.isfinite(x) & np.isfinite(y)))[0])
        raise ValueError(f"coordinates must be finite numbers (row {bad} is not)")
    src = crs.normalize_crs(source_crs)
    if src == crs.WEBMERCATOR:
        x, y = crs.mercator_to_lonlat(x, y)
    elif src != crs.WGS84:
        raise ValueError(f"layers take WGS-84 lon/lat or Web Mercator metres, not {source_crs!r}")
    if np.any(np.abs(y) > 85.06) or np.any(np.abs(x) > 180):
        bad = int(np.flatnonzero((np.abs(y) > 85.06) | (np.abs(x) > 180))[0])
        raise ValueError(f"row {bad}: ({x[bad]}, {y[bad]}) is not a longitude/latitude on the map")
    return x, y


class IdLookup:
    """Feature id → row, without a Python dict per feature (235k ids stay a couple of arrays)."""

    def __init__(self, ids: np.ndarray):
        self.ids = ids
        self._order = np.argsort(ids, kind="stable")
        self._sorted = ids[self._order]
        if len(ids) > 1 and np.any(self._sorted[1:] == self._sorted[:-1]):
            dup = self._sorted[1:][self._sorted[1:] == self._sorted[:-1]][0]
            raise ValueError(f"feature ids must be unique; {dup!r} appears more than once")

    def rows(self, ids) -> np.ndarray:
        """Rows of the given ids; ids not in the layer are ignored."""
        ids = np.asarray(ids, dtype=self.ids.dtype).ravel()
        if len(self._sorted) == 0 or len(ids) == 0:
            return np.empty(0, dtype=np.int64)
        pos = np.clip(np.searchsorted(self._sorted, ids), 0, len(self._sorted) - 1)
        found = self._sorted[pos] == ids
        return self._order[pos[found]]
