"""The live fleet as an operator reads it: states, ages, trails, the list's sorting and filters,
and the arrows and trails on a real map canvas."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from widgets.map_canvas import MapCanvas
from widgets.map_canvas.symbology import vehicle_states
from widgets.vehicle_list import (
    ALERT,
    MOVING,
    OFFLINE,
    STOPPED,
    FleetLayers,
    FleetState,
    VehicleInfo,
    VehicleListWidget,
)
from widgets.vehicle_list.fleet import OFFLINE_AFTER_S, TRAIL_S, TRAIL_STEP_S
from widgets.vehicle_list.model import AGE, ID_ROLE, NEVER, PLATE, SPEED, STATE

NOW = 1_750_000_000.0
BAOTOU = (109.84, 40.65)


def _fleet() -> FleetState:
    return FleetState([
        VehicleInfo(11, "蒙B00011", "banquet_truck", "鹿城宴席", 109.80, 40.60),
        VehicleInfo(12, "蒙B00012", "banquet_truck", "黄河酒楼", 109.82, 40.61),
        VehicleInfo(13, "蒙B001J检", "test_vehicle", "市场监管局", 109.90, 40.62),
        VehicleInfo(14, "蒙B00014", "banquet_truck", "草原餐饮", None, None),
    ])


def _report(f: FleetState, **by_id) -> None:
    """by_id: id=(age_s, lon, lat, speed, heading)."""
    ids = [int(k[1:]) for k in by_id]
    v = np.array(list(by_id.values()), dtype=float)
    f.apply_fixes(ids, NOW - v[:, 0], v[:, 1], v[:, 2], v[:, 3], v[:, 4])


def test_states_follow_speed_age_and_alerts():
    f = _fleet()
    _report(f, v11=(5, 109.81, 40.60, 42, 90), v12=(20, 109.83, 40.61, 0, 0),
            v13=(OFFLINE_AFTER_S + 60, 109.91, 40.62, 30, 180))
    f.set_alerting([12])
    st = dict(zip(f.ids.tolist(), f.states(NOW).tolist(), strict=True))
    assert st == {11: MOVING, 12: ALERT, 13: OFFLINE, 14: OFFLINE}
    f.set_alerting([])
    assert f.states(NOW)[f.row_of(12)] == STOPPED
    # time passing alone turns a silent vehicle offline
    assert f.states(NOW + OFFLINE_AFTER_S)[f.row_of(11)] == OFFLINE


def test_an_older_fix_never_moves_a_vehicle_back_and_bad_fixes_are_ignored():
    f = _fleet()
    _report(f, v11=(10, 109.81, 40.60, 42, 90))
    moved = f.apply_fixes([11, 11, 99, 12], [NOW - 60, NOW - 30, NOW, NOW], [109.0, 109.5, 109.9, 200.0],
                          [40.0, 40.5, 40.6, 40.6])
    assert moved.tolist() == []  # 11's fixes are older, 99 is unknown, 12's longitude is off the globe
    r = f.row_of(11)
    assert (f.lon[r], f.time[r]) == (109.81, NOW - 10)
    assert not np.isfinite(f.time[f.row_of(12)])


def test_trails_keep_two_minutes_at_ten_second_steps():
    f = _fleet()
    t = np.arange(0, 300, 1.0)  # five minutes of 1 Hz fixes, heading east
    for k in t:
        f.apply_fixes([11], [NOW - 300 + k], [109.80 + k * 1e-4], [40.60], [40.0], [90.0])
    lon, lat, ends, rows = f.trail_points(NOW)
    assert set(rows.tolist()) == {f.row_of(11)}
    assert ends[-1] and ends.sum() == 1
    steps = np.diff(lon) / 1e-4
    assert np.all(steps[:-1] >= TRAIL_STEP_S - 1e-6)  # one point every ten seconds …
    assert (lon[-1] - lon[0]) / 1e-4 <= TRAIL_S + 1  # … over the last two minutes, ending at the vehicle
    assert lon[-1] == pytest.approx(f.lon[f.row_of(11)])


def test_vehicles_that_never_reported_are_placed_at_home_and_those_without_a_home_are_not():
    f = _fleet()
    lon, lat, placed = f.positions()
    assert placed.tolist() == [True, True, True, False]
    assert (lon[0], lat[0]) == (109.80, 40.60)


@pytest.fixture
def listing(qtbot):
    f = _fleet()
    _report(f, v11=(12, 109.81, 40.60, 42, 90), v12=(75, 109.83, 40.61, 0, 0),
            v13=(3 * 3600, 109.91, 40.62, 30, 180))
    w = VehicleListWidget(f)
    qtbot.addWidget(w)
    w.resize(600, 400)
    w.show()
    w.reset(NOW)
    return w


def _column(w: VehicleListWidget, col: int) -> list[str]:
    m = w.table.model()
    return [m.index(r, col).data() for r in range(m.rowCount())]


def test_list_shows_state_speed_and_age_of_last_report(listing):
    rows = {p: (s, v, a) for p, s, v, a in zip(_column(listing, PLATE), _column(listing, STATE),
                                               _column(listing, SPEED), _column(listing, AGE), strict=True)}
    assert rows["蒙B00011"] == ("Moving", "42 km/h", "12 s ago")
    assert rows["蒙B00012"] == ("Stopped", "0 km/h", "1 min ago")
    assert rows["蒙B001J检"] == ("Offline", "30 km/h", "3 h ago")
    assert rows["蒙B00014"] == ("No report yet", "–", "never")
    assert listing.summary.text() == "4 vehicles · 1 moving · 1 stopped · 2 offline"
    listing.refresh(NOW + 50)  # a minute later, with no news: ages grow, 11 is still within five minutes
    assert dict(zip(_column(listing, PLATE), _column(listing, AGE), strict=True))["蒙B00011"] == "1 min ago"


def test_list_sorts_by_the_real_values_and_keeps_the_selection(listing):
    listing.select(12)
    listing.table.sortByColumn(AGE, Qt.SortOrder.AscendingOrder)
    assert _column(listing, PLATE) == ["蒙B00011", "蒙B00012", "蒙B001J检", "蒙B00014"]  # freshest first, never last
    assert listing.current_id() == 12
    listing.table.sortByColumn(SPEED, Qt.SortOrder.DescendingOrder)
    assert _column(listing, PLATE)[:2] == ["蒙B00011", "蒙B001J检"]
    assert listing.current_id() == 12
    # a new report re-sorts the live list; the selected vehicle stays selected
    listing.model.fleet.apply_fixes([12], [NOW], [109.84], [40.61], [80.0], [0.0])
    listing.refresh(NOW)
    assert _column(listing, PLATE)[0] == "蒙B00012"
    assert listing.current_id() == 12


def test_list_filters_by_text_kind_and_state(listing):
    listing.search.setText("黄河")
    assert _column(listing, PLATE) == ["蒙B00012"]
    listing.search.setText("")
    listing.kind.setCurrentIndex(listing.kind.findData("test_vehicle"))
    assert _column(listing, PLATE) == ["蒙B001J检"]
    listing.kind.setCurrentIndex(0)
    listing.state.setCurrentIndex(listing.state.findData(NEVER))
    assert _column(listing, PLATE) == ["蒙B00014"]
    # selecting a vehicle the filters hide clears them
    assert listing.select(11)
    assert listing.state.currentData() is None and listing.current_id() == 11


def test_double_click_asks_to_fly_and_follow_names_the_selected_vehicle(listing, qtbot):
    listing.select(13)
    row = listing.model.table_row(13)
    rect = listing.table.visualRect(listing.model.index(row, PLATE))
    with qtbot.waitSignal(listing.activated) as fly:
        qtbot.mouseClick(listing.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(listing.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert fly.args == [13]
    with qtbot.waitSignal(listing.followChanged) as follow:
        listing.follow.click()
    assert follow.args == [13]
    with qtbot.waitSignal(listing.followChanged) as unfollow:
        listing.follow.click()
    assert unfollow.args == [None]
    with qtbot.waitSignal(listing.replayRequested) as replay:
        listing.replay.click()
    assert replay.args == [13]
    assert listing.table.model().index(row, 0).data(ID_ROLE) == 13


def _colour_near(img, x: float, y: float, colour: str, radius: int = 9) -> bool:
    want = QColor(colour)
    for dx in range(-radius, radius + 1):
        for dy in range(-radius, radius + 1):
            px, py = int(x) + dx, int(y) + dy
            if not (0 <= px < img.width() and 0 <= py < img.height()):
                continue
            c = img.pixelColor(QPoint(px, py))
            if abs(c.red() - want.red()) + abs(c.green() - want.green()) + abs(c.blue() - want.blue()) < 40:
                return True
    return False


def test_fleet_on_the_map_arrows_in_state_colours_with_trails(qtbot):
    canvas = MapCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(800, 600)
    canvas.show()
    f = _fleet()
    layers = FleetLayers(canvas, f)
    for k in range(0, 121, 10):  # 11 drives east for two minutes
        f.apply_fixes([11], [NOW - 120 + k], [109.80 + k * 4e-5], [40.60], [40.0], [90.0])
    _report(f, v12=(30, 109.82, 40.61, 0, 0))
    layers.refresh(NOW)
    canvas.center_on(109.81, 40.605, 15)
    qtbot.waitUntil(lambda: canvas.is_ready())
    img = canvas.grab().toImage()
    renders = canvas.static_renders
    colours = {k: s.color for k, s in vehicle_states().items()}
    view = canvas.view

    def screen(lon, lat):
        x, y = canvas.from_wgs84(lon, lat)
        sx, sy = view.to_screen(x, y)
        return float(sx), float(sy)

    assert _colour_near(img, *screen(109.80 + 120 * 4e-5, 40.60), colours[MOVING])
    assert _colour_near(img, *screen(109.82, 40.61), colours[STOPPED])
    # the trail: in the moving colour a minute behind the vehicle, where no arrow is
    assert _colour_near(img, *screen(109.80 + 60 * 4e-5, 40.60), colours[MOVING], radius=3)
    assert not _colour_near(img, *screen(109.80 + 60 * 4e-5, 40.603), colours[MOVING], radius=3)
    # a second's reports redraw only the live layers, not the city under them
    f.apply_fixes([11], [NOW + 1], [109.80 + 121 * 4e-5], [40.60], [40.0], [90.0])
    layers.refresh(NOW + 1)
    canvas.grab()
    assert canvas.static_renders == renders
    # a vehicle that never reported waits at its home base, grey
    canvas.center_on(109.90, 40.62, 15)
    assert _colour_near(canvas.grab().toImage(), 400, 300, colours[OFFLINE])
    layers.remove()
    assert canvas.layer("vehicles") is None and canvas.layer("vehicle_trails") is None
