"""The map in the main window as an operator uses it: every layer from the database, a click or
a search that opens a restaurant's five stars, star changes that show at once, vendor zones that
open and close with the clock, and a broken tile provider that never freezes the map."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from core.auth import Actor
from core.db.engine import Database
from core.db.models import (
    STAR_NAMES_ZH,
    STARS,
    Business,
    Camera,
    District,
    Market,
    Stall,
    StarRating,
    TestLab,
    VendorZone,
)
from core.demo import build_demo
from desktop.app import build_window, wait_until_ready
from gis.tiles.sources import xyz_basemap
from tests.gis.test_tiles_fetch import TileServer
from widgets.map_canvas.symbology import STAR_COLOURS

LOCAL = ZoneInfo("Asia/Shanghai")


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("map") / "demo.db"
    db = Database(f"sqlite:///{path}")
    build_demo(db, scale=0.03, seed=5)
    db.dispose()
    return path


@pytest.fixture
def demo_url(demo_path, tmp_path):
    """A copy of the demo city this test may change."""
    path = tmp_path / "demo.db"
    shutil.copy(demo_path, path)
    return f"sqlite:///{path}"


def open_window(qapp, url, settings_path, live=False, size=(1600, 900)):
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    win = build_window(Database(url), Actor("supervisor", "supervisor"), settings, live=live)
    win.resize(*size)
    win.show()
    win.hub.load_counts_now()
    assert wait_until_ready(qapp, win, 60)
    return win


@pytest.fixture
def window(qapp, demo_url, tmp_path):
    win = open_window(qapp, demo_url, tmp_path / "s.ini")
    yield win
    win.close()


def count(url, model, *where) -> int:
    db = Database(url)
    with db.session() as s:
        n = int(s.scalar(select(func.count()).select_from(model).where(*where)))
    db.dispose()
    return n


def a_business(url, **where):
    """A mapped business and its stars as the database has them."""
    db = Database(url)
    with db.session() as s:
        stmt = select(Business).where(Business.lon.is_not(None)).order_by(Business.id)
        for key, value in where.items():
            stmt = stmt.where(getattr(Business, key) == value)
        b = s.scalars(stmt.limit(1)).one()
        r = s.scalar(select(StarRating).where(StarRating.business_id == b.id))
        out = (b.id, b.name, b.licence_no, b.lon, b.lat, {st: bool(getattr(r, st)) for st in STARS})
    db.dispose()
    return out


def screen_pos(win, lon, lat) -> QPoint:
    c = win.map_canvas
    x, y = c.view.to_screen(*c.from_wgs84(lon, lat))
    return QPoint(int(round(float(x))), int(round(float(y))))


def shown_stars(win) -> dict[str, bool]:
    """The stars the details dock shows, by their Chinese names."""
    return {name.split()[0]: lit for name, lit in win.map_panel.details.stars()}


def test_every_layer_is_on_the_map_with_what_the_database_holds(window, demo_url):
    c = window.map_canvas
    expected = {
        "districts": count(demo_url, District), "markets": count(demo_url, Market),
        "vendor_zones": count(demo_url, VendorZone), "stalls": count(demo_url, Stall),
        "restaurants": count(demo_url, Business, Business.lon.is_not(None)), "cameras": count(demo_url, Camera),
        "test_labs": count(demo_url, TestLab),
    }
    assert all(n > 0 for n in expected.values())
    assert {lid: len(c.layer(lid)) for lid in expected} == expected
    tree = window.map_panel.layer_panel
    for lid in expected:
        item = tree.layer_item(lid)
        assert item is not None and item.checkState(0) == Qt.CheckState.Checked
    legend = [tree.layer_item("restaurants").child(i).text(0) for i in range(tree.layer_item("restaurants").childCount())]
    assert len(legend) == 12  # 0–5 stars, plain and school canteens
    # the view opens on the urban core
    lon, lat = c.to_wgs84(c.view.cx, c.view.cy)
    assert 109.75 < float(lon) < 110.10 and 40.55 < float(lat) < 40.70


def test_another_citys_database_opens_on_that_city(qapp, tmp_path):
    from core.db import migrate
    from tests.core.small_city import add_business, add_market

    db = Database(f"sqlite:///{tmp_path / 'hohhot.db'}")
    migrate.upgrade(db.engine)
    rng = np.random.default_rng(4)
    with db.session() as s:  # Hohhot: its restaurants round the old town, one farm-stay far out
        for i, (lon, lat) in enumerate(zip(rng.normal(111.67, 0.02, 60), rng.normal(40.82, 0.015, 60), strict=True)):
            add_business(s, f"呼市餐馆{i}", lon=float(lon), lat=float(lat))
        add_business(s, "农家乐", lon=112.3, lat=41.4)
        add_market(s, "HM0001", "通道街农贸市场", lon=111.66, lat=40.81)
    db.dispose()
    win = open_window(qapp, f"sqlite:///{tmp_path / 'hohhot.db'}", tmp_path / "s.ini")
    c = win.map_canvas
    lon, lat = c.to_wgs84(c.view.cx, c.view.cy)
    assert 111.6 < float(lon) < 111.75 and 40.77 < float(lat) < 40.87
    c.zoom_by(0.25)
    c.zoom_home()  # Home comes back to the same city
    lon, lat = c.to_wgs84(c.view.cx, c.view.cy)
    assert 111.6 < float(lon) < 111.75
    win.close()


def test_clicking_a_restaurant_opens_its_details_with_the_five_stars(window, demo_url, qtbot):
    bid, name, licence, lon, lat, stars = a_business(demo_url)
    window.map_panel.fly_to(lon, lat, 18)
    window.map_canvas.grab()
    with qtbot.waitSignal(window.map_panel.feature_selected) as sig:
        qtbot.mouseClick(window.map_canvas, Qt.MouseButton.LeftButton, pos=screen_pos(window, lon, lat))
    assert sig.args == ["restaurants", bid]
    details = window.map_panel.details
    qtbot.waitUntil(lambda: details.details is not None and details.details.title == name, timeout=10000)
    assert window.map_panel.details_dock.isVisible()
    assert shown_stars(window) == {STAR_NAMES_ZH[s]: stars[s] for s in STARS}
    assert licence in details.text()


def test_searching_a_licence_number_flies_to_the_restaurant_and_shows_its_stars(window, demo_url, qtbot):
    bid, name, licence, lon, lat, stars = a_business(demo_url, kind="canteen_school")
    box = window.map_panel.search_box
    box.setFocus()
    qtbot.keyClicks(box, licence)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    details = window.map_panel.details
    qtbot.waitUntil(lambda: details.details is not None and details.details.title == name, timeout=10000)
    c = window.map_canvas
    centre = c.to_wgs84(c.view.cx, c.view.cy)
    assert float(centre[0]) == pytest.approx(lon, abs=1e-5) and float(centre[1]) == pytest.approx(lat, abs=1e-5)
    assert c.view.zoom >= 16
    assert c.selection() == {"restaurants": [bid]}
    assert shown_stars(window) == {STAR_NAMES_ZH[s]: stars[s] for s in STARS}


def test_a_star_change_in_the_database_recolours_the_restaurant_at_once(qapp, demo_url, tmp_path, qtbot):
    from core.ratings import set_star

    win = open_window(qapp, demo_url, tmp_path / "s.ini", live=True)
    try:
        bid, name, _lic, lon, lat, stars = a_business(demo_url, kind="restaurant")
        win.map_panel.fly_to(lon, lat, 19)
        pos = screen_pos(win, lon, lat)

        def colour() -> str:
            return win.map_canvas.grab().toImage().pixelColor(pos).name()

        before = sum(stars.values())
        assert colour() == STAR_COLOURS[before]
        win.map_panel.show_details("restaurants", bid)
        qtbot.waitUntil(lambda: win.map_panel.details.details is not None, timeout=10000)
        star = next(s for s in STARS if stars[s])  # take one away
        db = Database(demo_url)
        with db.session() as s:
            set_star(s, bid, star, False, Actor("supervisor", "supervisor"), "hygiene fell short")
        db.dispose()
        qtbot.waitUntil(lambda: colour() == STAR_COLOURS[before - 1], timeout=15000)
        qtbot.waitUntil(lambda: shown_stars(win).get(STAR_NAMES_ZH[star]) is False, timeout=15000)
    finally:
        win.close()


def morning_zone(url):
    """A vendor zone set to morning hours, every day."""
    db = Database(url)
    with db.session() as s:
        z = s.scalars(select(VendorZone).order_by(VendorZone.id).limit(1)).one()
        z.opens, z.closes, z.days = "05:30", "09:30", "1234567"
        out = (z.id, z.lon, z.lat)
    db.dispose()
    return out


def test_vendor_zones_open_and_close_with_the_local_clock(qapp, demo_url, tmp_path, qtbot):
    zid, lon, lat = morning_zone(demo_url)
    win = open_window(qapp, demo_url, tmp_path / "s.ini")
    try:
        panel = win.map_panel
        panel.fly_to(lon, lat, 19)
        pos = screen_pos(win, lon, lat)

        def shown_at(hh: int):
            panel.clock = lambda: datetime(2026, 5, 6, hh, 0, tzinfo=LOCAL).astimezone(UTC)
            panel.refresh_zone_hours()
            return win.map_canvas.grab().toImage().pixelColor(pos)

        morning, noon, early = shown_at(7), shown_at(12), shown_at(5)
        assert morning.green() > morning.red() + 10  # green: open now
        assert abs(noon.green() - noon.red()) < 12 and noon == early  # grey: closed
        panel.show_details("vendor_zones", zid)
        qtbot.waitUntil(lambda: panel.details.details is not None, timeout=10000)
        assert "05:30–09:30" in panel.details.text()
        assert panel.details.details.badge == panel.text.tr("Closed")
    finally:
        win.close()


def test_a_failing_tile_provider_keeps_the_map_responsive_and_says_so(window, qtbot):
    server = TileServer({12: (220, 40, 40)})
    server.mode = "fail"
    try:
        panel, c = window.map_panel, window.map_canvas
        panel.basemaps.use(xyz_basemap("local", "Local tiles", server.url))
        assert not c.layer("districts").land  # outlines only over tiles
        qtbot.waitUntil(lambda: (c.grab(), "unavailable" in panel.basemaps.message)[1], timeout=15000)
        assert c.layer("districts").land  # the offline map is back under the badge
        z = c.view.zoom
        qtbot.keyClick(c, Qt.Key.Key_Plus)
        c.grab()
        assert c.view.zoom == pytest.approx(z + 1)
        panel.basemaps.choose("offline")
        assert c.tile_layer is None and panel.basemaps.settings.value("map/basemap") == "offline"
    finally:
        server.close()


def test_tiles_show_through_the_districts_when_a_provider_works(window, qtbot):
    server = TileServer({z: (40, 40, 220) for z in range(8, 19)})
    try:
        panel, c = window.map_panel, window.map_canvas
        panel.basemaps.use(xyz_basemap("local", "Local tiles", server.url))
        centre = QPoint(c.width() // 2, c.height() // 2)
        panel.fly_to(109.93, 40.63, 12)  # inside a district
        qtbot.waitUntil(lambda: c.grab().toImage().pixelColor(centre).name() == "#2828dc", timeout=15000)
        assert "Local tiles" in panel.basemaps.message
    finally:
        panel.basemaps.choose("offline")
        server.close()


def test_a_box_selection_lists_what_it_caught(window, qtbot):
    c = window.map_canvas
    window.map_panel.fly_to(109.84, 40.65, 13)
    c.grab()
    start, end = QPoint(c.width() // 8, c.height() // 8), QPoint(c.width() * 7 // 8, c.height() * 7 // 8)
    qtbot.mousePress(c, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, start)
    for i in range(1, 6):
        qtbot.mouseMove(c, start + (end - start) * (i / 5))
    qtbot.mouseRelease(c, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, end)
    sel = c.selection()
    assert sel.get("restaurants")
    details = window.map_panel.details
    assert details.details.title == window.map_panel.tr("Selection")
    assert f"{len(sel['restaurants']):,}" in details.text()


def test_measuring_a_distance_shows_it_in_the_status_bar(window, qtbot):
    from gis.geometry_tools import path_length_m

    panel, c = window.map_panel, window.map_canvas
    panel.fly_to(109.90, 40.63, 14)
    panel.tool_actions["measure_distance"].trigger()
    assert c.tool == "measure_distance"
    a, b = QPoint(c.width() // 5, c.height() // 3), QPoint(c.width() * 4 // 5, c.height() * 2 // 3)
    qtbot.mouseClick(c, Qt.MouseButton.LeftButton, pos=a)
    qtbot.mouseClick(c, Qt.MouseButton.LeftButton, pos=b)
    qtbot.keyClick(c, Qt.Key.Key_Return)
    lon, lat = c.to_wgs84(*c.view.to_map(np.array([a.x(), b.x()]), np.array([a.y(), b.y()])))
    km = path_length_m(lon, lat) / 1000
    assert km > 0.5
    assert window.statusBar().currentMessage().endswith(f"{km:.3f} km")
    panel.tool_actions["pan"].trigger()
    assert c.tool == "pan"


def test_the_right_click_menu_carries_registered_actions(window, qtbot):
    panel, c = window.map_panel, window.map_canvas
    got = []
    panel.add_context_action("Dispatch here", got.append)
    panel.fly_to(109.84, 40.65, 12)
    menus = []
    c.contextMenuRequested.connect(lambda menu, _ctx: menus.append(menu))
    pos = QPoint(c.width() // 2, c.height() // 2)
    QApplication.sendEvent(c, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, c.mapToGlobal(pos)))
    menu = menus[-1]
    titles = [a.text() for a in menu.actions()]
    assert any("Copy" in t for t in titles) and any("Zoom" in t for t in titles)
    next(a for a in menu.actions() if a.text() == "Dispatch here").trigger()
    menu.close()
    lon, lat = c.to_wgs84(c.view.cx, c.view.cy)
    assert got and got[0].lon == pytest.approx(float(lon), abs=1e-3) and got[0].lat == pytest.approx(float(lat), abs=1e-3)


def test_the_cursor_shows_wgs84_and_gcj02_while_a_gcj02_basemap_is_on(window, qtbot):
    panel, c = window.map_panel, window.map_canvas
    pos = QPointF(c.width() / 2, c.height() / 2)
    qtbot.mouseMove(c, pos.toPoint())
    assert "WGS-84" in window.lbl_cursor.text() and "GCJ-02" not in window.lbl_cursor.text()
    assert "1:" in window.lbl_cursor.text()
    server = TileServer({12: (220, 40, 40)})
    try:
        panel.basemaps.use(xyz_basemap("gcj", "GCJ-02 tiles", server.url, gcj02=True))  # as AMap's are
        assert c.gcj02_display
        qtbot.mouseMove(c, (pos + QPointF(5, 5)).toPoint())
        assert "GCJ-02" in window.lbl_cursor.text()
    finally:
        panel.basemaps.choose("offline")
        server.close()
    assert not c.gcj02_display


def test_layer_visibility_and_the_view_come_back_next_time(qapp, demo_url, tmp_path):
    win = open_window(qapp, demo_url, tmp_path / "s.ini")
    tree = win.map_panel.layer_panel
    tree.layer_item("stalls").setCheckState(0, Qt.CheckState.Unchecked)
    assert not win.map_canvas.layer("stalls").visible
    win.map_panel.fly_to(110.02, 40.58, 15)
    win.close()
    again = open_window(qapp, demo_url, tmp_path / "s.ini")
    try:
        assert not again.map_canvas.layer("stalls").visible
        lon, lat = again.map_canvas.to_wgs84(again.map_canvas.view.cx, again.map_canvas.view.cy)
        assert float(lon) == pytest.approx(110.02, abs=1e-4) and again.map_canvas.view.zoom == pytest.approx(15, abs=0.01)
    finally:
        again.close()


def test_the_restaurant_filter_hides_what_it_leaves_out(window, demo_url):
    panel, layer = window.map_panel, window.map_canvas.layer("restaurants")
    d_count = count(demo_url, Business, Business.lon.is_not(None), Business.risk_grade == "D")
    panel.set_business_filter(risk_grades=["D"])
    assert len(layer) == d_count
    with pytest.raises(ValueError, match="risk grades"):
        panel.set_business_filter(risk_grades=["Z"])
    assert len(layer) == d_count  # a bad filter changes nothing
    panel.set_business_filter()
    assert len(layer) == count(demo_url, Business, Business.lon.is_not(None))


def test_flash_pulses_on_a_place_and_fades(window, qtbot):
    panel, c = window.map_panel, window.map_canvas
    panel.fly_to(109.84, 40.65, 14)
    pos = screen_pos(window, 109.84, 40.65)
    before = c.grab().toImage().pixelColor(pos).name()
    panel.flash(109.84, 40.65)
    assert c.grab().toImage().pixelColor(pos).name() == c.palette.selection
    qtbot.waitUntil(lambda: panel.flasher.active == 0, timeout=6000)
    assert c.grab().toImage().pixelColor(pos).name() == before
