"""A replayed track as plain data, and where the vehicle was at any moment of it.

Between two fixes the position is interpolated along the straight step and the heading is the
step's bearing. Across a hole in the data (fixes more than ``HOLE_S`` apart) nothing is known of
the route, so the vehicle is held at the last fix and its speed shown as unknown instead of
being slid across the map at a made-up speed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

HOLE_S = 300.0


@dataclass(frozen=True)
class StopSpan:
    start: float  # epoch seconds, UTC
    end: float
    lon: float
    lat: float
    points: int = 0


@dataclass(frozen=True)
class TripSpan:
    start: float
    end: float
    distance_m: float
    points: int = 0

    @property
    def mean_speed_kmh(self) -> float:
        d = self.end - self.start
        return self.distance_m / d * 3.6 if d > 0 else 0.0


@dataclass(frozen=True)
class ReplayTrack:
    vehicle_id: int
    plate: str
    t: np.ndarray  # epoch seconds, increasing
    lon: np.ndarray
    lat: np.ndarray
    speed: np.ndarray  # km/h, NaN where unknown
    stops: list[StopSpan] = field(default_factory=list)
    trips: list[TripSpan] = field(default_factory=list)

    def __post_init__(self):
        n = len(self.t)
        if not all(len(a) == n for a in (self.lon, self.lat, self.speed)):
            raise ValueError("a track needs as many positions and speeds as times")
        if n > 1 and np.any(np.diff(self.t) < 0):
            raise ValueError("a track's times must not go backwards")

    def __len__(self) -> int:
        return len(self.t)

    @property
    def start(self) -> float:
        return float(self.t[0]) if len(self.t) else float("nan")

    @property
    def end(self) -> float:
        return float(self.t[-1]) if len(self.t) else float("nan")

    def bounds(self) -> tuple[float, float, float, float] | None:
        if not len(self.t):
            return None
        return float(self.lon.min()), float(self.lat.min()), float(self.lon.max()), float(self.lat.max())


@dataclass(frozen=True)
class Moment:
    time: float
    lon: float
    lat: float
    heading: float  # degrees clockwise from north
    speed_kmh: float  # NaN when unknown (a hole in the data)
    index: int  # the last fix at or before ``time``


def _bearing(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    y = math.sin(dl) * math.cos(p2)
    x = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return math.degrees(math.atan2(y, x)) % 360.0


def _step_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371008.8 * math.asin(min(1.0, math.sqrt(a)))


def _heading(track: ReplayTrack, i: int) -> float:
    """The bearing of the step after fix ``i`` or, if it did not move, of the latest step before
    it that did: a parked vehicle keeps pointing the way it came."""
    lon, lat = track.lon, track.lat
    for a in range(i, max(-1, i - 50), -1):
        b = a + 1
        if b < len(lon) and (lon[b] != lon[a] or lat[b] != lat[a]):
            return _bearing(lon[a], lat[a], lon[b], lat[b])
    return 0.0


def moment_at(track: ReplayTrack, t: float) -> Moment:
    """Where the vehicle was at ``t`` (clamped to the track's span)."""
    n = len(track)
    if n == 0:
        raise ValueError("an empty track has no moments")
    t = min(max(t, track.start), track.end)
    i = int(np.searchsorted(track.t, t, side="right")) - 1
    i = min(max(i, 0), n - 1)
    heading = _heading(track, i)
    if i == n - 1:
        return Moment(t, float(track.lon[i]), float(track.lat[i]), heading, float(track.speed[i]), i)
    t0, t1 = float(track.t[i]), float(track.t[i + 1])
    if t1 - t0 > HOLE_S:
        return Moment(t, float(track.lon[i]), float(track.lat[i]), heading, float("nan"), i)
    f = (t - t0) / (t1 - t0) if t1 > t0 else 0.0
    lon = float(track.lon[i] + f * (track.lon[i + 1] - track.lon[i]))
    lat = float(track.lat[i] + f * (track.lat[i + 1] - track.lat[i]))
    speed = float(track.speed[i + 1])
    if not math.isfinite(speed) and t1 > t0:
        speed = _step_m(track.lon[i], track.lat[i], track.lon[i + 1], track.lat[i + 1]) / (t1 - t0) * 3.6
    return Moment(t, lon, lat, heading, speed, i)
