"""The vehicles panel in the main window, on a real demo database: live positions from a real GPS
server and simulated terminals over TCP, the list, follow, details with alerts, and the replay of
a GeoLife track."""

from __future__ import annotations

import asyncio
import shutil
import time
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from PySide6.QtCore import QSettings
from sqlalchemy import select

from core.auth import SYSTEM, Actor
from core.db.engine import Database
from core.db.models import Position, Vehicle
from core.demo import build_demo
from core.feeds import jt808
from core.feeds.geolife import import_positions, read_plt
from core.feeds.gps_server import ServerThread
from core.feeds.simulator import SimulatorThread, plan_from_db
from core.feeds.terminal import Terminal
from core.services.alerts import raise_alert
from core.vehicles.trips import segment
from desktop.app import build_window, wait_until_ready
from tests.conftest import shared_data
from widgets.map_canvas import MapCanvas
from widgets.vehicle_list import OFFLINE
from widgets.vehicle_list.model import AGE, PLATE, STATE

ADMIN = Actor("admin", "admin")
GEOLIFE = ("trajectories", "geolife_long", "000", "Trajectory", "20081023025304.plt")


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("vehicles") / "demo.db"
    db = Database(f"sqlite:///{path}")
    build_demo(db, scale=0.05, seed=5)
    with db.session() as s:
        import_positions(s, shared_data(*GEOLIFE), "GEO-000", ADMIN)
    db.dispose()
    return path


@pytest.fixture
def db(demo_file, tmp_path):
    path = tmp_path / "demo.db"
    shutil.copy(demo_file, path)
    database = Database(f"sqlite:///{path}")
    yield database
    database.dispose()


def _window(qapp, db, tmp_path, live):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = build_window(db, ADMIN, settings, live=live)
    panel = win.vehicles_panel
    if getattr(win, "map_canvas", None) is None:  # the map panel puts one in the centre; else give one
        canvas = MapCanvas()
        win.set_central(canvas)
        panel.attach_map(canvas)
    win.resize(1600, 1000)
    win.show()
    win.hub.load_counts_now()
    assert wait_until_ready(qapp, win, 60)
    return win, panel


@pytest.fixture
def still(qapp, db, tmp_path):
    win, panel = _window(qapp, db, tmp_path, live=False)
    yield panel
    win.close()


@pytest.fixture
def live(qapp, db, tmp_path):
    win, panel = _window(qapp, db, tmp_path, live=True)
    yield panel
    win.close()


def _rows(panel) -> dict[str, tuple[str, str]]:
    m = panel.list.table.model()
    return {m.index(r, PLATE).data(): (m.index(r, STATE).data(), m.index(r, AGE).data()) for r in range(m.rowCount())}


def _drawn(panel, vehicle_id: int) -> tuple[float, float] | None:
    """Where the map draws a vehicle's arrow (WGS-84), None if it does not."""
    ext = panel.canvas.layer("vehicles").extent([vehicle_id])
    if ext is None:
        return None
    lon, lat = panel.canvas.to_wgs84(ext[0], ext[1])
    return float(lon), float(lat)


def _vehicles(db, kinds=("banquet_truck", "test_vehicle")) -> list[Vehicle]:
    with db.session() as s:
        return list(s.scalars(select(Vehicle).where(Vehicle.kind.in_(kinds), Vehicle.plate != "GEO-000")
                              .order_by(Vehicle.id)))


def test_before_any_report_the_fleet_waits_at_home(still, db):
    rows = _rows(still)
    demo = _vehicles(db)
    assert len(rows) == len(demo) + 1
    for v in demo:
        assert rows[v.plate] == ("No report yet", "never")
        assert _drawn(still, v.id) == (pytest.approx(v.home_lon, abs=1e-7), pytest.approx(v.home_lat, abs=1e-7))
    assert rows["GEO-000"][0] == "Offline" and rows["GEO-000"][1].endswith("days ago")


def test_reports_from_terminals_move_the_vehicles_on_the_map_and_in_the_list(live, db, qtbot):
    demo = _vehicles(db)
    with db.session() as s:
        fleet = [f for f in plan_from_db(s) if f.plate != "GEO-000"]
    with ServerThread(db) as srv, SimulatorThread(fleet, port=srv.port):
        qtbot.waitUntil(lambda: all(_rows(live)[v.plate][1].endswith("s ago") for v in demo), timeout=30000)
        first = {v.id: _drawn(live, v.id) for v in demo}
        qtbot.waitUntil(lambda: any(_drawn(live, v.id) != first[v.id] for v in demo), timeout=30000)
        states = live.fleet.states(time.time())
        assert OFFLINE not in states[live.fleet.rows_of([v.id for v in demo])].tolist()
        qtbot.waitUntil(lambda: live.layers.trails.extent() is not None, timeout=30000)

    def shown_as_stored() -> bool:
        with db.session() as s:
            last = {v.id: (v.last_lon, v.last_lat) for v in s.scalars(select(Vehicle))}
        return all(_drawn(live, v.id) == (pytest.approx(last[v.id][0], abs=1e-6), pytest.approx(last[v.id][1], abs=1e-6))
                   for v in demo)

    # once the feed stops, the map shows exactly the last fix the database holds for each vehicle
    qtbot.waitUntil(shown_as_stored, timeout=15000)


def test_an_invalid_fix_is_stored_but_never_drawn(live, db, qtbot):
    v = _vehicles(db)[0]
    now = datetime.now(UTC).astimezone(jt808.CST).replace(microsecond=0)
    good = jt808.Location(lat=40.61, lon=109.81, time=now - timedelta(seconds=2), speed_kmh=30.0, direction=45)
    no_fix = jt808.Location(lat=40.80, lon=110.20, time=now - timedelta(seconds=1), speed_kmh=30.0, status=0)
    off_globe = jt808.Location(lat=95.0, lon=110.3, time=now, speed_kmh=30.0)

    async def drive(port):
        t = Terminal(v.terminal_phone, timeout=15)
        await t.connect("127.0.0.1", port)
        await t.register(v.plate)
        await t.authenticate()
        for loc in (good, no_fix, off_globe):
            await t.report(loc)
        await t.close()

    with ServerThread(db) as srv:
        asyncio.run(drive(srv.port))
    qtbot.waitUntil(lambda: _drawn(live, v.id) != (pytest.approx(v.home_lon), pytest.approx(v.home_lat))
                    and _rows(live)[v.plate][0] != "No report yet", timeout=15000)
    assert _drawn(live, v.id) == (pytest.approx(109.81, abs=1e-6), pytest.approx(40.61, abs=1e-6))
    live.load()  # the trails read at start skip invalid fixes too
    qtbot.waitUntil(lambda: live.fleet.row_of(v.id) is not None and np.isfinite(live.fleet.time[live.fleet.row_of(v.id)]))
    r = live.fleet.row_of(v.id)
    assert np.nanmax(live.fleet.trail_lat[r]) < 40.7
    with db.session() as s:
        assert s.scalar(select(Position.valid).where(Position.vehicle_id == v.id, Position.lat == 95.0)) is False


def _report_in_db(db, vehicle_id: int, lon: float, lat: float, speed: float = 40.0) -> None:
    with db.session() as s:
        v = s.get(Vehicle, vehicle_id)
        v.last_time, v.last_lon, v.last_lat, v.last_speed, v.last_heading = datetime.now(UTC), lon, lat, speed, 90.0


def test_double_click_flies_there_and_follow_keeps_the_map_on_it(live, db, qtbot):
    v = _vehicles(db)[0]
    _report_in_db(db, v.id, 109.95, 40.58)
    qtbot.waitUntil(lambda: _rows(live)[v.plate][0] == "Moving", timeout=15000)
    live.list.select(v.id)
    live.list.activated.emit(v.id)  # what a double-click on its row does
    lon, lat = live.canvas.to_wgs84(live.canvas.view.cx, live.canvas.view.cy)
    assert (float(lon), float(lat)) == (pytest.approx(109.95, abs=1e-4), pytest.approx(40.58, abs=1e-4))
    assert live.canvas.view.zoom == pytest.approx(16, abs=0.01)
    live.list.follow.click()
    _report_in_db(db, v.id, 109.97, 40.59)
    qtbot.waitUntil(lambda: abs(float(live.canvas.to_wgs84(live.canvas.view.cx, live.canvas.view.cy)[0]) - 109.97) < 1e-4,
                    timeout=15000)
    live.list.follow.click()
    _report_in_db(db, v.id, 110.00, 40.60)
    qtbot.waitUntil(lambda: live.fleet.lon[live.fleet.row_of(v.id)] == 110.00, timeout=15000)
    live.tick()
    assert abs(float(live.canvas.to_wgs84(live.canvas.view.cx, live.canvas.view.cy)[0]) - 109.97) < 1e-4


def test_details_list_checks_certificates_jobs_ledgers_and_new_alerts(live, db, qtbot):
    truck = _vehicles(db, ("banquet_truck",))[0]
    live.list.select(truck.id)
    d = live.details
    qtbot.waitUntil(lambda: d.details is not None and d.details.id == truck.id, timeout=10000)
    assert d.checks.topLevelItem(0).childCount() == 5 and d.checks.topLevelItem(1).childCount() == 8
    assert d.jobs.rowCount() == len(d.details.jobs) > 0
    assert d.ledgers.rowCount() == len(d.details.ledgers) > 0
    assert d.certificates.rowCount() >= 5
    with db.session() as s:
        raise_alert(s, SYSTEM, kind="undeclared_venue", source="vehicle", severity="high",
                    title=f"{truck.plate} 宴席车在未申报地点停留", vehicle_id=truck.id, dedup_key=f"test:{truck.id}")
    qtbot.waitUntil(lambda: d.alerts.rowCount() >= 1 and "Catering at an undeclared venue" in
                    [d.alerts.item(r, 1).text() for r in range(d.alerts.rowCount())], timeout=15000)
    # the truck reports: an open high alert colours it as alerting
    _report_in_db(db, truck.id, 109.9, 40.6)
    qtbot.waitUntil(lambda: _rows(live)[truck.plate][0] == "Alert", timeout=15000)


def test_replay_of_a_geolife_track_flies_to_beijing_and_lists_its_trips_and_stops(still, db, qtbot):
    with db.session() as s:
        vid = s.scalar(select(Vehicle.id).where(Vehicle.plate == "GEO-000"))
    still.list.select(vid)
    still.list.replay.click()
    r = still.replay
    assert still.replay_dock.isVisible()
    qtbot.waitUntil(lambda: r.whole_button.isEnabled(), timeout=10000)
    r.whole_button.click()
    qtbot.waitUntil(lambda: r.track is not None and len(r.track) > 0, timeout=15000)
    fixes = read_plt(shared_data(*GEOLIFE))
    seg = segment([f.time for f in fixes], [f.lon for f in fixes], [f.lat for f in fixes])
    assert len(r.track) == len(fixes) == 908
    assert r.table.rowCount() == len(seg.trips) + len(seg.stops)
    kinds = [r.table.item(i, 0).text() for i in range(r.table.rowCount())]
    assert kinds.count("Stop") == len(seg.stops) and kinds.count("Trip") == len(seg.trips)
    dist = sum(float(r.table.item(i, 4).text().split()[0]) for i in range(r.table.rowCount()) if kinds[i] == "Trip")
    assert dist == pytest.approx(sum(t.distance_m for t in seg.trips) / 1000, abs=0.01 * len(seg.trips))
    lon, lat = still.canvas.to_wgs84(still.canvas.view.cx, still.canvas.view.cy)
    assert 116.2 < lon < 116.4 and 39.9 < lat < 40.1
    # play at 60×: the arrow follows the track
    cursor = still.canvas.layer("replay_cursor")
    before = cursor.extent()
    r.set_speed(60)
    r.play()
    qtbot.waitUntil(lambda: r.time > r.track.start + 120, timeout=10000)
    r.pause()
    assert cursor.extent() != before
    # hiding the dock takes the replay off the map
    still.replay_dock.hide()
    assert still.canvas.layer("replay_track") is None


def test_other_views_get_the_room(still):
    still.window.show_view("tests")
    # the list waits behind another tab; the details are put away
    assert still.list_dock.visibleRegion().isEmpty() and not still.details_dock.isVisible()
    still.window.show_view("map")
    still.window.workspace.reveal("vehicles")
    assert not still.list_dock.visibleRegion().isEmpty() and still.details_dock.isVisible()
