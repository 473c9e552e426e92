"""Tile fetching against a real local HTTP server: caching, missing tiles, failing and slow
providers, and the newest view winning over queued requests."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import cv2
import numpy as np
import pytest

from gis.tiles.cache import DiskTileCache
from gis.tiles.fetcher import TileFetcher
from gis.tiles.sources import HttpTileSource, TileError, redact, tianditu
from gis.tiles.tilemath import TileKey


def png(rgb: tuple[int, int, int]) -> bytes:
    img = np.zeros((256, 256, 3), dtype=np.uint8)
    img[:] = rgb[::-1]  # OpenCV is BGR
    ok, buf = cv2.imencode(".png", img)
    assert ok
    return buf.tobytes()


class TileServer:
    """Serves /{z}/{x}/{y}.png: a solid colour per zoom, 404 for zooms listed in ``missing``;
    ``mode`` "fail" answers 500, "html" answers a 200 error page, "block" waits for ``release``."""

    def __init__(self, colours: dict[int, tuple[int, int, int]] | None = None, missing: set[int] | None = None):
        self.colours = colours or {}
        self.missing = missing or set()
        self.mode = "ok"
        self.release = threading.Event()
        self.requests: list[tuple[int, int, int]] = []
        self._lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                parts = self.path.split("?")[0].strip("/").replace(".png", "").split("/")
                z, x, y = (int(p) for p in parts[-3:])
                with outer._lock:
                    outer.requests.append((z, x, y))
                if outer.mode == "block":
                    outer.release.wait(20)
                if outer.mode == "fail":
                    self.send_response(500)
                    self.end_headers()
                    return
                if outer.mode == "html":
                    body = b"<html>invalid key</html>"
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                elif z in outer.missing or z not in outer.colours:
                    self.send_response(404)
                    self.end_headers()
                    return
                else:
                    body = png(outer.colours[z])
                    self.send_response(200)
                    self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/{{z}}/{{x}}/{{y}}.png"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()

    def count(self) -> int:
        with self._lock:
            return len(self.requests)

    def close(self):
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    s = TileServer({12: (200, 30, 30), 13: (30, 200, 30)}, missing={14})
    yield s
    s.close()


class Collector:
    def __init__(self):
        self.tiles: dict[TileKey, bytes | None] = {}
        self.statuses = []
        self.lock = threading.Lock()

    def on_tile(self, key, data):
        with self.lock:
            self.tiles[key] = data

    def on_status(self, status):
        with self.lock:
            self.statuses.append(status)


def wait_for(cond, timeout=10.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(0.01)
    return False


def source(server, **kw) -> HttpTileSource:
    return HttpTileSource("local", server.url, 0, 18, timeout_s=(1.0, 2.0), **kw)


def test_wanted_tiles_arrive_and_are_cached_on_disk(server, tmp_path):
    got = Collector()
    disk = DiskTileCache(tmp_path, 1 << 20)
    f = TileFetcher(source(server), got.on_tile, disk_cache=disk)
    keys = [TileKey(12, 3250, 1528), TileKey(12, 3251, 1528)]
    f.want(keys)
    assert wait_for(lambda: len(got.tiles) == 2)
    assert all(got.tiles[k].startswith(b"\x89PNG") for k in keys)
    f.close()
    # a second session serves the same tiles from disk without asking the server
    before = server.count()
    again = Collector()
    f2 = TileFetcher(source(server), again.on_tile, disk_cache=DiskTileCache(tmp_path, 1 << 20))
    f2.want(keys)
    assert wait_for(lambda: len(again.tiles) == 2)
    assert server.count() == before
    f2.close()


def test_a_missing_tile_is_reported_once_and_not_asked_for_again(server):
    got = Collector()
    f = TileFetcher(source(server), got.on_tile)
    key = TileKey(14, 13001, 6115)
    f.want([key])
    assert wait_for(lambda: key in got.tiles)
    assert got.tiles[key] is None and f.is_missing(key)
    n = server.count()
    f.want([key])
    time.sleep(0.2)
    assert server.count() == n
    f.close()


def test_a_failing_provider_is_reported_down_then_up_without_being_hammered(server):
    server.mode = "fail"
    got = Collector()
    f = TileFetcher(source(server), got.on_tile, on_status=got.on_status, workers=2, retry_after_s=0.5)
    view = [TileKey(12, 3250 + i, 1528) for i in range(6)]
    f.want(view)
    assert wait_for(lambda: any(not s.ok for s in got.statuses))
    down = [s for s in got.statuses if not s.ok]
    assert len(down) == 1 and "500" in down[0].message
    # the map keeps asking every frame; while down the server sees at most one probe per interval
    n = server.count()
    for _ in range(20):
        f.want(view)
        time.sleep(0.01)
    assert server.count() - n <= 2
    server.mode = "ok"
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and not (got.statuses and got.statuses[-1].ok):
        f.want(view)
        time.sleep(0.05)
    assert got.statuses[-1].ok

    def all_arrived():
        f.want(view)  # as the map does on every frame
        return all(got.tiles.get(k) for k in view)

    assert wait_for(all_arrived)
    f.close()


def test_newest_view_wins_over_queued_requests(server):
    server.mode = "block"
    got = Collector()
    f = TileFetcher(source(server), got.on_tile, workers=1)
    old_view = [TileKey(12, 3000 + i, 1500) for i in range(8)]
    f.want(old_view)
    assert wait_for(lambda: server.count() == 1)  # one in flight, seven queued
    new_view = [TileKey(13, 6500, 3056)]
    f.want(new_view)
    server.release.set()
    assert wait_for(lambda: new_view[0] in got.tiles)
    time.sleep(0.2)
    asked = set(server.requests)
    assert len([k for k in old_view if tuple(k) in asked]) == 1  # only the one already in flight
    f.close()


def test_want_returns_at_once_even_when_the_server_hangs(server):
    server.mode = "block"
    f = TileFetcher(source(server), lambda k, d: None, workers=2)
    t0 = time.monotonic()
    for i in range(50):
        f.want([TileKey(12, 3000 + i, 1500)])
    assert time.monotonic() - t0 < 1.0
    server.release.set()
    f.close()


def test_an_error_page_instead_of_an_image_is_a_tile_error(server):
    server.mode = "html"
    with pytest.raises(TileError, match="not an image"):
        source(server).load(TileKey(12, 1, 1))


def test_an_unreachable_server_is_a_tile_error():
    src = HttpTileSource("dead", "http://127.0.0.1:9/{z}/{x}/{y}.png", timeout_s=(0.5, 0.5))
    with pytest.raises(TileError):
        src.load(TileKey(1, 0, 0))


def test_tianditu_needs_a_key_and_never_shows_it():
    with pytest.raises(ValueError, match="key"):
        tianditu("")
    with pytest.raises(ValueError):
        tianditu("abc def")
    bm = tianditu("0123456789abcdef0123456789abcdef")
    ids = [s.id for s in bm.sources]
    assert ids == ["tianditu-vec", "tianditu-cva"]  # base map plus its annotation layer
    url = bm.sources[0].url_for(TileKey(12, 3250, 1528))
    assert "tk=0123456789abcdef" in url and "TILECOL=3250" in url and "TILEROW=1528" in url
    assert "0123456789abcdef" not in redact(url)
    assert not bm.gcj02


def test_bad_source_definitions_are_refused():
    with pytest.raises(ValueError, match="lacks"):
        HttpTileSource("x", "http://example/{z}/{x}.png")
    with pytest.raises(ValueError, match="subdomains"):
        HttpTileSource("x", "http://{s}.example/{z}/{x}/{y}.png")
    with pytest.raises(ValueError, match="id"):
        HttpTileSource("bad id", "http://example/{z}/{x}/{y}.png")
