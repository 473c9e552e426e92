"""Zone and hours rules fed with positions, against real rows on both engines."""

from __future__ import annotations

import asyncio
from datetime import date, datetime, timedelta

from shapely.geometry import box
from sqlalchemy import select

from core.db.models import Alert, Business, CateringJob, Certificate, Market, Vehicle, VendorZone
from core.feeds import jt808
from core.feeds.gps_server import ServerThread
from core.feeds.terminal import Terminal
from core.vehicles.hours import LOCAL, is_open
from core.vehicles.rules import RuleEngine

DAY = date(2025, 6, 1)  # a Sunday
HOME = (109.80, 40.60)
VENUE = (109.90, 40.65)
MARKET = (109.85, 40.62)
SCHOOL = (109.95, 40.70)
ZONE_CENTER = (110.00, 40.70)
ELSEWHERE = (109.70, 40.55)  # nothing declared or known there


def at(hh: int, mm: int = 0, ss: int = 0, day: date = DAY) -> datetime:
    return datetime(day.year, day.month, day.day, hh, mm, ss, tzinfo=LOCAL)


def _setup(db) -> dict:
    with db.session() as s:
        truck = Vehicle(plate="蒙B00001", kind="banquet_truck", terminal_phone="013900000001",
                        home_lon=HOME[0], home_lat=HOME[1])
        van = Vehicle(plate="蒙B00002", kind="test_vehicle", terminal_phone="013900000002")
        s.add_all([truck, van])
        s.flush()
        s.add(CateringJob(vehicle_id=truck.id, venue="萨拉齐镇 张家婚宴", venue_lon=VENUE[0], venue_lat=VENUE[1],
                          radius_m=300, day=DAY, starts_at=at(10), ends_at=at(14), guests=120))
        s.add(Market(code="M1", name="友谊市场", kind="farmers", lon=MARKET[0], lat=MARKET[1]))
        s.add(Business(licence_no="JY1", name="第一小学食堂", kind="canteen_school", qr_token="q1",
                       lon=SCHOOL[0], lat=SCHOOL[1]))
        zone = VendorZone(code="Z1", name="夜市摊区", opens="17:00", closes="23:00", days="1234567",
                          geom=box(ZONE_CENTER[0] - 0.002, ZONE_CENTER[1] - 0.002,
                                   ZONE_CENTER[0] + 0.002, ZONE_CENTER[1] + 0.002),
                          lon=ZONE_CENTER[0], lat=ZONE_CENTER[1])
        zone.set_bbox(zone.geom)
        s.add(zone)
        # The van's health certificate expired; its licence was renewed (old row kept).
        s.add(Certificate(kind="health_certificate", vehicle_id=van.id, expires=DAY - timedelta(days=3)))
        s.add(Certificate(kind="vehicle_licence", vehicle_id=van.id, expires=DAY - timedelta(days=400)))
        s.add(Certificate(kind="vehicle_licence", vehicle_id=van.id, expires=DAY + timedelta(days=300)))
        s.add(Certificate(kind="vehicle_licence", vehicle_id=truck.id, expires=DAY + timedelta(days=10)))
        s.flush()
        return {"truck": truck.id, "van": van.id, "zone": zone.id}


def rows(vid, place, start: datetime, n: int, speed: float, step_s: int = 10, drift=0.0):
    return [{"vehicle_id": vid, "time": start + timedelta(seconds=step_s * i), "lon": place[0] + drift * i,
             "lat": place[1], "speed_kmh": speed, "valid": True} for i in range(n)]


def feed(db, engine, batch):
    with db.session() as s:
        return engine.feed(s, batch)


def alerts(db, kind=None):
    with db.session() as s:
        q = select(Alert).order_by(Alert.id)
        if kind:
            q = q.where(Alert.kind == kind)
        return list(s.scalars(q))


def test_truck_stopped_at_an_undeclared_venue_raises_one_alert_that_ends_when_it_leaves(db):
    ids = _setup(db)
    engine = RuleEngine()
    feed(db, engine, rows(ids["truck"], ELSEWHERE, at(11), 3, 40.0, drift=0.001))
    events = []
    for i in range(12):  # one fix per batch, 10 s apart, stopped
        events += feed(db, engine, rows(ids["truck"], ELSEWHERE, at(11, 1) + timedelta(seconds=10 * i), 1, 0.0))
    raised = [e for e in events if e.kind == "undeclared_venue"]
    assert len(raised) == 1
    assert raised[0].at <= at(11, 1, 30)  # within a few fixes of stopping
    [alert] = alerts(db, "undeclared_venue")
    assert (alert.source, alert.vehicle_id, alert.state) == ("vehicle", ids["truck"], "new")
    assert (alert.lon, alert.lat) == (ELSEWHERE[0], ELSEWHERE[1])
    assert "萨拉齐镇 张家婚宴" in alert.detail["declared"]
    assert alert.ended_at is None
    feed(db, engine, rows(ids["truck"], ELSEWHERE, at(11, 5), 4, 35.0, drift=0.001))
    [alert] = alerts(db, "undeclared_venue")
    assert alert.ended_at is not None


def test_stops_at_the_venue_a_market_or_home_and_on_days_without_jobs_raise_nothing(db):
    ids = _setup(db)
    engine = RuleEngine()
    for place, start in ((VENUE, at(10)), (MARKET, at(8)), (HOME, at(6)), (ELSEWHERE, at(11, day=DAY + timedelta(days=1)))):
        feed(db, engine, rows(ids["truck"], place, start - timedelta(minutes=1), 3, 40.0))
        feed(db, engine, rows(ids["truck"], place, start, 10, 0.0))
    assert alerts(db, "undeclared_venue") == []


def test_truck_moving_outside_hours(db):
    ids = _setup(db)
    engine = RuleEngine()
    feed(db, engine, rows(ids["truck"], ELSEWHERE, at(10), 5, 50.0, drift=0.001))
    assert alerts(db, "outside_hours") == []
    events = feed(db, engine, rows(ids["truck"], ELSEWHERE, at(22, 30), 8, 50.0, drift=0.001))
    assert [e.kind for e in events].count("outside_hours") == 1
    [alert] = alerts(db, "outside_hours")
    assert alert.vehicle_id == ids["truck"] and alert.severity == 2
    # The van (a test vehicle) has no operating-hours rule.
    feed(db, engine, rows(ids["van"], ELSEWHERE, at(23), 5, 50.0))
    assert len(alerts(db, "outside_hours")) == 1


def test_moving_with_an_expired_certificate(db):
    ids = _setup(db)
    engine = RuleEngine()
    feed(db, engine, rows(ids["van"], MARKET, at(9), 2, 0.0))
    assert alerts(db, "expired_certificate") == []  # parked is not operating
    feed(db, engine, rows(ids["van"], MARKET, at(9, 5), 6, 30.0, drift=0.001))
    [alert] = alerts(db, "expired_certificate")
    assert [c["kind"] for c in alert.detail["certificates"]] == ["health_certificate"]  # renewed licence is fine
    feed(db, engine, rows(ids["truck"], ELSEWHERE, at(9), 6, 30.0, drift=0.001))
    assert len(alerts(db, "expired_certificate")) == 1  # the truck's licence is valid


def test_school_radius_is_debounced(db):
    ids = _setup(db)
    engine = RuleEngine()
    near = (SCHOOL[0] + 0.001, SCHOOL[1])  # ~85 m away
    far = (SCHOOL[0] + 0.01, SCHOOL[1])  # ~850 m away
    blip = (feed(db, engine, rows(ids["truck"], near, at(12), 2, 30.0))
            + feed(db, engine, rows(ids["truck"], far, at(12, 1), 3, 30.0)))
    assert not [e for e in blip if e.kind.startswith("school")]
    events = feed(db, engine, rows(ids["truck"], near, at(12, 5), 4, 30.0))
    assert [e.kind for e in events if e.kind.startswith("school") or e.kind == "near_school"] == [
        "school_enter", "near_school"]
    events = feed(db, engine, rows(ids["truck"], far, at(12, 10), 3, 30.0))
    assert [e.kind for e in events if e.kind.startswith("school")] == ["school_exit"]
    [alert] = alerts(db, "near_school")
    assert alert.ended_at is not None and alert.detail["business_id"] is not None


def test_vendor_zone_enter_exit_and_closed_hours(db):
    ids = _setup(db)
    engine = RuleEngine()

    def zone_events(batch):
        return [e.kind for e in feed(db, engine, batch) if e.kind.startswith("zone")]

    assert zone_events(rows(ids["van"], ZONE_CENTER, at(18), 8, 0.0)) == ["zone_enter"]  # open: no alert
    assert zone_events(rows(ids["van"], ELSEWHERE, at(18, 10), 3, 30.0)) == ["zone_exit"]
    next_morning = at(9, day=DAY + timedelta(days=1))
    assert zone_events(rows(ids["van"], ZONE_CENTER, next_morning, 8, 0.0)) == ["zone_enter", "zone_closed"]
    [alert] = alerts(db, "zone_closed")
    assert alert.detail["zone_id"] == ids["zone"]


def test_invalid_and_backfilled_fixes_do_not_drive_the_rules(db):
    ids = _setup(db)
    engine = RuleEngine()
    batch = rows(ids["truck"], ELSEWHERE, at(11), 12, 0.0)
    for r in batch:
        r["valid"] = False
    feed(db, engine, batch)
    feed(db, engine, rows(ids["truck"], ELSEWHERE, at(12), 1, 40.0))
    feed(db, engine, rows(ids["truck"], ELSEWHERE, at(11, 30), 12, 0.0))  # older than the last fix
    assert alerts(db) == []


def test_opening_hours_past_midnight():
    assert is_open("17:00", "02:00", "6", at(1, day=date(2025, 6, 1)))  # Sunday 01:00, opened Saturday
    assert not is_open("17:00", "02:00", "6", at(1, day=date(2025, 6, 2)))
    assert is_open("08:00", "20:00", "7", at(8))
    assert not is_open("08:00", "20:00", "7", at(20))


def test_gps_server_raises_the_alert_from_live_reports(db):
    ids = _setup(db)

    async def drive(port):
        t = Terminal("013900000001", timeout=15)
        await t.connect("127.0.0.1", port)
        await t.register("蒙B00001")
        await t.authenticate()
        for i in range(8):
            speed = 40.0 if i < 3 else 0.0
            loc = jt808.Location(lat=ELSEWHERE[1], lon=ELSEWHERE[0], time=at(11) + timedelta(seconds=10 * i), speed_kmh=speed)
            assert await t.report(loc) == jt808.REPLY_OK
        await t.close()

    with ServerThread(db, rules=RuleEngine()) as srv:
        asyncio.run(drive(srv.port))
    [alert] = alerts(db, "undeclared_venue")
    assert alert.vehicle_id == ids["truck"]
