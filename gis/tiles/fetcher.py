"""Fetching tiles in a small worker pool, never on the caller's thread.

The caller says which tiles it wants *now* (``want``); anything queued for an older view that is
no longer wanted is cancelled, so the newest view wins and quota-limited services (Tianditu) are
only ever asked for tiles in view. Results are handed to ``on_tile`` in the worker thread; the
map turns them into images there and signals its own thread.

A provider that keeps failing is reported once through ``on_status`` and then probed at most
once per ``retry_after_s`` while tiles already on disk keep being served, so a dead server costs
the map neither responsiveness nor a flood of requests.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from gis.tiles.cache import DiskTileCache
from gis.tiles.sources import TileError, TileSource
from gis.tiles.tilemath import TileKey


@dataclass(frozen=True)
class ProviderStatus:
    source_id: str
    ok: bool
    message: str = ""


class TileFetcher:
    def __init__(
        self,
        source: TileSource,
        on_tile: Callable[[TileKey, bytes | None], None],
        *,
        disk_cache: DiskTileCache | None = None,
        on_status: Callable[[ProviderStatus], None] | None = None,
        workers: int = 3,
        failures_before_down: int = 3,
        retry_after_s: float = 15.0,
    ):
        self.source = source
        self._on_tile = on_tile
        self._on_status = on_status
        self._disk = disk_cache
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix=f"tiles-{source.id}")
        self._lock = threading.Lock()
        self._pending: dict[TileKey, Future] = {}
        self._missing: set[TileKey] = set()
        self._retry_at: dict[TileKey, float] = {}
        self._failures = 0
        self._threshold = failures_before_down
        self._retry_after = retry_after_s
        self._down = False
        self._next_probe = 0.0
        self._closed = False
        self.requests_sent = 0  # network requests, for quota accounting and tests

    @property
    def status(self) -> ProviderStatus:
        return ProviderStatus(self.source.id, not self._down, "")

    def is_missing(self, key: TileKey) -> bool:
        """True once the source has said it has no such tile."""
        return key in self._missing

    def pending_count(self) -> int:
        with self._lock:
            return len(self._pending)

    def want(self, keys: Iterable[TileKey]) -> None:
        """Replace the wanted set: queue new tiles, cancel queued ones no longer in view."""
        keys = [k for k in keys if self.source.min_zoom <= k.z <= self.source.max_zoom]
        now = time.monotonic()
        with self._lock:
            if self._closed:
                return
            wanted = set(keys)
            if len(self._retry_at) > 4096:  # a wall display runs for weeks: forget old failures
                self._retry_at = {k: t for k, t in self._retry_at.items() if t > now}
            for k, fut in list(self._pending.items()):
                if k not in wanted and fut.cancel():
                    del self._pending[k]
            for k in keys:
                if k in self._pending or k in self._missing or self._retry_at.get(k, 0.0) > now:
                    continue
                self._pending[k] = self._pool.submit(self._load, k)

    def _network_allowed(self) -> bool:
        with self._lock:
            if not self._down:
                return True
            now = time.monotonic()
            if now >= self._next_probe:
                self._next_probe = now + self._retry_after
                return True
            return False

    def _load(self, key: TileKey) -> None:
        try:
            data = self._disk.get(self.source.id, key) if self._disk is not None else None
            if data is None:
                if not self._network_allowed():
                    with self._lock:
                        self._retry_at[key] = self._next_probe
                    return
                with self._lock:
                    self.requests_sent += 1
                try:
                    data = self.source.load(key)
                except TileError as exc:
                    self._failed(key, str(exc))
                    return
                self._succeeded()
                if data is None:
                    with self._lock:
                        self._missing.add(key)
                elif self._disk is not None:
                    self._disk.put(self.source.id, key, data)
            self._on_tile(key, data)
        except Exception as exc:  # a broken tile (undecodable image) must not kill the worker
            self._failed(key, f"{self.source.id}: {type(exc).__name__}: {exc}", count=False)
        finally:
            with self._lock:
                self._pending.pop(key, None)

    def _succeeded(self) -> None:
        with self._lock:
            self._failures = 0
            was_down, self._down = self._down, False
        if was_down and self._on_status:
            self._on_status(ProviderStatus(self.source.id, True, ""))

    def _failed(self, key: TileKey, message: str, count: bool = True) -> None:
        with self._lock:
            self._retry_at[key] = time.monotonic() + self._retry_after
            if count:
                self._failures += 1
            went_down = count and not self._down and self._failures >= self._threshold
            if went_down:
                self._down = True
                self._next_probe = time.monotonic() + self._retry_after
        if went_down and self._on_status:
            self._on_status(ProviderStatus(self.source.id, False, message))

    def close(self) -> None:
        with self._lock:
            self._closed = True
        self._pool.shutdown(wait=False, cancel_futures=True)
