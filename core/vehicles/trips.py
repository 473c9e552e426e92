"""Trips and stops computed from a vehicle's positions, for replay and the vehicle's details.

A **stop** is the stay-point of Li et al. (2008), the method published with the GeoLife data: from
an anchor fix, the following fixes that all stay within ``radius_m`` of it; when they span at least
``min_stop``, they form a stop (the vehicle may have stopped reporting meanwhile: a parked truck
with its terminal off is still parked). Back-to-back stays at one place are one stop. A **trip** is the movement between two stops, from the
last fix of one to the first of the next, cut wherever two consecutive fixes are more than
``max_gap`` apart outside a stop (nothing is known of the route in such a hole, so its distance
and duration are not made up).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.db.models import Position
from gis.crs import haversine_m

_CHUNK = 64


@dataclass(frozen=True)
class Stop:
    first: int  # index of its first fix
    last: int  # index of its last fix
    start: datetime
    end: datetime
    lon: float  # mean position of its fixes
    lat: float

    @property
    def duration(self) -> timedelta:
        return self.end - self.start

    @property
    def points(self) -> int:
        return self.last - self.first + 1


@dataclass(frozen=True)
class Trip:
    first: int
    last: int
    start: datetime
    end: datetime
    distance_m: float

    @property
    def duration(self) -> timedelta:
        return self.end - self.start

    @property
    def points(self) -> int:
        return self.last - self.first + 1

    @property
    def mean_speed_kmh(self) -> float:
        s = self.duration.total_seconds()
        return self.distance_m / s * 3.6 if s > 0 else 0.0


@dataclass(frozen=True)
class Track:
    """One vehicle's fixes in time order, as arrays."""

    times: list[datetime]
    lons: np.ndarray
    lats: np.ndarray
    speeds: np.ndarray  # km/h, NaN where unknown

    def __len__(self) -> int:
        return len(self.times)


@dataclass(frozen=True)
class Segmentation:
    stops: list[Stop]
    trips: list[Trip]


def find_stops(times: Sequence[datetime], lons, lats, *, radius_m: float = 100.0,
               min_stop: timedelta = timedelta(minutes=5)) -> list[Stop]:
    """Stay-points, with back-to-back stays at the same place (their centres within ``radius_m``,
    the second starting at the fix after the first ends) merged into one stop."""
    lons = np.asarray(lons, dtype=float)
    lats = np.asarray(lats, dtype=float)
    n = len(times)
    spans: list[tuple[int, int]] = []
    i = 0
    while i < n:
        j = _last_within(lons, lats, i, radius_m)
        if j > i and times[j] - times[i] >= min_stop:
            if spans and spans[-1][1] == i - 1 and _centre_distance(lons, lats, spans[-1], (i, j)) <= radius_m:
                spans[-1] = (spans[-1][0], j)
            else:
                spans.append((i, j))
            i = j + 1
        else:
            i += 1
    return [Stop(a, b, times[a], times[b], float(lons[a:b + 1].mean()), float(lats[a:b + 1].mean()))
            for a, b in spans]


def _centre_distance(lons, lats, s1: tuple[int, int], s2: tuple[int, int]) -> float:
    c = [(lons[a:b + 1].mean(), lats[a:b + 1].mean()) for a, b in (s1, s2)]
    return float(haversine_m(c[0][0], c[0][1], c[1][0], c[1][1]))


def _last_within(lons: np.ndarray, lats: np.ndarray, i: int, radius_m: float) -> int:
    """The last index j ≥ i such that fixes i..j all lie within ``radius_m`` of fix i."""
    n = len(lons)
    start = i + 1
    while start < n:
        end = min(n, start + _CHUNK)
        d = haversine_m(lons[i], lats[i], lons[start:end], lats[start:end])
        outside = np.flatnonzero(np.atleast_1d(d) > radius_m)
        if outside.size:
            return start + int(outside[0]) - 1
        start = end
    return n - 1


def segment(times: Sequence[datetime], lons, lats, *, radius_m: float = 100.0,
            min_stop: timedelta = timedelta(minutes=5), max_gap: timedelta = timedelta(minutes=5)) -> Segmentation:
    """Stops, and the trips between them, of one time-ordered track."""
    lons = np.asarray(lons, dtype=float)
    lats = np.asarray(lats, dtype=float)
    n = len(times)
    stops = find_stops(times, lons, lats, radius_m=radius_m, min_stop=min_stop)
    if n < 2:
        return Segmentation(stops, [])
    step = haversine_m(lons[:-1], lats[:-1], lons[1:], lats[1:])
    step = np.atleast_1d(step)
    # Movement spans: from the start (or a stop's last fix) to the next stop's first fix (or the end).
    spans, pos = [], 0
    for s in stops:
        if s.first > pos:
            spans.append((pos, s.first))
        pos = s.last
    if pos < n - 1:
        spans.append((pos, n - 1))
    trips: list[Trip] = []
    for a, b in spans:
        k = a
        for m in range(a, b):
            if times[m + 1] - times[m] > max_gap:
                _add_trip(trips, times, step, k, m)
                k = m + 1
        _add_trip(trips, times, step, k, b)
    return Segmentation(stops, trips)


def _add_trip(trips: list[Trip], times, step: np.ndarray, a: int, b: int) -> None:
    if b > a:
        trips.append(Trip(a, b, times[a], times[b], float(step[a:b].sum())))


def load_track(session: Session, vehicle_id: int, start: datetime | None = None,
               end: datetime | None = None, *, valid_only: bool = True) -> Track:
    """A vehicle's stored fixes between ``start`` and ``end`` (inclusive), oldest first."""
    q = select(Position.time, Position.lon, Position.lat, Position.speed_kmh).where(Position.vehicle_id == vehicle_id)
    if start is not None:
        q = q.where(Position.time >= start)
    if end is not None:
        q = q.where(Position.time <= end)
    if valid_only:
        q = q.where(Position.valid.is_(True))
    rows = session.execute(q.order_by(Position.time, Position.id)).all()
    return Track(
        [r.time for r in rows],
        np.array([r.lon for r in rows], dtype=float),
        np.array([r.lat for r in rows], dtype=float),
        np.array([np.nan if r.speed_kmh is None else r.speed_kmh for r in rows], dtype=float),
    )


def trips_and_stops(session: Session, vehicle_id: int, start: datetime | None = None,
                    end: datetime | None = None, **params) -> tuple[Track, Segmentation]:
    """The replay's data: the track and its segmentation (``params`` as for ``segment``)."""
    track = load_track(session, vehicle_id, start, end)
    return track, segment(track.times, track.lons, track.lats, **params)
