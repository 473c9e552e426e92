"""The tile caches stay within their bounds and evict the least recently used tiles first."""

import os

import pytest

from gis.tiles.cache import DiskTileCache, LruCache
from gis.tiles.tilemath import TileKey


def _tile(i: int, size: int = 1000) -> bytes:
    return bytes([i % 256]) * size


def test_disk_cache_never_exceeds_its_byte_limit(tmp_path):
    cache = DiskTileCache(tmp_path, max_bytes=10_000)
    for i in range(40):
        cache.put("osm", TileKey(12, i, 0), _tile(i))
        assert cache.total_bytes <= 10_000
    on_disk = sum(f.stat().st_size for f in tmp_path.rglob("*.tile"))
    assert on_disk <= 10_000
    assert len(cache) == 10


def test_disk_cache_evicts_the_least_recently_used_tile(tmp_path):
    cache = DiskTileCache(tmp_path, max_bytes=3_000)
    for i in range(3):
        cache.put("osm", TileKey(12, i, 0), _tile(i))
    assert cache.get("osm", TileKey(12, 0, 0)) == _tile(0)  # tile 0 is now the most recent
    cache.put("osm", TileKey(12, 3, 0), _tile(3))
    assert cache.get("osm", TileKey(12, 1, 0)) is None  # the oldest untouched one went
    assert cache.get("osm", TileKey(12, 0, 0)) == _tile(0)
    assert cache.get("osm", TileKey(12, 3, 0)) == _tile(3)


def test_disk_cache_survives_a_restart_and_enforces_a_smaller_limit(tmp_path):
    first = DiskTileCache(tmp_path, max_bytes=100_000)
    for i in range(10):
        first.put("tianditu-vec", TileKey(10, i, i), _tile(i))
        os.utime(tmp_path / "tianditu-vec" / "10" / str(i) / f"{i}.tile", (1000 + i, 1000 + i))
    again = DiskTileCache(tmp_path, max_bytes=5_000)
    assert len(again) == 5
    assert again.get("tianditu-vec", TileKey(10, 9, 9)) == _tile(9)  # newest kept
    assert again.get("tianditu-vec", TileKey(10, 0, 0)) is None  # oldest evicted
    assert not list(tmp_path.rglob("*.tmp"))


def test_a_tile_deleted_behind_the_cache_is_a_miss_not_an_error(tmp_path):
    cache = DiskTileCache(tmp_path, max_bytes=10_000)
    cache.put("osm", TileKey(3, 1, 1), b"x" * 10)
    (tmp_path / "osm" / "3" / "1" / "1.tile").unlink()
    assert cache.get("osm", TileKey(3, 1, 1)) is None
    assert cache.total_bytes == 0


def test_memory_cache_is_bounded_by_cost_and_keeps_recent_entries():
    c = LruCache(max_cost=100, cost=len)
    c.put("a", b"x" * 40)
    c.put("b", b"x" * 40)
    assert c.get("a") is not None  # refresh a
    c.put("c", b"x" * 40)
    assert "b" not in c and "a" in c and "c" in c
    assert c.total_cost <= 100


def test_caches_refuse_a_useless_limit(tmp_path):
    with pytest.raises(ValueError):
        DiskTileCache(tmp_path, max_bytes=0)
    with pytest.raises(ValueError):
        LruCache(0)
