"""Basemaps a site without internet uses: a local MBTiles file (a broken one is refused and the
map keeps what it had), and Tianditu on a wall display, which never opens a dialog."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import QPoint, QSettings

from core.auth import Actor
from core.db.engine import Database
from core.demo import build_demo
from desktop.app import build_window, wait_until_ready
from gis.tiles.tilemath import tiles_in_extent, tms_row
from tests.gis.test_tiles_fetch import png


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory):
    path = tmp_path_factory.mktemp("bm") / "demo.db"
    db = Database(f"sqlite:///{path}")
    build_demo(db, scale=0.02, seed=3)
    db.dispose()
    return f"sqlite:///{path}"


def open_window(qapp, url, tmp_path, wall=False):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = build_window(Database(url), Actor("operator", "operator"), settings, wall=wall, live=False)
    win.resize(1600, 900)
    win.show()
    assert wait_until_ready(qapp, win, 60)
    return win


def mbtiles_file(path, extent_mercator, colour=(30, 160, 60), zoom=12):
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
    con.execute("CREATE TABLE tiles (zoom_level INT, tile_column INT, tile_row INT, tile_data BLOB)")
    con.executemany("INSERT INTO metadata VALUES (?, ?)", [("name", "Site tiles"), ("format", "png"),
                                                           ("minzoom", str(zoom)), ("maxzoom", str(zoom))])
    data = png(colour)
    con.executemany("INSERT INTO tiles VALUES (?, ?, ?, ?)",
                    [(k.z, k.x, tms_row(k.z, k.y), data) for k in tiles_in_extent(*extent_mercator, zoom)])
    con.commit()
    con.close()
    return path


def test_a_local_mbtiles_file_is_drawn_and_a_broken_one_refused(qapp, demo_url, tmp_path, qtbot):
    win = open_window(qapp, demo_url, tmp_path)
    try:
        panel, c = win.map_panel, win.map_canvas
        panel.fly_to(109.90, 40.63, 12)
        c.grab()
        good = mbtiles_file(tmp_path / "site.mbtiles", c.view.extent)
        panel.settings.setValue("map/mbtiles", str(good))
        assert panel.basemaps.choose("mbtiles")
        centre = QPoint(c.width() // 2, c.height() // 2)
        qtbot.waitUntil(lambda: c.grab().toImage().pixelColor(centre).name() == "#1ea03c", timeout=15000)
        assert "Site tiles" in panel.basemaps.message

        broken = tmp_path / "broken.mbtiles"
        broken.write_text("not a database at all")
        panel.settings.setValue("map/mbtiles", str(broken))
        assert not panel.basemaps.choose("mbtiles")
        assert "MBTiles" in win.statusBar().currentMessage()
        assert c.tile_layer is not None and "Site tiles" in panel.basemaps.message  # kept what it had
    finally:
        panel.basemaps.choose("offline")
        win.close()


def test_tianditu_without_a_key_on_a_wall_display_asks_nothing(qapp, demo_url, tmp_path):
    win = open_window(qapp, demo_url, tmp_path, wall=True)
    try:
        panel = win.map_panel
        assert not panel.basemaps.choose("tianditu", ask=True)  # a dialog here would never return
        assert "key" in win.statusBar().currentMessage().lower()
        assert win.map_canvas.tile_layer is None and panel.basemaps.choice == "offline"
        assert not panel.basemaps.key_action.isEnabled()
    finally:
        win.close()


def test_a_saved_choice_that_cannot_be_had_starts_offline_without_asking(qapp, demo_url, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("map/basemap", "tianditu")  # but no key saved
    settings.setValue("map/mbtiles", str(tmp_path / "gone.mbtiles"))
    settings.sync()
    win = open_window(qapp, demo_url, tmp_path)
    try:
        assert win.map_canvas.tile_layer is None and win.map_panel.basemaps.choice == "offline"
        assert win.map_panel.basemaps.actions["offline"].isChecked()
    finally:
        win.close()
