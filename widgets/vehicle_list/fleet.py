"""What the operator knows of each vehicle right now: its last fix, its state and its trail.

Plain numpy state, fed by the application with the fixes it reads and asked for the arrays the
list and the map draw. States: moving (speed at least ``MOVING_KMH``), stopped, alert (an open
alert of the vehicle's, while it reports), offline (no report for ``OFFLINE_AFTER_S``). A vehicle
that has never reported is drawn at its home base as offline. Trails keep one point every
``TRAIL_STEP_S`` seconds over the last ``TRAIL_S``: a thousand two-minute trails stay a few
thousand points, whatever the report rate.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from widgets.map_canvas.symbology import VEHICLE_ALERT, VEHICLE_MOVING, VEHICLE_OFFLINE, VEHICLE_PARKED

MOVING, STOPPED, ALERT, OFFLINE = VEHICLE_MOVING, VEHICLE_PARKED, VEHICLE_ALERT, VEHICLE_OFFLINE
MOVING_KMH = 3.0
OFFLINE_AFTER_S = 300.0
TRAIL_S = 120.0
TRAIL_STEP_S = 10.0
_SLOTS = int(TRAIL_S / TRAIL_STEP_S) + 1


@dataclass(frozen=True)
class VehicleInfo:
    id: int
    plate: str
    kind: str  # banquet_truck, test_vehicle
    owner: str = ""
    home_lon: float | None = None
    home_lat: float | None = None


class FleetState:
    def __init__(self, vehicles: list[VehicleInfo] | None = None):
        self.set_vehicles(vehicles or [])

    def set_vehicles(self, vehicles: list[VehicleInfo]) -> None:
        """The fleet (fixes already known for vehicles still in it are kept)."""
        old = getattr(self, "ids", np.empty(0, dtype=np.int64))
        keep = {int(i): r for r, i in enumerate(old.tolist())}
        n = len(vehicles)
        self.infos = list(vehicles)
        self.ids = np.array([v.id for v in vehicles], dtype=np.int64)
        if len(set(self.ids.tolist())) != n:
            raise ValueError("vehicle ids must be unique")
        self._row = {int(i): r for r, i in enumerate(self.ids.tolist())}
        self._sorted_rows = np.argsort(self.ids, kind="stable")
        self._sorted_ids = self.ids[self._sorted_rows]
        self.plates = [v.plate for v in vehicles]
        self.kinds = [v.kind for v in vehicles]
        self.home_lon = np.array([np.nan if v.home_lon is None else v.home_lon for v in vehicles], dtype=float)
        self.home_lat = np.array([np.nan if v.home_lat is None else v.home_lat for v in vehicles], dtype=float)
        fields = {"time": np.nan, "lon": np.nan, "lat": np.nan, "speed": np.nan, "heading": 0.0}
        new = {k: np.full(n, v, dtype=float) for k, v in fields.items()}
        trail = {k: np.full((n, _SLOTS), np.nan) for k in ("trail_t", "trail_lon", "trail_lat")}
        alerting = np.zeros(n, dtype=bool)
        for r, vid in enumerate(self.ids.tolist()):
            o = keep.get(vid)
            if o is not None:
                for k in fields:
                    new[k][r] = getattr(self, k)[o]
                for k in trail:
                    trail[k][r] = getattr(self, k)[o]
                alerting[r] = self.alerting[o]
        for k, v in {**new, **trail}.items():
            setattr(self, k, v)
        self.alerting = alerting

    def __len__(self) -> int:
        return len(self.ids)

    def rows_of(self, ids) -> np.ndarray:
        """Rows of the given vehicle ids (ids not in the fleet are left out)."""
        return np.array([self._row[i] for i in np.asarray(ids, dtype=np.int64).ravel().tolist() if i in self._row],
                        dtype=np.int64)

    def row_of(self, vehicle_id: int) -> int | None:
        return self._row.get(int(vehicle_id))

    @property
    def latest_time(self) -> float:
        """The newest fix time known (epoch seconds), or NaN."""
        return float(np.nanmax(self.time)) if np.isfinite(self.time).any() else float("nan")

    def apply_fixes(self, ids, time, lon, lat, speed=None, heading=None) -> np.ndarray:
        """New valid fixes (time in epoch seconds, WGS-84). A fix older than the one already known
        for its vehicle, or of a vehicle not in the fleet, is ignored. Returns the rows that moved on."""
        ids = np.asarray(ids, dtype=np.int64).ravel()
        time, lon, lat = (np.asarray(a, dtype=float).ravel() for a in (time, lon, lat))
        n = len(ids)
        speed = np.full(n, np.nan) if speed is None else np.asarray(speed, dtype=float).ravel()
        heading = np.zeros(n) if heading is None else np.nan_to_num(np.asarray(heading, dtype=float).ravel())
        if not all(len(a) == n for a in (time, lon, lat, speed, heading)):
            raise ValueError("every fix needs an id, a time, a position, a speed and a heading")
        rows = np.searchsorted(self._sorted_ids, ids).clip(0, max(0, len(self.ids) - 1))
        known = (self._sorted_ids[rows] == ids) if len(self.ids) else np.zeros(n, dtype=bool)
        rows = self._sorted_rows[rows] if len(self.ids) else rows
        ok = known & np.isfinite(time) & np.isfinite(lon) & np.isfinite(lat) & (np.abs(lat) <= 85) & (np.abs(lon) <= 180)
        k = np.flatnonzero(ok)
        # the newest fix of each vehicle in the batch, and only if not older than the one known
        k = k[np.lexsort((time[k], rows[k]))]
        last = np.ones(len(k), dtype=bool)
        last[:-1] = rows[k][1:] != rows[k][:-1]
        k = k[last]
        r = rows[k]
        newer = ~(time[k] < self.time[r])
        k, r = k[newer], r[newer]
        self.time[r], self.lon[r], self.lat[r] = time[k], lon[k], lat[k]
        self.speed[r], self.heading[r] = speed[k], heading[k] % 360.0
        due = ~(time[k] - self.trail_t[r, -1] < TRAIL_STEP_S)
        kd, rd = k[due], r[due]
        for arr, v in ((self.trail_t, time), (self.trail_lon, lon), (self.trail_lat, lat)):
            arr[rd, :-1] = arr[rd, 1:]
            arr[rd, -1] = v[kd]
        return np.sort(r)

    def apply_history(self, ids, time, lon, lat, speed=None, heading=None) -> None:
        """Several fixes per vehicle (the last minutes, read at start), applied in time order so
        that the trails fill as if they had arrived one by one."""
        ids = np.asarray(ids, dtype=np.int64).ravel()
        time = np.asarray(time, dtype=float).ravel()
        n = len(ids)
        speed = np.full(n, np.nan) if speed is None else np.asarray(speed, dtype=float).ravel()
        heading = np.zeros(n) if heading is None else np.asarray(heading, dtype=float).ravel()
        lon, lat = np.asarray(lon, dtype=float).ravel(), np.asarray(lat, dtype=float).ravel()
        order = np.lexsort((time, ids))
        sid = ids[order]
        starts = np.r_[0, np.flatnonzero(sid[1:] != sid[:-1]) + 1] if n else np.empty(0, dtype=np.int64)
        rank = np.arange(n) - np.repeat(starts, np.diff(np.r_[starts, n]))
        for r in range(int(rank.max()) + 1 if n else 0):
            k = order[rank == r]
            self.apply_fixes(ids[k], time[k], lon[k], lat[k], speed[k], heading[k])

    def set_alerting(self, ids) -> None:
        """The vehicles with an open alert."""
        self.alerting[:] = False
        self.alerting[self.rows_of(ids)] = True

    def age_s(self, now: float) -> np.ndarray:
        """Seconds since each vehicle's last fix (NaN if it never reported)."""
        return now - self.time

    def states(self, now: float) -> np.ndarray:
        age = self.age_s(now)
        st = np.where(np.nan_to_num(self.speed) >= MOVING_KMH, MOVING, STOPPED)
        st = np.where(self.alerting, ALERT, st)
        return np.where(~(age <= OFFLINE_AFTER_S), OFFLINE, st).astype(np.int64)

    def positions(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Where each vehicle is drawn: its last fix, else its home base; and which rows have either."""
        lon = np.where(np.isfinite(self.lon), self.lon, self.home_lon)
        lat = np.where(np.isfinite(self.lat), self.lat, self.home_lat)
        return lon, lat, np.isfinite(lon) & np.isfinite(lat)

    def trail_points(self, now: float, rows=None) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Flat trail points (lon, lat, line ends, row of each point): each trail's kept points of
        the last ``TRAIL_S`` seconds, then the vehicle's current position. Offline vehicles have none."""
        rows = np.flatnonzero(np.isfinite(self.time) & (now - self.time <= OFFLINE_AFTER_S)) if rows is None else rows
        lon = np.concatenate([self.trail_lon[rows], self.lon[rows, None]], axis=1)
        lat = np.concatenate([self.trail_lat[rows], self.lat[rows, None]], axis=1)
        t = np.concatenate([self.trail_t[rows], self.time[rows, None]], axis=1)
        keep = np.isfinite(t) & (t >= now - TRAIL_S)
        keep[:, -1] = True
        end = np.zeros_like(keep)
        end[:, -1] = True
        owner = np.broadcast_to(rows[:, None], keep.shape)
        return lon[keep], lat[keep], end[keep], owner[keep]
