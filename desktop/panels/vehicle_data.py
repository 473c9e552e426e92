"""The vehicle panel's queries: plain functions ``fn(db, ...)`` run off the GUI thread by the data
hub, returning the plain data the widgets take (numpy arrays and dataclasses, epoch seconds)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import numpy as np
from sqlalchemy import func, select

from core.db.engine import Database
from core.db.models import Alert, CateringJob, Certificate, Position, Vehicle, VehicleCheck, VehicleLedger
from core.services.alerts import OPEN_STATES
from core.vehicles.hours import local
from core.vehicles.trips import trips_and_stops
from widgets.replay.track import ReplayTrack, StopSpan, TripSpan
from widgets.vehicle_details.data import (
    AlertRow,
    CertificateRow,
    CheckItem,
    JobRow,
    LedgerRow,
    VehicleDetails,
)
from widgets.vehicle_list.fleet import TRAIL_S, VehicleInfo

VEHICLE_KINDS = ("banquet_truck", "test_vehicle")
RESEND_S = 10.0  # fixes are re-read this far back: terminals' clocks and batches do not arrive in order
ALERT_MIN_SEVERITY = 2  # medium and up colour a vehicle as alerting; "near a school" (low) does not
_IN_CHUNK = 500


def epoch(t: datetime | None) -> float:
    return float("nan") if t is None else t.timestamp()


def _dt(s: float) -> datetime:
    return datetime.fromtimestamp(s, UTC)


@dataclass(frozen=True)
class Fixes:
    """Fixes as arrays, oldest first (epoch seconds, WGS-84, km/h, degrees)."""

    ids: np.ndarray
    time: np.ndarray
    lon: np.ndarray
    lat: np.ndarray
    speed: np.ndarray
    heading: np.ndarray

    @classmethod
    def of(cls, rows) -> Fixes:
        rows = list(rows)
        col = list(zip(*rows, strict=True)) if rows else [[]] * 6
        return cls(np.array(col[0], dtype=np.int64), np.array([epoch(t) for t in col[1]], dtype=float),
                   *(np.array([np.nan if v is None else v for v in c], dtype=float) for c in col[2:]))

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(frozen=True)
class FleetSnapshot:
    vehicles: list[VehicleInfo]
    last: Fixes  # each vehicle's last valid fix
    trails: Fixes  # valid positions of the last TRAIL_S seconds before the newest fix
    alerting: list[int]  # vehicles with an ongoing open alert


def _last_fixes(s, since: datetime | None = None) -> Fixes:
    q = (select(Vehicle.id, Vehicle.last_time, Vehicle.last_lon, Vehicle.last_lat, Vehicle.last_speed,
                Vehicle.last_heading)
         .where(Vehicle.kind.in_(VEHICLE_KINDS), Vehicle.active.is_(True), Vehicle.last_time.is_not(None)))
    if since is not None:
        q = q.where(Vehicle.last_time > since)
    return Fixes.of(s.execute(q.order_by(Vehicle.last_time)).all())


def _alerting(s) -> list[int]:
    return sorted(s.scalars(select(Alert.vehicle_id).distinct().where(
        Alert.source == "vehicle", Alert.vehicle_id.is_not(None), Alert.state.in_(OPEN_STATES),
        Alert.severity >= ALERT_MIN_SEVERITY, Alert.ended_at.is_(None))))


def read_fleet(db: Database) -> FleetSnapshot:
    """Every active banquet truck and test vehicle, its last fix, its recent trail and alerts."""
    with db.session() as s:
        vehicles = [VehicleInfo(r.id, r.plate, r.kind, r.owner or "", r.home_lon, r.home_lat)
                    for r in s.execute(select(Vehicle.id, Vehicle.plate, Vehicle.kind, Vehicle.owner, Vehicle.home_lon,
                                              Vehicle.home_lat)
                                       .where(Vehicle.kind.in_(VEHICLE_KINDS), Vehicle.active.is_(True))
                                       .order_by(Vehicle.plate))]
        last = _last_fixes(s)
        trails = []
        if len(last):
            since = _dt(float(np.nanmax(last.time)) - TRAIL_S)
            ids = last.ids[last.time >= since.timestamp()].tolist()
            # per vehicle through the (vehicle_id, time) index, not a scan of every position
            for k in range(0, len(ids), _IN_CHUNK):
                trails += s.execute(
                    select(Position.vehicle_id, Position.time, Position.lon, Position.lat, Position.speed_kmh,
                           Position.heading)
                    .where(Position.vehicle_id.in_(ids[k:k + _IN_CHUNK]), Position.time >= since,
                           Position.valid.is_(True))).all()
        trails.sort(key=lambda r: r[1])
        return FleetSnapshot(vehicles, last, Fixes.of(trails), _alerting(s))


def read_fixes_since(db: Database, since: float) -> tuple[Fixes, list[int]]:
    """Last fixes newer than ``since`` (less a margin), and the vehicles now alerting."""
    with db.session() as s:
        return _last_fixes(s, _dt(since - RESEND_S) if np.isfinite(since) else None), _alerting(s)


def read_span(db: Database, vehicle_id: int) -> tuple[float | None, float | None]:
    """First and last stored valid fix of a vehicle (through the vehicle/time index)."""
    with db.session() as s:
        first, last = s.execute(select(func.min(Position.time), func.max(Position.time))
                                .where(Position.vehicle_id == vehicle_id, Position.valid.is_(True))).one()
    return (None, None) if first is None else (first.timestamp(), last.timestamp())


def read_replay(db: Database, vehicle_id: int, start: float, end: float) -> ReplayTrack:
    """The track between ``start`` and ``end`` with its trips and stops."""
    with db.session() as s:
        plate = s.scalar(select(Vehicle.plate).where(Vehicle.id == vehicle_id)) or str(vehicle_id)
        track, seg = trips_and_stops(s, vehicle_id, _dt(start), _dt(end))
    return ReplayTrack(
        vehicle_id, plate, np.array([t.timestamp() for t in track.times], dtype=float), track.lons, track.lats,
        track.speeds,
        stops=[StopSpan(st.start.timestamp(), st.end.timestamp(), st.lon, st.lat, st.points) for st in seg.stops],
        trips=[TripSpan(tr.start.timestamp(), tr.end.timestamp(), tr.distance_m, tr.points) for tr in seg.trips],
    )


def read_details(db: Database, vehicle_id: int, today: date | None = None) -> VehicleDetails:
    today = today or local(datetime.now(UTC)).date()
    with db.session() as s:
        v = s.get(Vehicle, vehicle_id)
        if v is None:
            raise LookupError(f"vehicle {vehicle_id} is no longer in the database")
        checks = {}
        for c in s.scalars(select(VehicleCheck).where(VehicleCheck.vehicle_id == vehicle_id)
                           .order_by(VehicleCheck.checked_at)):
            checks[c.item] = CheckItem(c.item, c.ok, c.evidence, epoch(c.checked_at), c.checked_by)  # latest wins
        certs = list(s.scalars(select(Certificate).where(Certificate.vehicle_id == vehicle_id)))
        newest: dict[tuple, date] = {}
        for c in certs:
            if c.expires is not None:
                key = (c.kind, c.holder)
                newest[key] = max(newest.get(key, c.expires), c.expires)
        certificates = [
            CertificateRow(c.kind, c.number, c.holder, c.issued, c.expires,
                           None if c.expires is None else (c.expires - today).days,
                           renewed=c.expires is not None and c.expires < newest[(c.kind, c.holder)])
            for c in certs]
        jobs = [JobRow(j.day, j.venue, j.occasion, j.guests, j.host, j.sample_retained, j.status, epoch(j.starts_at))
                for j in s.scalars(select(CateringJob).where(CateringJob.vehicle_id == vehicle_id))]
        ledgers = [LedgerRow(r.kind, epoch(r.at), r.item, r.quantity, r.unit, r.supplier, r.note)
                   for r in s.scalars(select(VehicleLedger).where(VehicleLedger.vehicle_id == vehicle_id))]
        recent = datetime.now(UTC) - timedelta(days=90)
        alerts = [AlertRow(a.id, epoch(a.raised_at), a.kind, a.title, a.severity, a.state, a.ended_at is not None)
                  for a in s.scalars(select(Alert).where(Alert.vehicle_id == vehicle_id, Alert.source == "vehicle",
                                                         (Alert.raised_at >= recent) | Alert.state.in_(OPEN_STATES))
                                     .order_by(Alert.raised_at.desc()).limit(500))]
        return VehicleDetails(v.id, v.plate, v.kind, v.owner, v.phone, v.terminal_phone,
                              None if v.last_time is None else v.last_time.timestamp(), v.last_speed,
                              list(checks.values()), certificates, jobs, ledgers, alerts)
