"""Local MBTiles files (SQLite), for sites with no internet.

MBTiles stores rows in TMS order (row 0 at the south), so every lookup flips the XYZ row.
The file is opened read-only, one connection per worker thread (sqlite3 connections are not
shared across threads).
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from gis.tiles.sources import Basemap, TileError
from gis.tiles.tilemath import TileKey, tms_row


class MBTilesError(ValueError):
    pass


class MBTilesSource:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        if not self.path.is_file():
            raise MBTilesError(f"no MBTiles file at {self.path}")
        self._local = threading.local()
        try:
            meta = dict(self._connection().execute("SELECT name, value FROM metadata").fetchall())
            zooms = self._connection().execute("SELECT MIN(zoom_level), MAX(zoom_level) FROM tiles").fetchone()
        except sqlite3.DatabaseError as exc:
            raise MBTilesError(f"{self.path.name} is not an MBTiles file: {exc}") from None
        fmt = meta.get("format", "png")
        if fmt not in ("png", "jpg", "jpeg", "webp"):
            raise MBTilesError(f"{self.path.name} holds {fmt!r} tiles; only raster png/jpg/webp can be drawn")
        self.id = "mbtiles-" + "".join(c if c.isalnum() else "-" for c in self.path.stem)
        self.name = meta.get("name") or self.path.stem
        self.attribution = meta.get("attribution", "")
        lo, hi = zooms if zooms and zooms[0] is not None else (0, 0)
        self.min_zoom = int(meta.get("minzoom", lo))
        self.max_zoom = int(meta.get("maxzoom", hi))
        self.bounds = tuple(float(v) for v in meta["bounds"].split(",")) if "bounds" in meta else None

    def _connection(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.con = con
        return con

    def load(self, key: TileKey) -> bytes | None:
        try:
            row = self._connection().execute(
                "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
                (key.z, key.x, tms_row(key.z, key.y)),
            ).fetchone()
        except sqlite3.DatabaseError as exc:
            raise TileError(f"{self.path.name}: {exc}") from None
        return bytes(row[0]) if row else None


def mbtiles(path: str | Path) -> Basemap:
    src = MBTilesSource(path)
    return Basemap(src.id, src.name, (src,))

