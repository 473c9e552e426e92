"""Replay: where the vehicle was at the slider's time, playing at 1×–60×, the trips and stops
table, and the track, stops and arrow on a real map canvas."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor

from widgets.map_canvas import MapCanvas
from widgets.replay import (
    LineStyle,
    PolylineLayer,
    ReplayLayers,
    ReplayTrack,
    ReplayWidget,
    StopSpan,
    TripSpan,
    moment_at,
)
from widgets.replay.layers import TRACK_COLOUR

T0 = 1_224_730_384.0  # 2008-10-23 10:53:04 in Beijing


def _track() -> ReplayTrack:
    # east at 10 m/s for 100 s, parked 10 minutes, then north for 100 s after a 20-minute hole
    t = np.r_[np.arange(0, 101, 10.0), np.arange(160, 761, 60.0), np.arange(1961, 2062, 10.0)] + T0
    lon = np.r_[116.30 + np.arange(11) * 0.0001176, np.full(11, 116.30 + 10 * 0.0001176), np.full(11, 116.3012)]
    lat = np.r_[np.full(11, 39.98), np.full(11, 39.98), 39.98 + np.arange(11) * 0.0000899]
    speed = np.r_[np.full(11, 36.0), np.zeros(11), np.full(11, np.nan)]
    return ReplayTrack(7, "GEO-000", t, lon, lat, speed,
                       stops=[StopSpan(T0 + 100, T0 + 760, 116.301176, 39.98, 12)],
                       trips=[TripSpan(T0, T0 + 100, 1000.0, 11), TripSpan(T0 + 1961, T0 + 2061, 1000.0, 11)])


def test_position_is_interpolated_between_fixes_with_the_heading_of_the_step():
    tr = _track()
    m = moment_at(tr, T0 + 55)
    assert m.lon == pytest.approx(116.30 + 5.5 * 0.0001176)
    assert m.lat == pytest.approx(39.98)
    assert m.heading == pytest.approx(90.0, abs=0.1)
    assert m.speed_kmh == pytest.approx(36.0)
    parked = moment_at(tr, T0 + 400)
    assert parked.speed_kmh == 0 and parked.heading == pytest.approx(90.0, abs=0.1)  # keeps pointing its last way
    north = moment_at(tr, T0 + 2000)
    assert north.heading == pytest.approx(0.0, abs=0.1)
    # speed derived from the step when the track has none: 10 m in 10 s
    assert north.speed_kmh == pytest.approx(3.6, rel=0.02)


def test_a_hole_in_the_data_holds_the_vehicle_instead_of_inventing_a_route():
    tr = _track()
    m = moment_at(tr, T0 + 1300)  # between the last parked fix (760 s) and the next (1961 s)
    assert (m.lon, m.lat) == (tr.lon[21], tr.lat[21])
    assert math.isnan(m.speed_kmh)
    assert moment_at(tr, T0 - 50).time == T0 and moment_at(tr, T0 + 10**6).time == tr.end


def test_a_track_that_goes_back_in_time_is_refused():
    with pytest.raises(ValueError, match="backwards"):
        ReplayTrack(1, "X", np.array([2.0, 1.0]), np.zeros(2), np.zeros(2), np.zeros(2))


@pytest.fixture
def replay(qtbot):
    w = ReplayWidget()
    qtbot.addWidget(w)
    w.resize(900, 400)
    w.show()
    w.set_vehicles([(7, "GEO-000"), (8, "蒙B00011")])
    w.set_track(_track())
    return w


def test_trips_and_stops_table_in_time_order_and_a_click_jumps_there(replay, qtbot):
    t = replay.table
    rows = [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]
    assert rows == [
        ["Trip", "2008-10-23 10:53:04", "2008-10-23 10:54:44", "1 min", "1.00 km", "36 km/h"],
        ["Stop", "2008-10-23 10:54:44", "2008-10-23 11:05:44", "11 min", "", ""],
        ["Trip", "2008-10-23 11:25:45", "2008-10-23 11:27:25", "1 min", "1.00 km", "36 km/h"],
    ]
    assert replay.summary.text() == "GEO-000: 33 fixes, 2 trips (2.0 km), 1 stops"
    with qtbot.waitSignal(replay.momentChanged) as moved:
        t.cellClicked.emit(2, 0)
    assert moved.args[0].time == T0 + 1961
    assert replay.slider.value() == 1961


def test_slider_and_readout_show_time_speed_and_position(replay):
    replay.slider.setValue(55)
    assert replay.readout.text().startswith("2008-10-23 10:53:59   36 km/h   39.98000° N, 116.30065° E")
    replay.slider.setValue(1300)
    assert "speed unknown" in replay.readout.text()


def test_playing_moves_on_at_the_chosen_speed_and_stops_at_the_end(replay, qtbot):
    replay.set_speed(60)
    start = replay.time
    with qtbot.waitSignal(replay.playingChanged):
        replay.play_button.click()
    qtbot.waitUntil(lambda: replay.time > start + 20, timeout=5000)
    replay.pause()
    elapsed = replay.time - start
    assert elapsed > 0 and not replay.playing
    # the timer's own ticks advance by wall time × speed: emulate a long tick to reach the end
    replay.play()
    replay.advance(10**6)
    assert replay.time == replay.track.end and not replay.playing
    assert replay.play_button.isEnabled()


def test_show_asks_for_the_chosen_vehicle_and_range(replay, qtbot):
    replay.vehicle.setCurrentIndex(replay.vehicle.findData(8))
    replay.set_range(T0, T0 + 3600)
    with qtbot.waitSignal(replay.requested) as req:
        replay.show_button.click()
    assert req.args == [8, T0, T0 + 3600]
    replay.set_range(T0 + 3600, T0)
    with qtbot.assertNotEmitted(replay.requested):
        replay.show_button.click()
    assert "after its start" in replay.summary.text()


def test_span_of_a_vehicle_sets_its_last_day_and_whole_track(replay, qtbot):
    with qtbot.waitSignal(replay.vehicleChosen) as chosen:
        replay.choose(7)
    assert chosen.args == [7]
    replay.set_span(T0 - 3 * 86400, T0)
    assert replay.range() == (T0 - 86400, T0)
    with qtbot.waitSignal(replay.requested) as req:
        replay.whole_button.click()
    assert req.args == [7, T0 - 3 * 86400, T0]
    replay.set_span(None, None)
    assert not replay.whole_button.isEnabled() and "no stored positions" in replay.summary.text()


def _has_colour(img, x, y, colour, r=4) -> bool:
    want = QColor(colour)
    for dx in range(-r, r + 1):
        for dy in range(-r, r + 1):
            if 0 <= x + dx < img.width() and 0 <= y + dy < img.height():
                c = img.pixelColor(QPoint(int(x + dx), int(y + dy)))
                if abs(c.red() - want.red()) + abs(c.green() - want.green()) + abs(c.blue() - want.blue()) < 60:
                    return True
    return False


def test_replay_on_the_map_flies_to_the_track_and_draws_it(qtbot):
    canvas = MapCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(800, 600)
    canvas.show()
    canvas.center_on(109.84, 40.65, 12)  # Baotou; the track is in Beijing
    layers = ReplayLayers(canvas)
    tr = _track()
    layers.show(tr)
    lon, lat = canvas.to_wgs84(canvas.view.cx, canvas.view.cy)
    assert 116.29 < lon < 116.31 and 39.97 < lat < 39.99
    layers.move_to(7, moment_at(tr, T0 + 2000))
    qtbot.waitUntil(canvas.is_ready)
    img = canvas.grab().toImage()

    def screen(lo, la):
        x, y = canvas.from_wgs84(lo, la)
        sx, sy = canvas.view.to_screen(x, y)
        return float(sx), float(sy)

    assert _has_colour(img, *screen(116.30 + 3 * 0.0001176, 39.98), TRACK_COLOUR)  # along the first trip
    assert _has_colour(img, *screen(116.301176, 39.98), "#f59e0b", r=7)  # the stop
    assert canvas.layer("replay_cursor").extent() is not None
    layers.clear()
    assert all(canvas.layer(i) is None for i in ("replay_track", "replay_stops", "replay_cursor"))
    layers.show(tr, fly=False)  # and back
    assert canvas.layer("replay_track") is not None


def test_polyline_layer_refuses_bad_input_and_keeps_its_lines(qtbot):
    layer = PolylineLayer("lines", "lines", styles={0: LineStyle("#ff0000", 1.0)})
    layer.set_lines([([116.3, 116.4], [39.9, 39.95]), ([116.5, 116.6, 116.7], [39.9, 39.9, 39.9])])
    assert len(layer) == 2
    with pytest.raises(ValueError, match="no style"):
        layer.set_lines([([116.3, 116.4], [39.9, 39.95])], categories=[3])
    with pytest.raises(ValueError):
        layer.set_lines([([116.3, float("nan")], [39.9, 39.95])])
    with pytest.raises(ValueError, match="longitudes"):
        layer.set_lines([([116.3, 116.4], [39.9])])
    assert len(layer) == 2
    with pytest.raises(ValueError):
        LineStyle("not a colour")


def test_a_crowded_view_leaves_the_lines_out_until_fewer_are_in_view(qtbot):
    canvas = MapCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(600, 400)
    canvas.show()
    layer = PolylineLayer("trails", "trails", styles={0: LineStyle("#ff0000", 1.0)}, live=True, max_lines=2)
    canvas.add_layer(layer)
    layer.set_lines([([116.30, 116.31], [39.90, 39.90]), ([116.30, 116.31], [39.91, 39.91]),
                     ([116.50, 116.51], [39.90, 39.90])])
    canvas.zoom_to_extent(116.29, 39.85, 116.52, 39.95)  # all three in view
    assert layer.prepare(canvas.context()) is None
    canvas.zoom_to_extent(116.295, 39.89, 116.315, 39.915)  # two in view
    assert len(layer.prepare(canvas.context())) == 1
    x, y = canvas.from_wgs84(116.305, 39.90)
    sx, sy = canvas.view.to_screen(x, y)
    img = canvas.grab().toImage()
    reds = [img.pixelColor(QPoint(int(sx) + dx, int(sy) + dy)) for dx in (-2, 0, 2) for dy in (-1, 0, 1)]
    assert any(c.red() - c.green() > 80 for c in reds)  # a one-pixel antialiased red line
