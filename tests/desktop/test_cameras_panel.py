"""The camera panel in a real main window: the camera tree from the database (addresses masked),
demo cameras playing through the real capture path with the detectors' findings on the tiles, an
unreachable camera shown offline, cameras opened from the map's menu and details, the wall view
and back, snapshots with faces blurred, and the wall as it was on the next start."""

from __future__ import annotations

import logging

import cv2
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMenu

from core.db.engine import Database
from core.vision.privacy import FaceBlurrer
from desktop.app import build_window, wait_until_ready
from tests.conftest import shared_data
from tests.core.small_city import ADMIN, add_business, add_camera, add_district, mark_synthetic
from widgets.map_canvas import MapContext

SECRET = "s3cret-pw"


@pytest.fixture(autouse=True)
def _clips(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("SHIAN_VISION_CACHE", str(tmp_path_factory.getbasetemp() / "demo-clips"))


def build_city(url: str) -> tuple[Database, dict]:
    db = Database(url)
    with db.session() as s:
        mark_synthetic(s)
        d = add_district(s, "150203", "昆都仑区")
        wang = add_business(s, "老王烧麦馆", lon=109.84, lat=40.66)
        grass = add_business(s, "草原涮肉馆", lon=109.85, lat=40.65)
        wang.district_id = grass.district_id = d.id
        hot = add_camera(s, wang)
        hot.url = "demo:kitchen?seed=1&size=320x180&seconds=4"
        covered = add_camera(s, wang)
        covered.url = "demo:lens_covered?seed=2&size=320x180&seconds=20"
        covered.name, covered.area = "老王烧麦馆·备餐间", "备餐间"
        far = add_camera(s, grass)
        far.url = f"rtsp://admin:{SECRET}@127.0.0.1:9/Streaming/Channels/101"
        ids = {"hot": hot.id, "covered": covered.id, "far": far.id, "wang": wang.id, "grass": grass.id}
    return db, ids


@pytest.fixture
def city(sqlite_db):
    db, ids = build_city(sqlite_db.url)
    yield db, ids
    db.dispose()


def make_window(qapp, db, tmp_path, monkeypatch, panels=("desktop.panels.map", "desktop.panels.cameras")):
    import desktop.main_window as mw

    monkeypatch.setattr(mw, "PANEL_MODULES", panels)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = build_window(db, ADMIN, settings, live=False)
    win.resize(1600, 1000)
    win.show()
    win.workspace.reveal("video_wall")  # the map view keeps the wall put away
    assert wait_until_ready(qapp, win, 60)
    return win, win.cameras_panel


def tile_of(panel, camera_id: int):
    wall = panel.wall
    return next(wall.tiles[i] for i in range(wall.spec.tiles) if wall.slots[i] and wall.slots[i].id == camera_id)


def test_the_tree_lists_the_cameras_and_never_shows_a_password(qapp, qtbot, db_url, tmp_path, monkeypatch, caplog):
    caplog.set_level(logging.DEBUG)
    db, ids = build_city(db_url)
    try:
        win, panel = make_window(qapp, db, tmp_path, monkeypatch)
        m = panel.tree.proxy
        assert m.index(0, 0).data() == "昆都仑区 (3)"
        district = m.index(0, 0)
        assert sorted(m.index(r, 0, district).data() for r in range(m.rowCount(district))) == [
            "老王烧麦馆 (2)", "草原涮肉馆 (1)"]
        assert panel.tree.select_camera(ids["far"])
        tip = panel.tree.tree.currentIndex().data(0x03)  # tooltip
        assert "admin:***@127.0.0.1:9" in tip and SECRET not in tip
        far = tile_of(panel, ids["far"])
        qtbot.waitUntil(lambda: far.status.state == "offline", timeout=20000)
        assert far.frame is None and SECRET not in far.toolTip() and "***" in far.toolTip()
        assert SECRET not in far.status.detail
        assert not any(SECRET in r.getMessage() for r in caplog.records)
        win.close()
    finally:
        db.dispose()


def test_demo_cameras_play_with_what_the_detectors_see(qapp, qtbot, city, tmp_path, monkeypatch):
    db, ids = city
    win, panel = make_window(qapp, db, tmp_path, monkeypatch)
    assert panel.wall_dock.isVisible() and panel.wall.spec.tiles == 4
    hot, covered = tile_of(panel, ids["hot"]), tile_of(panel, ids["covered"])
    qtbot.waitUntil(lambda: hot.frame is not None and hot.status.state == "online", timeout=20000)
    qtbot.waitUntil(lambda: hot.painted_frames > 20, timeout=10000)
    assert hot.status.fps > 5
    # the scripted hand covers the lens from 10 s: the tile says so while it lasts
    qtbot.waitUntil(lambda: covered.frame is not None and any("Lens covered" in a for a in covered.frame.alarms),
                    timeout=40000)
    win.close()


def test_cameras_open_from_the_maps_menu_and_details(qapp, qtbot, city, tmp_path, monkeypatch):
    db, ids = city
    win, panel = make_window(qapp, db, tmp_path, monkeypatch)
    panel.wall.set_cameras([])
    menu = QMenu()
    win.map_canvas.contextMenuRequested.emit(menu, MapContext(109.84, 40.66, "restaurants", ids["wang"]))
    action = next(a for a in menu.actions() if a.text() == "Open the Restaurant's Cameras on the Video Wall")
    assert not any(a.text() == "Open Camera on the Video Wall" for a in menu.actions())
    action.trigger()
    assert sorted(c.id for c in panel.wall.cameras() if c) == sorted([ids["hot"], ids["covered"]])
    menu = QMenu()
    win.map_canvas.contextMenuRequested.emit(menu, MapContext(109.85, 40.65, "cameras", ids["far"]))
    next(a for a in menu.actions() if a.text() == "Open Camera on the Video Wall").trigger()
    assert ids["far"] in [c.id for c in panel.wall.cameras() if c]
    # from a restaurant's details: the button the camera panel added
    panel.wall.set_cameras([])
    win.map_panel.show_details("restaurants", ids["grass"])
    qtbot.waitUntil(lambda: win.map_panel.details.details is not None
                    and any(a.title == "Open Cameras" for a in win.map_panel.details.details.actions), timeout=10000)
    key = next(a.key for a in win.map_panel.details.details.actions if a.title == "Open Cameras")
    win.map_panel.details.actionTriggered.emit(key)
    assert [c.id for c in panel.wall.cameras() if c] == [ids["far"]]
    win.close()


def test_the_wall_view_fills_the_window_and_the_map_view_gives_it_back(qapp, qtbot, city, tmp_path, monkeypatch):
    db, ids = city
    win, panel = make_window(qapp, db, tmp_path, monkeypatch)
    layers = win.docks["map_layers"]
    assert layers.isVisible()
    win.show_view("wall")
    qtbot.waitUntil(lambda: panel.view.isVisible(), timeout=5000)
    assert win.central.currentWidget() is panel.view and panel.wall.spec.tiles == 16
    assert not layers.isVisible() and not panel.wall_dock.isVisible() and panel.act_wall.isChecked()
    qtbot.waitUntil(lambda: panel.view.width() > 0.9 * win.width(), timeout=5000)  # once the docks have gone
    win.show_view("map")
    assert win.central.currentWidget() is win.map_canvas and panel.wall_dock.widget() is panel.view
    qtbot.waitUntil(lambda: layers.isVisible(), timeout=5000)
    assert not panel.wall_dock.isVisible()  # the map view leaves the wall put away
    win.show_view("alerts")
    qtbot.waitUntil(lambda: panel.wall_dock.isVisible(), timeout=5000)
    assert panel.wall.spec.tiles == 4 and not panel.act_wall.isChecked()
    win.show_view("cameras")
    assert panel.tree_dock.isVisible() and panel.wall.spec.tiles == 9
    win.close()


def test_a_snapshot_leaves_with_the_faces_blurred(qapp, qtbot, sqlite_db, tmp_path, monkeypatch):
    db, ids = build_city(sqlite_db.url)
    clip = shared_data("video", "opencv_vtest_frames000-299.mp4")
    with db.session() as s:
        from core.db.models import Camera

        s.get(Camera, ids["hot"]).url = str(clip)
    win, panel = make_window(qapp, db, tmp_path, monkeypatch)
    tile = tile_of(panel, ids["hot"])
    qtbot.waitUntil(lambda: tile.frame is not None and tile.frame.index >= 10, timeout=20000)
    judge = FaceBlurrer(shared_data("models", "yunet_n_320_320.onnx"))
    live = tile.source.full_frame()
    assert len(judge.faces(live)) >= 1
    out = panel.wall.save_snapshot(tile.index, tmp_path / "snap.png")
    saved = cv2.imread(str(out))
    assert saved.shape == live.shape and judge.faces(saved) == []
    win.close()
    db.dispose()


def test_the_wall_comes_back_as_it_was(qapp, qtbot, city, tmp_path, monkeypatch):
    db, ids = city
    win, panel = make_window(qapp, db, tmp_path, monkeypatch)
    panel.wall.set_cameras([])
    panel.open_camera(ids["far"])
    panel.wall.set_layout(9)
    win.close()
    win2, panel2 = make_window(qapp, db, tmp_path, monkeypatch)
    assert [c.id if c else None for c in panel2.wall.cameras()] == [ids["far"]] + [None] * 8  # nine tiles, as left
    panel2.show_view("wall")
    assert panel2.wall.spec.tiles == 16
    panel2.show_view("map")
    assert panel2.wall.spec.tiles == 9
    win2.close()
