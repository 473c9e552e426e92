"""Distances and areas measured on the WGS-84 ellipsoid (pyproj.Geod), never on the map plane.

Web Mercator stretches lengths by 1/cos(latitude), about 32 % at Baotou (40.6° N), and areas by
its square, so the measure tool converts what the user clicked back to WGS-84 lon/lat and asks
the ellipsoid.
"""

from __future__ import annotations

import numpy as np
from pyproj import Geod

_GEOD = Geod(ellps="WGS84")


def _lonlat(lon, lat, at_least: int, what: str) -> tuple[np.ndarray, np.ndarray]:
    lon = np.asarray(lon, dtype=np.float64).ravel()
    lat = np.asarray(lat, dtype=np.float64).ravel()
    if lon.shape != lat.shape:
        raise ValueError(f"{what}: {len(lon)} longitudes but {len(lat)} latitudes")
    if len(lon) < at_least:
        raise ValueError(f"{what} needs at least {at_least} points, got {len(lon)}")
    if not (np.all(np.isfinite(lon)) and np.all(np.isfinite(lat))):
        raise ValueError(f"{what}: coordinates must be finite numbers")
    if np.any(np.abs(lat) > 90) or np.any(np.abs(lon) > 360):
        raise ValueError(f"{what}: coordinates must be longitude/latitude in degrees")
    return lon, lat


def path_length_m(lon, lat) -> float:
    """Length of the polyline through the points, in metres along geodesics."""
    lon, lat = _lonlat(lon, lat, 2, "a distance")
    return float(_GEOD.line_length(lon, lat))


def segment_lengths_m(lon, lat) -> np.ndarray:
    """Length of each leg of the polyline, in metres."""
    lon, lat = _lonlat(lon, lat, 2, "a distance")
    _fwd, _back, dist = _GEOD.inv(lon[:-1], lat[:-1], lon[1:], lat[1:])
    return np.asarray(dist, dtype=np.float64)


def polygon_area_m2(lon, lat) -> tuple[float, float]:
    """(area m², perimeter m) of the ring through the points, closed automatically.

    The area is unsigned: users click rings in either direction.
    """
    lon, lat = _lonlat(lon, lat, 3, "an area")
    area, perimeter = _GEOD.polygon_area_perimeter(lon, lat)
    return abs(float(area)), float(perimeter)
