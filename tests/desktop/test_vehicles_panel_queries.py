"""What the vehicles panel reads, on SQLite and on PostgreSQL: the fleet with its last valid fixes,
trails without invalid fixes, alerting vehicles, new fixes since a time, a replay and details."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import numpy as np
import pytest

from core.auth import SYSTEM
from core.db.models import Alert, CateringJob, Certificate, Position, Vehicle, VehicleCheck, VehicleLedger
from core.services.alerts import raise_alert
from core.vehicles.hours import local
from desktop.panels import vehicle_data as q

NOW = datetime.now(UTC).replace(microsecond=0)


@pytest.fixture
def fleet(db):
    with db.session() as s:
        a = Vehicle(plate="蒙B10001", kind="banquet_truck", terminal_phone="014700000001", owner="鹿城宴席",
                    home_lon=109.80, home_lat=40.60, last_time=NOW - timedelta(seconds=5), last_lon=109.83,
                    last_lat=40.61, last_speed=42.0, last_heading=90.0)
        b = Vehicle(plate="蒙B001J检", kind="test_vehicle", terminal_phone="014700000002", home_lon=109.9, home_lat=40.62)
        gone = Vehicle(plate="蒙B10003", kind="banquet_truck", terminal_phone="014700000003", active=False)
        s.add_all([a, b, gone])
        s.flush()
        for k in range(12):  # the last minute of a: every five seconds, one of them without a fix
            t = NOW - timedelta(seconds=60 - 5 * k)
            s.add(Position(vehicle_id=a.id, time=t, lon=109.80 + k * 0.0025, lat=40.61, speed_kmh=40.0, heading=90.0,
                           valid=k != 6))
        s.add(Position(vehicle_id=a.id, time=NOW - timedelta(days=3), lon=109.7, lat=40.5, speed_kmh=0.0))
        raise_alert(s, SYSTEM, kind="undeclared_venue", source="vehicle", severity="high", title="t", vehicle_id=a.id)
        raise_alert(s, SYSTEM, kind="near_school", source="vehicle", severity="low", title="t", vehicle_id=b.id)
        s.add(VehicleCheck(vehicle_id=a.id, item="filing", ok=True, evidence="old", checked_at=NOW - timedelta(days=90)))
        s.add(VehicleCheck(vehicle_id=a.id, item="filing", ok=False, evidence="lapsed", checked_at=NOW - timedelta(days=2)))
        today = local(NOW).date()  # certificates count in Baotou's calendar days
        s.add_all([Certificate(kind="filing", number="BA1", holder="鹿城宴席", vehicle_id=a.id, expires=today - timedelta(days=400)),
                   Certificate(kind="filing", number="BA2", holder="鹿城宴席", vehicle_id=a.id, expires=today + timedelta(days=6))])
        s.add(CateringJob(vehicle_id=a.id, venue="阿都赖村", venue_lon=109.9, venue_lat=40.5, day=date(2025, 6, 1),
                          starts_at=NOW, ends_at=NOW, guests=200))
        s.add(VehicleLedger(vehicle_id=a.id, kind="purchase", at=NOW, item="羊肉", quantity=20, unit="kg"))
        return a.id, b.id


def test_fleet_has_active_vehicles_last_valid_fixes_and_valid_trails(db, fleet):
    a, b = fleet
    snap = q.read_fleet(db)
    assert sorted(v.plate for v in snap.vehicles) == ["蒙B001J检", "蒙B10001"]
    assert snap.last.ids.tolist() == [a]
    assert (snap.last.lon[0], snap.last.speed[0]) == (109.83, 42.0)
    assert snap.last.time[0] == pytest.approx((NOW - timedelta(seconds=5)).timestamp())
    # the trail: the last two minutes before the newest fix, valid fixes only, oldest first
    assert len(snap.trails) == 11 and np.all(np.diff(snap.trails.time) > 0)
    assert 109.80 + 6 * 0.0025 not in snap.trails.lon.tolist()
    assert snap.alerting == [a]  # b's alert is of low severity


def test_new_fixes_since_a_time(db, fleet):
    a, _ = fleet
    fixes, alerting = q.read_fixes_since(db, NOW.timestamp())
    assert fixes.ids.tolist() == [a]  # within the re-read margin
    fixes, _ = q.read_fixes_since(db, NOW.timestamp() + 60)
    assert len(fixes) == 0
    fixes, _ = q.read_fixes_since(db, float("nan"))
    assert fixes.ids.tolist() == [a]


def test_span_and_replay_of_a_range(db, fleet):
    a, b = fleet
    first, last = q.read_span(db, a)
    assert first == pytest.approx((NOW - timedelta(days=3)).timestamp())
    assert last == pytest.approx((NOW - timedelta(seconds=5)).timestamp())
    assert q.read_span(db, b) == (None, None)
    track = q.read_replay(db, a, (NOW - timedelta(minutes=2)).timestamp(), NOW.timestamp())
    assert track.plate == "蒙B10001" and len(track) == 11
    assert len(track.trips) == 1 and track.trips[0].distance_m == pytest.approx(
        (109.80 + 11 * 0.0025 - 109.80) * 111320 * np.cos(np.radians(40.61)), rel=0.01)


def test_details_keep_the_latest_check_and_mark_renewed_certificates(db, fleet):
    a, _ = fleet
    d = q.read_details(db, a)
    assert [(c.item, c.ok, c.evidence) for c in d.checks] == [("filing", False, "lapsed")]
    certs = {c.number: c for c in d.certificates}
    assert certs["BA1"].renewed and certs["BA1"].level is None
    assert not certs["BA2"].renewed and certs["BA2"].days_left == 6 and certs["BA2"].level == 7
    assert [j.venue for j in d.jobs] == ["阿都赖村"] and [r.item for r in d.ledgers] == ["羊肉"]
    assert [x.kind for x in d.alerts] == ["undeclared_venue"]
    with db.session() as s:
        s.query(Alert).update({"state": "closed"})
    assert [x.state for x in q.read_details(db, a).alerts] == ["closed"]  # recent closed alerts still listed
    with pytest.raises(LookupError):
        q.read_details(db, 999_999)
