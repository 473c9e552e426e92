"""Slippy-map tile arithmetic on spherical Web Mercator (EPSG:3857), 256-pixel tiles.

Everything is in Web Mercator metres so the canvas, the tiles and the level-of-detail grid
share one frame: a tile at zoom z is exactly the square of side ``WORLD_SIZE / 2**z``, and the
grid cells of ``gis.lod`` nest into it. TMS (MBTiles) rows count from the south, XYZ rows from
the north; ``tms_row`` converts between the two.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from gis.crs import lonlat_to_mercator

EARTH_RADIUS = 6378137.0
WORLD_HALF = math.pi * EARTH_RADIUS  # 20037508.342789244 m
WORLD_SIZE = 2.0 * WORLD_HALF
TILE_SIZE = 256
MAX_ZOOM = 24


class TileKey(NamedTuple):
    z: int
    x: int
    y: int  # XYZ row: 0 at the north edge


def resolution(zoom: float, tile_size: int = TILE_SIZE) -> float:
    """Metres per pixel at the equator for a (possibly fractional) zoom level."""
    return WORLD_SIZE / (tile_size * 2.0**zoom)


def zoom_for_resolution(res: float, tile_size: int = TILE_SIZE) -> float:
    """The fractional zoom level whose pixels are ``res`` metres wide."""
    if res <= 0:
        raise ValueError(f"resolution must be positive, got {res!r}")
    return math.log2(WORLD_SIZE / (tile_size * res))


def tile_span(z: int) -> float:
    """Width of one tile at zoom z, in metres."""
    return WORLD_SIZE / (1 << z)


def tile_bounds(key: TileKey) -> tuple[float, float, float, float]:
    """(xmin, ymin, xmax, ymax) of a tile in Web Mercator metres."""
    span = tile_span(key.z)
    xmin = -WORLD_HALF + key.x * span
    ymax = WORLD_HALF - key.y * span
    return xmin, ymax - span, xmin + span, ymax


def tile_at(mx: float, my: float, z: int) -> TileKey:
    """The tile containing a Web Mercator point, clamped to the world."""
    n = 1 << z
    span = tile_span(z)
    tx = min(n - 1, max(0, int(math.floor((mx + WORLD_HALF) / span))))
    ty = min(n - 1, max(0, int(math.floor((WORLD_HALF - my) / span))))
    return TileKey(z, tx, ty)


def lonlat_to_tile(lon: float, lat: float, z: int) -> TileKey:
    mx, my = lonlat_to_mercator(lon, lat)
    return tile_at(mx, my, z)


def tiles_in_extent(xmin: float, ymin: float, xmax: float, ymax: float, z: int) -> list[TileKey]:
    """Every tile at zoom z that intersects the extent, nearest the centre first.

    Centre-first order means the tiles a user looks at are requested before the corners.
    """
    if not (xmin < xmax and ymin < ymax):
        return []
    a = tile_at(xmin, ymax, z)
    b = tile_at(xmax, ymin, z)
    # an extent edge that falls exactly on a tile boundary does not pull in the next tile
    span = tile_span(z)
    x_last = b.x if (xmax + WORLD_HALF) / span > b.x else b.x - 1
    y_last = b.y if (WORLD_HALF - ymin) / span > b.y else b.y - 1
    cx = ((xmin + xmax) / 2 + WORLD_HALF) / span
    cy = (WORLD_HALF - (ymin + ymax) / 2) / span
    keys = [TileKey(z, x, y) for x in range(a.x, max(a.x, x_last) + 1) for y in range(a.y, max(a.y, y_last) + 1)]
    keys.sort(key=lambda k: (k.x + 0.5 - cx) ** 2 + (k.y + 0.5 - cy) ** 2)
    return keys


def parent(key: TileKey, levels: int = 1) -> TileKey:
    """The ancestor ``levels`` zooms up; raises for levels beyond the root."""
    if levels < 0 or levels > key.z:
        raise ValueError(f"tile {tuple(key)} has no ancestor {levels} levels up")
    return TileKey(key.z - levels, key.x >> levels, key.y >> levels)


def sub_rect_in_ancestor(key: TileKey, ancestor: TileKey, tile_size: int = TILE_SIZE) -> tuple[float, float, float]:
    """Where ``key`` lies inside ``ancestor``'s image: (left px, top px, size px).

    A missing tile is drawn from this part of an ancestor, scaled up.
    """
    d = key.z - ancestor.z
    if d < 0 or (key.x >> d, key.y >> d) != (ancestor.x, ancestor.y):
        raise ValueError(f"{tuple(ancestor)} is not an ancestor of {tuple(key)}")
    size = tile_size / (1 << d)
    return (key.x - (ancestor.x << d)) * size, (key.y - (ancestor.y << d)) * size, size


def tms_row(z: int, y: int) -> int:
    """XYZ row ↔ TMS row (MBTiles counts rows from the south); the flip is its own inverse."""
    return (1 << z) - 1 - y
