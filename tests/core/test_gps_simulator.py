"""The simulator drives vehicles as real terminals through the real server into the database."""

from __future__ import annotations

import asyncio
import random
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from core.db.models import Alert, CateringJob, Market, Position, Vehicle
from core.feeds import simulator
from core.feeds.gps_server import ServerThread
from core.vehicles.hours import LOCAL, local
from core.vehicles.rules import RuleEngine
from gis.crs import haversine_m


def _fleet_in_db(db) -> None:
    today = local(datetime.now(UTC)).date()
    with db.session() as s:
        for i in range(3):
            s.add(Market(code=f"M{i}", name=f"市场{i}", kind="farmers", lon=109.82 + i * 0.02, lat=40.64))
        trucks = [Vehicle(plate=f"蒙B1000{i}", kind="banquet_truck", terminal_phone=f"01391000000{i}",
                          home_lon=109.9, home_lat=40.6) for i in range(3)]
        vans = [Vehicle(plate=f"蒙B2000{i}", kind="test_vehicle", terminal_phone=f"01392000000{i}") for i in range(2)]
        s.add_all(trucks + vans)
        s.flush()
        start = datetime.combine(today, datetime.min.time(), LOCAL) + timedelta(hours=10)
        s.add(CateringJob(vehicle_id=trucks[0].id, venue="村委会婚宴", venue_lon=109.95, venue_lat=40.58,
                          day=today, starts_at=start, ends_at=start + timedelta(hours=4)))


def test_plan_from_db_sends_trucks_to_venues_and_markets_and_vans_to_markets(db):
    _fleet_in_db(db)
    with db.session() as s:
        fleet = simulator.plan_from_db(s)
    assert len(fleet) == 5
    trucks = [v for v in fleet if v.kind == "banquet_truck"]
    vans = [v for v in fleet if v.kind == "test_vehicle"]
    assert any(p.name == "村委会婚宴" for p in trucks[0].places)
    assert all(p.name.startswith("市场") for v in vans for p in v.places) and all(v.places for v in vans)


def test_vehicles_without_a_home_start_among_the_databases_markets(db):
    with db.session() as s:  # another city: Hohhot's markets
        for i in range(3):
            s.add(Market(code=f"H{i}", name=f"呼市市场{i}", kind="farmers", lon=111.64 + i * 0.02, lat=40.82))
        s.add(Vehicle(plate="蒙A20001", kind="test_vehicle", terminal_phone="013920000009"))
        s.flush()
        [van] = simulator.plan_from_db(s)
    assert haversine_m(111.66, 40.82, *van.home) < 20_000


def test_simulated_fleet_reports_through_the_server(db):
    _fleet_in_db(db)
    with db.session() as s:
        fleet = simulator.plan_from_db(s)
    with ServerThread(db, rules=RuleEngine()) as srv:
        stats = asyncio.run(simulator.simulate(fleet, "127.0.0.1", srv.port, rate=4.0, duration=3.0))
    assert stats.failures == 0 and stats.refused == 0
    assert stats.sent >= 5 * 8 and stats.acked >= stats.sent - 5  # the last report of each may be in flight
    with db.session() as s:
        per_vehicle = dict(s.execute(select(Position.vehicle_id, func.count()).group_by(Position.vehicle_id)).all())
        vehicles = list(s.scalars(select(Vehicle)))
        assert set(per_vehicle) == {v.id for v in vehicles}
        for v in vehicles:
            assert v.last_time is not None
            assert haversine_m(109.84, 40.65, v.last_lon, v.last_lat) < 40_000  # around Baotou
        speeds = list(s.scalars(select(Position.speed_kmh)))
        assert max(speeds) < 120


def test_synthetic_fleet_registers_its_own_vehicles(sqlite_db):
    fleet = simulator.synthetic_fleet(120)
    with sqlite_db.session() as s:
        assert simulator.ensure_vehicles(s, fleet) == 120
    with sqlite_db.session() as s:
        assert simulator.ensure_vehicles(s, fleet) == 0
    with ServerThread(sqlite_db) as srv, simulator.SimulatorThread(fleet, port=srv.port, rate=2.0) as sim:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and _vehicles_reporting(sqlite_db) < 120:
            time.sleep(0.2)
    assert sim.stats.failures == 0 and sim.stats.sent >= 120
    assert _vehicles_reporting(sqlite_db) == 120


def _vehicles_reporting(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count(func.distinct(Position.vehicle_id))))


def test_a_truck_stopping_at_an_undeclared_venue_is_caught_by_the_rules(sqlite_db):
    """The simulator's undeclared stops are real stops: fed to the rules, they raise the alert."""
    today = datetime(2025, 6, 1, 9, 0, tzinfo=LOCAL)
    with sqlite_db.session() as s:
        truck = Vehicle(plate="蒙B30000", kind="banquet_truck", terminal_phone="013930000000",
                        home_lon=109.9, home_lat=40.6)
        s.add(truck)
        s.flush()
        s.add(CateringJob(vehicle_id=truck.id, venue="申报地点", venue_lon=109.95, venue_lat=40.58,
                          day=today.date(), starts_at=today, ends_at=today + timedelta(hours=5)))
        vid = truck.id
    spot = simulator.Stop(109.93, 40.63, "undeclared venue", 600.0)
    sim = simulator.SimVehicle("013930000000", "蒙B30000", "banquet_truck", (109.9, 40.6), [], [spot])
    mover = simulator.Mover(sim, random.Random(3))
    engine = RuleEngine()
    t, events = today, []
    for _ in range(180):  # up to three hours, a minute of 1 Hz fixes per batch
        batch = []
        for _ in range(60):
            mover.step(1.0)
            t += timedelta(seconds=1)
            loc = mover.location(t)
            batch.append({"vehicle_id": vid, "time": loc.time, "lon": loc.lon, "lat": loc.lat,
                          "speed_kmh": loc.speed_kmh, "valid": True})
        with sqlite_db.session() as s:
            events += engine.feed(s, batch)
        if events:
            break
    assert [e.kind for e in events] == ["undeclared_venue"]
    with sqlite_db.session() as s:
        [alert] = s.scalars(select(Alert).where(Alert.kind == "undeclared_venue"))
    assert haversine_m(spot.lon, spot.lat, alert.lon, alert.lat) < 50
