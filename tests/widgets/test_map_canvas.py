"""The map canvas as a user drives it: zoom, pan, select, hover, measure, right-click, and the
GCJ-02 display shift. Real Qt events, offscreen."""

from __future__ import annotations

import numpy as np
import pytest
from pyproj import Geod
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication

from gis import crs
from widgets.map_canvas import (
    FillStyle,
    LivePointLayer,
    LiveStyle,
    MapCanvas,
    PointLayer,
    PolygonLayer,
    Symbol,
)
from widgets.map_canvas.canvas import SETTLE_MS
from widgets.map_canvas.themes import DARK, LIGHT

W, H = 900, 600
GEOD = Geod(ellps="WGS84")


# --- input helpers: events as Qt delivers them ------------------------------------------------

def send(canvas, ev):
    QApplication.sendEvent(canvas, ev)


def mouse(canvas, kind, x, y, button=Qt.MouseButton.LeftButton, buttons=None,
          mods=Qt.KeyboardModifier.NoModifier):
    pos = QPointF(x, y)
    held = button if buttons is None else buttons
    send(canvas, QMouseEvent(kind, pos, canvas.mapToGlobal(pos), button, held, mods))


def drag(canvas, x0, y0, x1, y1, mods=Qt.KeyboardModifier.NoModifier, steps=6):
    left = Qt.MouseButton.LeftButton
    mouse(canvas, QEvent.Type.MouseButtonPress, x0, y0, mods=mods)
    for i in range(1, steps + 1):
        mouse(canvas, QEvent.Type.MouseMove, x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * i / steps,
              button=Qt.MouseButton.NoButton, buttons=left, mods=mods)
    mouse(canvas, QEvent.Type.MouseButtonRelease, x1, y1, buttons=Qt.MouseButton.NoButton, mods=mods)


def click(canvas, x, y):
    mouse(canvas, QEvent.Type.MouseButtonPress, x, y)
    mouse(canvas, QEvent.Type.MouseButtonRelease, x, y, buttons=Qt.MouseButton.NoButton)


def move(canvas, x, y):
    mouse(canvas, QEvent.Type.MouseMove, x, y, button=Qt.MouseButton.NoButton, buttons=Qt.MouseButton.NoButton)


def wheel(canvas, x, y, notches=1):
    pos = QPointF(x, y)
    send(canvas, QWheelEvent(pos, canvas.mapToGlobal(pos), QPoint(), QPoint(0, 120 * notches),
                             Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
                             False))


def key(canvas, k):
    send(canvas, QKeyEvent(QEvent.Type.KeyPress, k, Qt.KeyboardModifier.NoModifier))


def screen_of(canvas, lon, lat):
    x, y = canvas.from_wgs84(lon, lat)
    px, py = canvas.view.to_screen(x, y)
    return float(px), float(py)


def lonlat_at(canvas, px, py):
    lon, lat = canvas.to_wgs84(*canvas.view.point_to_map(px, py))
    return float(lon), float(lat)


# --- data ----------------------------------------------------------------------------------------

SHOPS_LON = np.array([109.840, 109.842, 109.850, 109.900, 110.000])
SHOPS_LAT = np.array([40.650, 40.651, 40.655, 40.640, 40.600])
SHOP_IDS = np.array([101, 102, 103, 104, 105])


def shops_layer():
    layer = PointLayer("shops", "Shops", symbols={0: Symbol("circle", 10, "#ea580c", label="shop"),
                                                  1: Symbol("star", 14, "#16a34a", label="school", z=1)})
    layer.set_data(SHOPS_LON, SHOPS_LAT, SHOP_IDS, categories=[0, 0, 1, 0, 0],
                   labels=["甲店", "乙店", "丙校食堂", "丁店", "戊店"])
    return layer


@pytest.fixture
def canvas(qtbot):
    c = MapCanvas()
    qtbot.addWidget(c)
    c.resize(W, H)
    c.show()
    qtbot.waitExposed(c)
    c.add_layer(shops_layer())
    c.center_on(109.845, 40.652, 15)
    return c


# --- navigation ------------------------------------------------------------------------------------

def test_wheel_zoom_keeps_the_point_under_the_cursor_fixed(canvas):
    x, y = 700, 150
    before = lonlat_at(canvas, x, y)
    z0 = canvas.view.zoom
    wheel(canvas, x, y, 2)
    assert canvas.view.zoom == pytest.approx(z0 + 1.0)
    assert lonlat_at(canvas, x, y) == pytest.approx(before, abs=1e-9)
    wheel(canvas, x, y, -3)
    assert canvas.view.zoom == pytest.approx(z0 - 0.5)
    assert lonlat_at(canvas, x, y) == pytest.approx(before, abs=1e-9)


def test_dragging_moves_the_map_with_the_pointer(canvas):
    grabbed = lonlat_at(canvas, 300, 200)
    drag(canvas, 300, 200, 520, 340)
    assert lonlat_at(canvas, 520, 340) == pytest.approx(grabbed, abs=1e-9)


def test_arrow_keys_pan_and_plus_minus_zoom(canvas):
    centre = lonlat_at(canvas, W / 2, H / 2)
    key(canvas, Qt.Key.Key_Right)
    assert lonlat_at(canvas, W / 2 - W / 4, H / 2) == pytest.approx(centre, abs=1e-9)
    z = canvas.view.zoom
    key(canvas, Qt.Key.Key_Plus)
    assert canvas.view.zoom == pytest.approx(z + 1)
    key(canvas, Qt.Key.Key_Minus)
    key(canvas, Qt.Key.Key_Minus)
    assert canvas.view.zoom == pytest.approx(z - 1)


def test_shift_drag_zooms_to_the_box(canvas):
    corner_a, corner_b = lonlat_at(canvas, 200, 150), lonlat_at(canvas, 500, 350)
    drag(canvas, 200, 150, 500, 350, mods=Qt.KeyboardModifier.ShiftModifier)
    ax, ay = screen_of(canvas, *corner_a)
    bx, by = screen_of(canvas, *corner_b)
    # the box is now centred and fills the view in its limiting direction
    assert (ax + bx) / 2 == pytest.approx(W / 2, abs=1) and (ay + by) / 2 == pytest.approx(H / 2, abs=1)
    assert bx - ax == pytest.approx(W, abs=2) or by - ay == pytest.approx(H, abs=2)


def test_zoom_to_layer_shows_all_its_features(canvas):
    canvas.zoom_to_layer("shops")
    for lon, lat in zip(SHOPS_LON, SHOPS_LAT, strict=True):
        px, py = screen_of(canvas, lon, lat)
        assert 0 <= px <= W and 0 <= py <= H


# --- selection and hover -------------------------------------------------------------------------

def test_clicking_a_feature_emits_its_layer_and_id(canvas, qtbot):
    canvas.center_on(109.85, 40.655, 17)
    px, py = screen_of(canvas, 109.850, 40.655)
    canvas.grab()  # draw once, as the screen would have
    with qtbot.waitSignal(canvas.featureClicked) as sig:
        click(canvas, px + 3, py - 2)
    assert sig.args == ["shops", 103]
    assert canvas.selection() == {"shops": [103]}


def test_clicking_empty_map_clears_the_selection(canvas, qtbot):
    canvas.set_selection({"shops": [101, 102]})
    canvas.grab()
    with qtbot.waitSignal(canvas.selectionChanged) as sig:
        click(canvas, 5, H - 40)
    assert sig.args == [{}]


def test_ctrl_drag_selects_the_features_in_the_box(canvas, qtbot):
    canvas.center_on(109.845, 40.652, 15)
    canvas.grab()
    box = (100, 100, 700, 500)
    (w_lon, n_lat), (e_lon, s_lat) = lonlat_at(canvas, box[0], box[1]), lonlat_at(canvas, box[2], box[3])
    lon, lat = SHOPS_LON, SHOPS_LAT
    expected = SHOP_IDS[(lon >= w_lon) & (lon <= e_lon) & (lat >= s_lat) & (lat <= n_lat)]
    assert len(expected) >= 2
    with qtbot.waitSignal(canvas.boxSelected) as sig:
        drag(canvas, *box, mods=Qt.KeyboardModifier.ControlModifier)
    assert sorted(sig.args[0]["shops"]) == sorted(expected.tolist())


def test_hovering_a_feature_names_it(canvas, qtbot):
    canvas.center_on(109.85, 40.655, 17)
    canvas.grab()
    px, py = screen_of(canvas, 109.850, 40.655)
    with qtbot.waitSignal(canvas.hovered) as sig:
        move(canvas, px, py)
    assert sig.args == ["shops", 103]
    with qtbot.waitSignal(canvas.hovered) as sig:
        move(canvas, 10, 10)
    assert sig.args == ["", None]


def test_cursor_position_is_reported_in_wgs84(canvas, qtbot):
    px, py = screen_of(canvas, 109.85, 40.655)
    with qtbot.waitSignal(canvas.cursorMoved) as sig:
        move(canvas, px, py)
    lon, lat, gcj = sig.args
    assert (lon, lat) == pytest.approx((109.85, 40.655), abs=2e-5)
    assert gcj is None


def test_right_click_offers_a_menu_with_the_place_and_the_feature(canvas, qtbot):
    canvas.center_on(109.85, 40.655, 17)
    canvas.grab()
    px, py = screen_of(canvas, 109.850, 40.655)
    with qtbot.waitSignal(canvas.contextMenuRequested) as sig:
        pos = QPoint(round(px), round(py))
        send(canvas, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, canvas.mapToGlobal(pos)))
    menu, ctx = sig.args
    assert (ctx.lon, ctx.lat) == pytest.approx((109.85, 40.655), abs=3e-5)
    assert (ctx.layer_id, ctx.feature_id) == ("shops", 103)
    assert len(menu.actions()) >= 3  # the application adds its own after the defaults
    menu.close()


# --- level of detail --------------------------------------------------------------------------------

def test_clusters_at_city_zoom_single_points_at_street_zoom(qtbot):
    c = MapCanvas()
    qtbot.addWidget(c)
    c.resize(W, H)
    rng = np.random.default_rng(7)
    lon = rng.normal(109.85, 0.01, 20_000)
    lat = rng.normal(40.65, 0.006, 20_000)
    layer = PointLayer("dense", "Dense", reveal_limit=500)
    layer.set_data(lon, lat)
    c.add_layer(layer)
    qtbot.waitUntil(layer.is_ready, timeout=20000)
    c.center_on(109.85, 40.65, 12)
    c.grab()
    hit = c.pick(*screen_of(c, 109.85, 40.65))
    assert hit is not None and hit.feature_id is None and hit.count > 100  # a bubble with a count
    c.center_on(float(lon[0]), float(lat[0]), 19)
    c.grab()
    hit = c.pick(*screen_of(c, float(lon[0]), float(lat[0])))
    assert hit is not None and hit.count == 1 and hit.feature_id is not None
    assert hit.feature_id == 0 or np.hypot(lon[hit.feature_id] - lon[0], lat[hit.feature_id] - lat[0]) < 2e-5


def test_clicking_a_cluster_zooms_in_on_it(qtbot):
    c = MapCanvas()
    qtbot.addWidget(c)
    c.resize(W, H)
    rng = np.random.default_rng(8)
    layer = PointLayer("dense", "Dense", reveal_limit=100)
    layer.set_data(rng.normal(109.85, 0.003, 3000), rng.normal(40.65, 0.002, 3000))
    c.add_layer(layer)
    c.center_on(109.80, 40.62, 12)
    c.grab()
    px, py = screen_of(c, 109.85, 40.65)
    hit = c.pick(px, py)
    assert hit is not None and hit.feature_id is None
    z = c.view.zoom
    click(c, px, py)
    assert c.view.zoom == pytest.approx(z + 2)
    assert screen_of(c, *c.to_wgs84(hit.x, hit.y)) == pytest.approx((W / 2, H / 2), abs=1)


# --- GCJ-02 ------------------------------------------------------------------------------------------

def test_gcj02_display_shifts_the_drawing_not_the_data(canvas, qtbot):
    canvas.center_on(109.85, 40.655, 17)
    canvas.set_gcj02_display(True)
    canvas.grab()
    glon, glat = crs.wgs84_to_gcj02(109.850, 40.655)
    gx, gy = canvas.view.to_screen(*crs.lonlat_to_mercator(glon, glat))
    assert canvas.pick(float(gx), float(gy)).feature_id == 103  # drawn where AMap puts it
    with qtbot.waitSignal(canvas.cursorMoved) as sig:
        move(canvas, float(gx), float(gy))
    lon, lat, gcj = sig.args
    assert (lon, lat) == pytest.approx((109.850, 40.655), abs=3e-5)  # the stored WGS-84 position
    assert gcj == pytest.approx((glon, glat), abs=3e-5)
    # the shift near Baotou is hundreds of metres: the unshifted spot is empty
    wx, wy = canvas.view.to_screen(*crs.lonlat_to_mercator(109.850, 40.655))
    assert np.hypot(gx - wx, gy - wy) > 100
    hit = canvas.pick(float(wx), float(wy))
    assert hit is None or hit.feature_id != 103


# --- measuring -------------------------------------------------------------------------------------

def test_measuring_a_distance_on_the_ground(canvas, qtbot):
    canvas.center_on(109.85, 40.655, 15)
    canvas.set_tool("measure_distance")
    lon2, lat2, _ = GEOD.fwd(109.85, 40.655, 0.0, 1000.0)  # 1 km due north
    a = screen_of(canvas, 109.85, 40.655)
    b = screen_of(canvas, lon2, lat2)
    with qtbot.waitSignal(canvas.measured) as sig:
        click(canvas, *a)
        click(canvas, *b)
        mouse(canvas, QEvent.Type.MouseButtonDblClick, *b)
    kind, metres, pts = sig.args
    assert kind == "distance" and len(pts) == 2
    assert metres == pytest.approx(1000.0, abs=3.0)  # a pixel is about 3 m at this zoom


def test_measuring_an_area_on_the_ground(canvas, qtbot):
    canvas.center_on(109.85, 40.655, 14)
    canvas.set_tool("measure_area")
    corners = [(109.85, 40.655)]
    lon, lat = 109.85, 40.655
    for az in (90.0, 0.0, 270.0):
        lon, lat, _ = GEOD.fwd(lon, lat, az, 1000.0)
        corners.append((lon, lat))
    for c in corners:
        click(canvas, *screen_of(canvas, *c))
    with qtbot.waitSignal(canvas.measured) as sig:
        key(canvas, Qt.Key.Key_Return)
    kind, m2, pts = sig.args
    assert kind == "area" and len(pts) == 4
    assert m2 == pytest.approx(1.0e6, rel=0.02)


def test_one_tool_at_a_time(canvas, qtbot):
    with qtbot.waitSignal(canvas.toolChanged) as sig:
        canvas.set_tool("select_box")
    assert sig.args == ["select_box"] and canvas.tool == "select_box"
    canvas.set_tool("pan")
    assert canvas.tool == "pan"
    with pytest.raises(ValueError, match="unknown map tool"):
        canvas.set_tool("lasso")
    assert canvas.tool == "pan"


# --- drawing -----------------------------------------------------------------------------------------

def test_live_updates_do_not_redraw_the_map(canvas, qtbot):
    trucks = LivePointLayer("trucks", "Trucks", states={0: LiveStyle("#16a34a"), 1: LiveStyle("#dc2626")})
    trucks.set_fleet([7, 8], labels=["蒙B·1", "蒙B·2"])
    canvas.add_layer(trucks)
    canvas.center_on(109.85, 40.655, 15)
    trucks.update_positions([7, 8], [109.85, 109.86], [40.655, 40.656], [0, 90], [0, 1])
    canvas.grab()
    renders = canvas.static_renders
    for step in range(5):
        trucks.update_positions([7], [109.85 + 0.001 * step], [40.655], [90], [0])
        canvas.grab()
    assert canvas.static_renders == renders
    hit = canvas.pick(*screen_of(canvas, 109.854, 40.655))
    assert hit is not None and (hit.layer_id, hit.feature_id) == ("trucks", 7)


def test_a_burst_of_changes_is_drawn_once(canvas, qtbot):
    canvas.grab()
    layer = canvas.layer("shops")
    qtbot.wait(50)
    renders = canvas.static_renders
    for i in range(10):
        layer.set_categories([i % 2] * 5)
    qtbot.wait(200)
    assert canvas.static_renders == renders + 1


def test_labels_never_overlap(qtbot):
    c = MapCanvas()
    qtbot.addWidget(c)
    c.resize(W, H)
    rng = np.random.default_rng(3)
    n = 800
    layer = PointLayer("p", "P", label_min_zoom=15, reveal_limit=5000)
    layer.set_data(rng.normal(109.85, 0.004, n), rng.normal(40.65, 0.003, n),
                   labels=[f"餐馆{i:03d}号" for i in range(n)])
    c.add_layer(layer)
    c.center_on(109.85, 40.65, 16)
    c.grab()
    assert c._label_renderer.incomplete  # while the map moves, few new labels per frame
    qtbot.wait(SETTLE_MS + 50)
    for _ in range(60):  # once it rests, the rest come in over a few frames
        c.grab()
        if not c._label_renderer.incomplete:
            break
    assert not c._label_renderer.incomplete
    boxes = c._label_renderer.last_boxes
    assert len(boxes) > 20
    x0, y0, x1, y1 = boxes.T
    overlap = (x0[:, None] < x1[None, :]) & (x0[None, :] < x1[:, None]) \
        & (y0[:, None] < y1[None, :]) & (y0[None, :] < y1[:, None])
    np.fill_diagonal(overlap, False)
    assert not overlap.any()


def test_theme_changes_the_offline_basemap(canvas):
    import shapely

    districts = PolygonLayer("districts", "Districts", basemap=True)
    districts.set_data([shapely.box(109.80, 40.60, 109.90, 40.70)], labels=["昆都仑区"])
    canvas.add_layer(districts, index=0)
    canvas.center_on(109.85, 40.65, 12)
    inside = QPoint(*(round(v) for v in screen_of(canvas, 109.83, 40.68)))
    outside = QPoint(*(round(v) for v in screen_of(canvas, 109.95, 40.65)))
    img = canvas.grab().toImage()
    assert img.pixelColor(inside).name() in LIGHT.land and img.pixelColor(outside).name() == LIGHT.background
    canvas.set_theme("dark")
    img = canvas.grab().toImage()
    assert img.pixelColor(inside).name() in DARK.land and img.pixelColor(outside).name() == DARK.background
    with pytest.raises(ValueError):
        canvas.set_theme("sepia")


def test_polygons_take_the_colour_of_their_category(canvas):
    import shapely

    zones = PolygonLayer("zones", "Zones", styles={0: FillStyle("#ff0000", "#ff0000"), 1: FillStyle("#0000ff", "#0000ff")})
    zones.set_data([shapely.box(109.84, 40.65, 109.845, 40.653)], ids=[9], categories=[0])
    canvas.add_layer(zones, index=0)
    canvas.center_on(109.8425, 40.6515, 17)
    assert canvas.grab().toImage().pixelColor(W // 2, H // 2).name() == "#ff0000"
    zones.set_categories([1])  # the zone closes: restyled, no rebuild
    assert canvas.grab().toImage().pixelColor(W // 2, H // 2).name() == "#0000ff"


# --- bad input --------------------------------------------------------------------------------------

def test_bad_points_are_refused_and_the_layer_keeps_its_data(canvas):
    layer = canvas.layer("shops")
    with pytest.raises(ValueError, match="finite"):
        layer.set_data([109.8, np.nan], [40.6, 40.7])
    with pytest.raises(ValueError, match="ids"):
        layer.set_data([109.8, 109.9], [40.6, 40.7], ids=[1])
    with pytest.raises(ValueError, match="unique"):
        layer.set_data([109.8, 109.9], [40.6, 40.7], ids=[1, 1])
    with pytest.raises(ValueError, match="no symbol"):
        layer.set_data([109.8, 109.9], [40.6, 40.7], categories=[0, 7])
    with pytest.raises(ValueError, match="longitude/latitude"):
        layer.set_data([109.8, 1e6], [40.6, 40.7])
    assert len(layer) == 5
    canvas.zoom_to_layer("shops")
    canvas.grab()
    assert canvas.pick(*screen_of(canvas, 109.9, 40.64)).feature_id == 104


def test_bad_vehicle_fixes_change_nothing(canvas):
    trucks = LivePointLayer("trucks", "Trucks")
    trucks.set_fleet([1, 2])
    canvas.add_layer(trucks)
    trucks.update_positions([1], [109.85], [40.655])
    with pytest.raises(ValueError, match="unknown vehicles"):
        trucks.update_positions([1, 99], [109.86, 109.87], [40.655, 40.655])
    with pytest.raises(ValueError, match="no style"):
        trucks.update_positions([1], [109.86], [40.655], state=[5])
    assert trucks.extent() == pytest.approx(2 * crs.lonlat_to_mercator(109.85, 40.655))


def test_a_second_layer_with_the_same_id_is_refused(canvas):
    with pytest.raises(ValueError, match="already"):
        canvas.add_layer(shops_layer())


def test_labels_left_out_while_moving_fill_in_once_the_map_rests(qtbot):
    c = MapCanvas()
    qtbot.addWidget(c)
    c.resize(W, H)
    c.show()
    qtbot.waitExposed(c)
    rng = np.random.default_rng(4)
    layer = PointLayer("p", "P", label_min_zoom=15, reveal_limit=5000)
    layer.set_data(rng.normal(109.85, 0.004, 600), rng.normal(40.65, 0.003, 600),
                   labels=[f"小吃店{i:03d}" for i in range(600)])
    c.add_layer(layer)
    c.center_on(109.85, 40.65, 16)
    c.grab()
    first = c.last_label_count
    # nobody touches the map: the canvas finishes the labels by itself
    qtbot.waitUntil(lambda: not c._label_renderer.incomplete and c.last_label_count > first, timeout=5000)


def test_settle_draws_every_label_at_once_for_a_screenshot(qtbot):
    c = MapCanvas()
    qtbot.addWidget(c)
    c.resize(W, H)
    rng = np.random.default_rng(4)
    layer = PointLayer("p", "P", label_min_zoom=15, reveal_limit=5000)
    layer.set_data(rng.normal(109.85, 0.004, 600), rng.normal(40.65, 0.003, 600),
                   labels=[f"面馆{i:03d}" for i in range(600)])
    c.add_layer(layer)
    c.center_on(109.85, 40.65, 16)
    c.grab()
    assert c._label_renderer.incomplete
    c.settle()
    assert not c._label_renderer.incomplete and c.last_label_count > 20


def test_zoom_to_selection_and_home(canvas):
    canvas.set_selection({"shops": [101, 102]})
    canvas.zoom_to_selection()
    assert canvas.view.zoom > 17  # two shops 190 m apart fill the view
    for lon, lat in ((109.840, 40.650), (109.842, 40.651)):
        px, py = screen_of(canvas, lon, lat)
        assert 0 <= px <= W and 0 <= py <= H
    canvas.set_home_extent(109.75, 40.55, 110.10, 40.70)
    key(canvas, Qt.Key.Key_Home)
    assert lonlat_at(canvas, W / 2, H / 2) == pytest.approx((109.925, 40.625), abs=0.01)
    with pytest.raises(ValueError):
        canvas.set_home_extent(110.1, 40.55, 109.75, 40.70)
