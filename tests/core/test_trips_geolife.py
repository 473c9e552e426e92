"""GeoLife tracks imported as positions, and the trips and stops computed from them."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from core.auth import Actor
from core.db.models import AuditEvent, Position, Vehicle
from core.errors import ImportRejected, PermissionDenied
from core.feeds.geolife import import_positions, read_plt
from core.vehicles.trips import segment, trips_and_stops
from tests.conftest import shared_data

ADMIN = Actor("admin", "admin")

# README section 2: file → (points, first fix, last fix, lat range, lon range), GMT.
KNOWN = {
    "geolife_long/000/Trajectory/20081023025304.plt":
        (908, "2008-10-23 02:53:04", "2008-10-23 11:11:12", (39.983276, 40.009428), (116.285446, 116.324886)),
    "geolife_long/000/Trajectory/20081024020959.plt":
        (244, "2008-10-24 02:09:59", "2008-10-24 02:47:06", (40.007171, 40.009464), (116.319458, 116.322994)),
    "geolife_modes/010/Trajectory/20080330004134.plt":
        (681, "2008-03-30 00:41:34", "2008-03-30 15:59:40", (36.025775, 41.137635), (95.465557, 103.854993)),
    "geolife_modes/010/Trajectory/20080330160039.plt":
        (818, "2008-03-30 16:00:39", "2008-03-31 15:30:52", (41.147205, 43.774235), (86.194410, 95.457762)),
    "geolife_modes/010/Trajectory/20080331160008.plt":
        (915, "2008-03-31 16:00:08", "2008-04-01 11:35:35", (39.473417, 42.030322), (75.998175, 86.193813)),
    "geolife_modes/010/Trajectory/20080402060926.plt":
        (1004, "2008-04-02 06:09:26", "2008-04-02 11:50:45", (39.467157, 39.494002), (75.980305, 76.045505)),
    "geolife_modes/178/Trajectory/20100312172608.plt":
        (84, "2010-03-12 17:26:08", "2010-03-12 17:33:08", (39.975738, 39.978149), (116.331233, 116.332775)),
}
R, MIN_STOP, MAX_GAP = 100.0, timedelta(minutes=5), timedelta(minutes=5)


def _gmt(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)


def _metres(lon1, lat1, lon2, lat2) -> float:
    """Great-circle distance written out with math, independent of the code under test."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371008.8 * math.asin(math.sqrt(a))


def _reference_stops(fixes) -> list[tuple[int, int]]:
    """Li et al.'s stay-points, the plain way: scan forward from each anchor one fix at a time."""
    out, i, n = [], 0, len(fixes)
    while i < n:
        j = i + 1
        while j < n and _metres(fixes[i].lon, fixes[i].lat, fixes[j].lon, fixes[j].lat) <= R:
            j += 1
        if j - 1 > i and fixes[j - 1].time - fixes[i].time >= MIN_STOP:
            a, b = i, j - 1
            if out and out[-1][1] == a - 1:
                prev = fixes[out[-1][0]:out[-1][1] + 1]
                cur = fixes[a:b + 1]
                centre = [(sum(f.lon for f in g) / len(g), sum(f.lat for f in g) / len(g)) for g in (prev, cur)]
                if _metres(*centre[0], *centre[1]) <= R:
                    a = out.pop()[0]
            out.append((a, b))
            i = j
        else:
            i += 1
    return out


@pytest.mark.parametrize("name", sorted(KNOWN))
def test_plt_files_read_as_the_readme_describes(name):
    fixes = read_plt(shared_data("trajectories", *name.split("/")))
    n, first, last, lat_range, lon_range = KNOWN[name]
    assert len(fixes) == n
    assert (fixes[0].time, fixes[-1].time) == (_gmt(first), _gmt(last))
    assert min(f.lat for f in fixes) == pytest.approx(lat_range[0]) and max(f.lat for f in fixes) == pytest.approx(lat_range[1])
    assert min(f.lon for f in fixes) == pytest.approx(lon_range[0]) and max(f.lon for f in fixes) == pytest.approx(lon_range[1])


@pytest.mark.parametrize("name", sorted(KNOWN))
def test_stops_and_trips_match_a_plain_reference_and_hold_their_invariants(name):
    fixes = read_plt(shared_data("trajectories", *name.split("/")))
    times = [f.time for f in fixes]
    seg = segment(times, [f.lon for f in fixes], [f.lat for f in fixes], radius_m=R, min_stop=MIN_STOP, max_gap=MAX_GAP)
    assert [(s.first, s.last) for s in seg.stops] == _reference_stops(fixes)
    for s in seg.stops:
        assert s.duration >= MIN_STOP
    # Stops and trips follow each other in time and never overlap.
    spans = sorted([(s.first, s.last) for s in seg.stops] + [(t.first, t.last) for t in seg.trips])
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
    # A trip never spans a hole in the data, and covers every step of movement outside stops.
    in_stop = {k for s in seg.stops for k in range(s.first, s.last)}
    covered = {k for t in seg.trips for k in range(t.first, t.last)}
    for k in range(len(fixes) - 1):
        hole = times[k + 1] - times[k] > MAX_GAP
        if k in in_stop:
            assert k not in covered
        else:
            assert (k in covered) != hole
    for t in seg.trips:
        path = sum(_metres(fixes[k].lon, fixes[k].lat, fixes[k + 1].lon, fixes[k + 1].lat) for k in range(t.first, t.last))
        assert t.distance_m == pytest.approx(path, rel=1e-6, abs=0.01)


def test_long_distance_journey_has_station_stops_and_train_speed_trips():
    """User 010 rode trains across Gansu and Xinjiang: many trips, each long and fast."""
    fixes = read_plt(shared_data("trajectories", "geolife_modes", "010", "Trajectory", "20080330004134.plt"))
    seg = segment([f.time for f in fixes], [f.lon for f in fixes], [f.lat for f in fixes])
    long_trips = [t for t in seg.trips if t.distance_m > 50_000]
    assert len(long_trips) >= 2
    assert all(t.mean_speed_kmh > 40 for t in long_trips)
    assert len(seg.stops) >= 3


def test_import_positions_then_replay_gives_the_same_trips_and_stops(db):
    path = shared_data("trajectories", "geolife_long", "000", "Trajectory", "20081023025304.plt")
    with db.session() as s:
        result = import_positions(s, path, "GEO-000", ADMIN)
    assert (result.created_vehicle, result.read, result.added) == (True, 908, 908)
    assert (result.first, result.last) == (_gmt("2008-10-23 02:53:04"), _gmt("2008-10-23 11:11:12"))
    with db.session() as s:
        again = import_positions(s, path, "GEO-000", ADMIN)
    assert (again.created_vehicle, again.added) == (False, 0)
    fixes = read_plt(path)
    with db.session() as s:
        v = s.scalar(select(Vehicle).where(Vehicle.plate == "GEO-000"))
        assert v.kind == "banquet_truck" and v.last_time == _gmt("2008-10-23 11:11:12")
        assert s.scalar(select(func.count()).select_from(Position).where(
            Position.vehicle_id == v.id, Position.source == "import")) == 908
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "positions.import")) == 2
        track, seg = trips_and_stops(s, v.id)
        window, _ = trips_and_stops(s, v.id, _gmt("2008-10-23 09:00:00"), _gmt("2008-10-23 10:00:00"))
    assert len(track) == 908 and track.times == [f.time for f in fixes]
    assert [(st.first, st.last) for st in seg.stops] == _reference_stops(fixes)
    assert all(_gmt("2008-10-23 09:00:00") <= t <= _gmt("2008-10-23 10:00:00") for t in window.times)
    assert 0 < len(window) < 908
    # Derived speeds: the track's steps divided by their time.
    k = 200
    dt = (fixes[k].time - fixes[k - 1].time).total_seconds()
    want = _metres(fixes[k - 1].lon, fixes[k - 1].lat, fixes[k].lon, fixes[k].lat) / dt * 3.6
    assert track.speeds[k] == pytest.approx(want, rel=1e-3)


def test_a_file_with_bad_rows_is_rejected_whole_and_nothing_is_written(db, tmp_path):
    src = shared_data("trajectories", "geolife_modes", "178", "Trajectory", "20100312172608.plt")
    lines = src.read_text().splitlines()
    lines[10] = "39.97,not-a-number,0,100,40249.7,2010-03-12,17:27:00"
    lines[20] = "95.0,116.33,0,100,40249.7,2010-03-12,17:28:00"
    bad = tmp_path / "bad.plt"
    bad.write_text("\n".join(lines))
    with pytest.raises(ImportRejected) as exc, db.session() as s:
        import_positions(s, bad, "GEO-BAD", ADMIN)
    assert [row for row, _ in exc.value.problems] == [11, 21]
    assert "row 21: position 95.0, 116.33 is off the globe" in str(exc.value)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Position)) == 0
        assert s.scalar(select(Vehicle).where(Vehicle.plate == "GEO-BAD")) is None


def test_import_needs_the_import_permission(sqlite_db):
    path = shared_data("trajectories", "geolife_modes", "178", "Trajectory", "20100312172608.plt")
    with pytest.raises(PermissionDenied), sqlite_db.session() as s:
        import_positions(s, path, "GEO-178", Actor("op", "operator"))
    with sqlite_db.session() as s:
        assert import_positions(s, path, "GEO-178", ADMIN).added == 84
