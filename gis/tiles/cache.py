"""Bounded tile caches: a disk cache with a size limit and LRU eviction, and an in-memory LRU.

The disk cache keeps an in-memory index (key → size) in least-recently-used order, rebuilt on
first use from the files' modification times, so lookups never scan the folder and eviction
never exceeds the byte budget by more than the tile being written. Writes are atomic (temp
file + rename), so a crash never leaves a half tile that would later be drawn.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

from gis.tiles.tilemath import TileKey

_SUFFIX = ".tile"


class LruCache:
    """Thread-safe LRU map bounded by a total cost (items by default, bytes if ``cost`` says so)."""

    def __init__(self, max_cost: int, cost: Callable[[Any], int] = lambda _v: 1):
        if max_cost <= 0:
            raise ValueError("a cache needs a positive size limit")
        self.max_cost = max_cost
        self._cost = cost
        self._items: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._total = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable, default=None):
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return default
            self._items.move_to_end(key)
            return item[0]

    def peek(self, key: Hashable, default=None):
        """Look without refreshing the entry's age (used when drawing fallbacks)."""
        with self._lock:
            item = self._items.get(key)
            return default if item is None else item[0]

    def put(self, key: Hashable, value) -> None:
        c = int(self._cost(value))
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._total -= old[1]
            self._items[key] = (value, c)
            self._total += c
            while self._total > self.max_cost and len(self._items) > 1:
                _, (_, oc) = self._items.popitem(last=False)
                self._total -= oc

    def __contains__(self, key: Hashable) -> bool:
        with self._lock:
            return key in self._items

    def __len__(self) -> int:
        return len(self._items)

    @property
    def total_cost(self) -> int:
        return self._total

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._total = 0


class DiskTileCache:
    """Tiles on disk under ``root/<source id>/<z>/<x>/<y>.tile``, at most ``max_bytes`` in all."""

    def __init__(self, root: str | Path, max_bytes: int = 256 * 1024 * 1024):
        if max_bytes <= 0:
            raise ValueError("the tile cache needs a positive size limit")
        self.root = Path(root)
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._index: OrderedDict[tuple[str, TileKey], int] = OrderedDict()
        self._total = 0
        self._scanned = False

    def _path(self, source_id: str, key: TileKey) -> Path:
        return self.root / source_id / str(key.z) / str(key.x) / f"{key.y}{_SUFFIX}"

    def _ensure_scanned(self) -> None:
        """Index what earlier runs left, on first use (in a worker thread, not at construction)."""
        with self._lock:
            if self._scanned:
                return
            self._scanned = True
            self._scan()

    def _scan(self) -> None:
        found = []
        if self.root.is_dir():
            for p in self.root.glob(f"*/*/*/*{_SUFFIX}"):
                try:
                    st = p.stat()
                    key = TileKey(int(p.parent.parent.name), int(p.parent.name), int(p.name[: -len(_SUFFIX)]))
                except (OSError, ValueError):
                    continue
                found.append((st.st_mtime, p.parent.parent.parent.name, key, st.st_size))
        found.sort()
        for _mtime, sid, key, size in found:
            self._index[(sid, key)] = size
            self._total += size
        self._evict()

    @property
    def total_bytes(self) -> int:
        self._ensure_scanned()
        return self._total

    def __len__(self) -> int:
        self._ensure_scanned()
        return len(self._index)

    def get(self, source_id: str, key: TileKey) -> bytes | None:
        self._ensure_scanned()
        ik = (source_id, key)
        with self._lock:
            if ik not in self._index:
                return None
            self._index.move_to_end(ik)
        try:
            return self._path(source_id, key).read_bytes()
        except OSError:
            with self._lock:
                size = self._index.pop(ik, None)
                if size is not None:
                    self._total -= size
            return None

    def put(self, source_id: str, key: TileKey, data: bytes) -> None:
        self._ensure_scanned()
        if len(data) > self.max_bytes:
            return
        path = self._path(source_id, key)
        tmp = path.with_name(f"{path.name}.{threading.get_ident()}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(data)
            os.replace(tmp, path)
        except OSError:
            tmp.unlink(missing_ok=True)
            return  # a full or read-only disk costs us the cache, never the map
        ik = (source_id, key)
        with self._lock:
            old = self._index.pop(ik, None)
            if old is not None:
                self._total -= old
            self._index[ik] = len(data)
            self._total += len(data)
            self._evict()

    def _evict(self) -> None:
        while self._total > self.max_bytes and self._index:
            (sid, key), size = self._index.popitem(last=False)
            self._total -= size
            with contextlib.suppress(OSError):  # a file we cannot delete is only wasted space
                self._path(sid, key).unlink()
