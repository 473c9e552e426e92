"""Raster basemaps on the canvas against a real local tile server: tiles drawn, a missing tile
filled from its parent, only the view fetched, and a failing provider that never freezes the map."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QPoint

from gis import crs
from gis.tiles.sources import xyz_basemap
from gis.tiles.tilemath import tiles_in_extent
from tests.gis.test_tiles_fetch import TileServer
from widgets.map_canvas import MapCanvas

W, H = 640, 480


@pytest.fixture
def server():
    s = TileServer({12: (220, 40, 40), 13: (40, 40, 220)}, missing={14})
    yield s
    s.close()


@pytest.fixture
def canvas(qtbot):
    c = MapCanvas()
    qtbot.addWidget(c)
    c.resize(W, H)
    c.show()
    qtbot.waitExposed(c)
    yield c
    c.set_basemap(None)


def centre_colour(canvas) -> str:
    return canvas.grab().toImage().pixelColor(QPoint(W // 2, H // 2)).name()


def test_tiles_from_the_server_are_drawn(canvas, server, qtbot, tmp_path):
    canvas.set_basemap(xyz_basemap("local", "Local", server.url), cache_dir=tmp_path)
    canvas.center_on(109.85, 40.65, 13)
    canvas.grab()  # asks for the tiles of the view
    qtbot.waitUntil(lambda: centre_colour(canvas) == "#2828dc", timeout=10000)


def test_a_missing_tile_shows_its_parent_scaled_up(canvas, server, qtbot):
    canvas.set_basemap(xyz_basemap("local", "Local", server.url))
    canvas.center_on(109.85, 40.65, 14)  # the server has no zoom-14 tiles; zoom 13 is blue
    canvas.grab()
    qtbot.waitUntil(lambda: centre_colour(canvas) == "#2828dc", timeout=10000)
    assert any(z == 14 for z, _, _ in server.requests)  # it did ask for the real tile first


def test_only_tiles_in_view_are_requested(canvas, server, qtbot):
    canvas.set_basemap(xyz_basemap("local", "Local", server.url))
    canvas.center_on(109.85, 40.65, 13)
    for _ in range(3):
        canvas.grab()
        qtbot.wait(100)
    in_view = {tuple(k) for k in tiles_in_extent(*canvas.view.extent, 13)}
    assert set(server.requests) == in_view  # nothing beyond the view (Tianditu keys have quotas)
    assert len(server.requests) == len(in_view)  # and nothing twice


def test_a_failing_provider_is_reported_and_the_map_stays_responsive(canvas, server, qtbot):
    server.mode = "fail"
    canvas.set_basemap(xyz_basemap("local", "Local", server.url))
    canvas.center_on(109.85, 40.65, 13)
    with qtbot.waitSignal(canvas.basemapStatusChanged, check_params_cb=lambda ok, msg: not ok, timeout=10000) as sig:
        canvas.grab()
    assert "500" in sig.args[1]
    z = canvas.view.zoom
    canvas.zoom_by(2.0)
    canvas.grab()
    assert canvas.view.zoom == pytest.approx(z + 1)
    assert not canvas.tile_layer.available


def test_a_hanging_provider_never_blocks_painting(canvas, server):
    server.mode = "block"  # every request waits until the test ends
    canvas.set_basemap(xyz_basemap("local", "Local", server.url))
    canvas.center_on(109.85, 40.65, 13)
    t0 = time.monotonic()
    for i in range(20):
        canvas.zoom_by(1.1 if i % 2 else 1 / 1.1)
        canvas.grab()
    assert time.monotonic() - t0 < 10  # twenty frames drawn while every tile request hangs
    assert server.count() >= 1


def test_a_gcj02_basemap_shifts_the_vector_layers(canvas, server):
    canvas.set_basemap(xyz_basemap("amap-like", "AMap-like", server.url, gcj02=True))
    assert canvas.gcj02_display
    canvas.center_on(109.85, 40.65, 15)
    x, y = canvas.view.cx, canvas.view.cy
    assert crs.mercator_to_lonlat(x, y) == pytest.approx(crs.wgs84_to_gcj02(109.85, 40.65), abs=1e-6)
    canvas.set_basemap(None)
    assert not canvas.gcj02_display
    assert canvas.to_wgs84(canvas.view.cx, canvas.view.cy) == pytest.approx((109.85, 40.65), abs=1e-6)
