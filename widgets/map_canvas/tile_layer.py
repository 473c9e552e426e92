"""Raster basemap tiles on the canvas: drawn from memory, fetched and decoded in workers.

Each frame draws the tiles of the view that are in memory; a tile not there yet (or that the
service does not have) is drawn from the nearest ancestor in memory, cut out and scaled up, so
zooming never shows holes. The missing ones are handed to the fetcher, which replaces any older
wish list (the newest view wins) and never asks for tiles outside the view. Decoding happens in
the worker; the image crosses to the GUI thread by a queued signal.
"""

from __future__ import annotations

import math
from functools import partial
from pathlib import Path

from PySide6.QtCore import QRectF, Signal
from PySide6.QtGui import QColor, QImage, QPainter

from gis.tiles.cache import DiskTileCache, LruCache
from gis.tiles.fetcher import ProviderStatus, TileFetcher
from gis.tiles.sources import Basemap, HttpTileSource
from gis.tiles.tilemath import TileKey, parent, sub_rect_in_ancestor, tile_bounds, tiles_in_extent
from widgets.map_canvas.layer import MapLayer, RenderContext

MAX_FALLBACK_LEVELS = 8


class TileLayer(MapLayer):
    paints_in_worker = True  # reads the thread-safe memory cache; fetching is queued, never waited for
    statusChanged = Signal(bool, str)  # provider up/down, with the reason (keys redacted)
    _arrived = Signal(str, object, object)  # source id, key, QImage or None: emitted in workers

    def __init__(self, basemap: Basemap, *, layer_id: str = "basemap", cache_dir: str | Path | None = None,
                 max_disk_bytes: int = 256 * 1024 * 1024, memory_tiles: int = 160, workers: int = 3, **kw):
        super().__init__(layer_id, basemap.name, **kw)
        self.basemap = basemap
        self._mem = LruCache(memory_tiles)
        disk = DiskTileCache(cache_dir, max_disk_bytes) if cache_dir is not None else None
        self._fetchers: dict[str, TileFetcher] = {}
        for src in basemap.sources:
            self._fetchers[src.id] = TileFetcher(
                src, partial(self._decode, src.id),
                disk_cache=disk if isinstance(src, HttpTileSource) else None,
                on_status=self._provider_status, workers=workers,
            )
        # a canvas deleted without set_basemap(None) still stops its fetch threads
        self.destroyed.connect(partial(_close_all, list(self._fetchers.values())))
        self._down: dict[str, str] = {}
        self._arriving: set[tuple[str, TileKey]] = set()  # decoded, on their way to this thread
        self._arrived.connect(self._store)

    @property
    def available(self) -> bool:
        return not self._down

    @property
    def status_message(self) -> str:
        return "; ".join(self._down.values())

    def fetcher(self, source_id: str) -> TileFetcher:
        return self._fetchers[source_id]

    def _decode(self, source_id: str, key: TileKey, data: bytes | None) -> None:
        """Runs in a fetch worker."""
        img = None
        if data is not None:
            img = QImage.fromData(data)
            if img.isNull():
                raise ValueError(f"tile {tuple(key)} is not a readable image")
            img = img.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
        self._arriving.add((source_id, key))  # so a frame drawn meanwhile does not ask again
        self._arrived.emit(source_id, key, img)

    def _store(self, source_id: str, key: TileKey, img: QImage | None) -> None:
        if img is not None:
            self._mem.put((source_id, key), img)
        self._arriving.discard((source_id, key))
        self.changed.emit()

    def _provider_status(self, status: ProviderStatus) -> None:
        """Runs in a fetch worker; the signal reaches the GUI thread queued."""
        if status.ok:
            self._down.pop(status.source_id, None)
        else:
            self._down[status.source_id] = status.message
        self.statusChanged.emit(not self._down, self.status_message)

    def draw(self, p: QPainter, ctx: RenderContext, prepared) -> None:
        view = ctx.view
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        for src in self.basemap.sources:
            fetcher = self._fetchers[src.id]
            z = min(src.max_zoom, max(src.min_zoom, int(math.floor(view.zoom + 0.5))))
            wanted: list[TileKey] = []
            for key in tiles_in_extent(*view.extent, z):
                x0, y0, x1, y1 = tile_bounds(key)
                sx0, sy0 = view.to_screen(x0, y1)
                sx1, sy1 = view.to_screen(x1, y0)
                target = QRectF(math.floor(sx0), math.floor(sy0),
                                math.floor(sx1) - math.floor(sx0), math.floor(sy1) - math.floor(sy0))
                img = self._mem.get((src.id, key))
                if img is not None:
                    p.drawImage(target, img, QRectF(img.rect()))
                    continue
                missing = fetcher.is_missing(key)
                if not missing and (src.id, key) not in self._arriving:
                    wanted.append(key)
                for d in range(1, min(MAX_FALLBACK_LEVELS, key.z - src.min_zoom) + 1):
                    anc = parent(key, d)
                    aimg = self._mem.peek((src.id, anc))
                    if aimg is not None:
                        left, top, size = sub_rect_in_ancestor(key, anc, aimg.width())
                        p.drawImage(target, aimg, QRectF(left, top, size, size))
                        break
                    if missing and not fetcher.is_missing(anc):
                        wanted.append(anc)  # the service has no such tile: fetch the area coarser
                        break
            fetcher.want(wanted)
        dim = QColor(ctx.palette.tile_dim)
        if dim.alpha():
            p.fillRect(0, 0, view.width, view.height, dim)

    def close(self) -> None:
        _close_all(list(self._fetchers.values()))


def _close_all(fetchers: list[TileFetcher], *_args) -> None:
    for f in fetchers:
        f.close()
