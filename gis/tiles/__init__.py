"""Basemap tiles: slippy-map arithmetic, tile sources (HTTP, MBTiles), caches and fetching.

Qt-free: bytes in, bytes out. The map canvas decodes and draws them.
"""

from gis.tiles.cache import DiskTileCache, LruCache
from gis.tiles.fetcher import ProviderStatus, TileFetcher
from gis.tiles.mbtiles import MBTilesError, MBTilesSource, mbtiles
from gis.tiles.sources import (
    Basemap,
    HttpTileSource,
    TileError,
    TileSource,
    amap,
    openstreetmap,
    redact,
    tianditu,
    xyz_basemap,
)
from gis.tiles.tilemath import TileKey

__all__ = [
    "Basemap", "DiskTileCache", "HttpTileSource", "LruCache", "MBTilesError", "MBTilesSource",
    "ProviderStatus", "TileError", "TileFetcher", "TileKey", "TileSource", "amap", "mbtiles",
    "openstreetmap", "redact", "tianditu", "xyz_basemap",
]
