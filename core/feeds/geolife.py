"""Import of GeoLife ``.plt`` tracks (Microsoft Research Asia) as a vehicle's positions.

A ``.plt`` file has 6 header lines, then ``lat,lon,0,altitude_ft,days_since_1899-12-30,date,time``
per fix: WGS-84, GMT, altitude in feet with -777 meaning unknown. The whole file is validated
first; any bad row rejects the file (every bad row listed) and nothing is written. Fixes already
stored for the vehicle at the same time are skipped, so importing a file twice adds nothing.
Speed and heading are not in the file; each fix gets those of its arrival from the previous fix.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from core import audit
from core.auth import Actor
from core.db.models import Position, Vehicle
from core.db.models._common import utcnow
from core.errors import ImportRejected
from gis.crs import haversine_m

HEADER_LINES = 6
FEET = 0.3048


@dataclass(frozen=True)
class PltFix:
    time: datetime  # aware, UTC
    lat: float
    lon: float
    altitude_m: float | None


@dataclass(frozen=True)
class ImportResult:
    vehicle_id: int
    plate: str
    created_vehicle: bool
    read: int  # fixes in the file
    added: int  # fixes written (the others were already stored)
    first: datetime | None
    last: datetime | None

    def __str__(self) -> str:
        """The line ``shian import positions`` prints."""
        new = " (new vehicle)" if self.created_vehicle else ""
        span = f", {self.first:%Y-%m-%d %H:%M:%S} – {self.last:%Y-%m-%d %H:%M:%S} UTC" if self.first else ""
        return (f"{self.added} of {self.read} positions added to {self.plate}{new}{span}"
                + (f"; {self.read - self.added} were already stored" if self.added < self.read else ""))


def read_plt(path: str | Path) -> list[PltFix]:
    """Every fix of a ``.plt`` file, or ImportRejected listing each bad line by its number."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportRejected(str(path), [(0, f"cannot read the file: {exc}")]) from None
    if len(lines) < HEADER_LINES or "geolife" not in lines[0].lower():
        raise ImportRejected(str(path), [(1, "not a GeoLife .plt file (its first line names 'Geolife trajectory')")])
    fixes, problems = [], []
    for no, line in enumerate(lines[HEADER_LINES:], start=HEADER_LINES + 1):
        if not line.strip():
            continue
        parts = line.strip().split(",")
        if len(parts) != 7:
            problems.append((no, f"{len(parts)} fields, expected 7"))
            continue
        try:
            lat, lon, alt = float(parts[0]), float(parts[1]), float(parts[3])
            t = datetime.strptime(f"{parts[5]} {parts[6]}", "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
        except ValueError as exc:
            problems.append((no, f"unreadable value: {exc}"))
            continue
        if not (-90 <= lat <= 90 and -180 <= lon <= 180) or not (math.isfinite(lat) and math.isfinite(lon)):
            problems.append((no, f"position {lat}, {lon} is off the globe"))
            continue
        fixes.append(PltFix(t, lat, lon, None if alt == -777 else alt * FEET))
    if problems:
        raise ImportRejected(str(path), problems)
    fixes.sort(key=lambda f: f.time)
    return fixes


def _placeholder_phone(plate: str) -> str:
    """A terminal number no real terminal can send (BCD digits never include 'i', 'm' or 'p')."""
    return "imp-" + hashlib.sha1(plate.encode()).hexdigest()[:16]


def _bearing(lon1, lat1, lon2, lat2) -> float:
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    y = math.sin(dl) * math.cos(p2)
    x = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return math.degrees(math.atan2(y, x)) % 360


def import_positions(session: Session, path: str | Path, plate: str, actor: Actor) -> ImportResult:
    """Import one ``.plt`` file as positions (source "import") of the vehicle with ``plate``.

    ``session``: the caller's session; nothing is committed here (commit or roll back the whole
    import with it). ``path``: the ``.plt`` file. ``plate``: the vehicle's plate; a vehicle with
    that plate is created (kind "banquet_truck", no terminal) when none exists. ``actor``: who
    imports; needs the ``import_data`` permission. Raises ImportRejected (nothing written) when
    any row is bad. The import is audited, and the vehicle's last fix is moved forward if the
    file ends later than what is stored.
    """
    actor.require("import_data")
    fixes = read_plt(path)
    vehicle = session.scalar(select(Vehicle).where(Vehicle.plate == plate))
    created = vehicle is None
    if created:
        vehicle = Vehicle(plate=plate, kind="banquet_truck", terminal_phone=_placeholder_phone(plate))
        session.add(vehicle)
        session.flush()
    known: set[datetime] = set()
    if fixes and not created:
        known = set(session.scalars(select(Position.time).where(
            Position.vehicle_id == vehicle.id, Position.time >= fixes[0].time, Position.time <= fixes[-1].time)))
    now = utcnow()
    rows, prev = [], None
    for f in fixes:
        speed = heading = None
        if prev is not None:
            dt = (f.time - prev.time).total_seconds()
            if dt > 0:
                speed = haversine_m(prev.lon, prev.lat, f.lon, f.lat) / dt * 3.6
            if (prev.lon, prev.lat) != (f.lon, f.lat):
                heading = _bearing(prev.lon, prev.lat, f.lon, f.lat)
        prev = f
        if f.time in known:
            continue
        known.add(f.time)
        rows.append({"vehicle_id": vehicle.id, "time": f.time, "lon": f.lon, "lat": f.lat,
                     "altitude_m": f.altitude_m, "speed_kmh": speed, "heading": heading, "valid": True,
                     "alarm": 0, "status": 0, "mileage_km": None, "source": "import", "received_at": now})
    if rows:
        session.execute(insert(Position), rows)
        last = fixes[-1]
        if vehicle.last_time is None or vehicle.last_time < last.time:
            vehicle.last_time, vehicle.last_lon, vehicle.last_lat = last.time, last.lon, last.lat
            vehicle.last_speed, vehicle.last_heading = rows[-1]["speed_kmh"], rows[-1]["heading"]
    result = ImportResult(vehicle.id, plate, created, len(fixes), len(rows),
                          fixes[0].time if fixes else None, fixes[-1].time if fixes else None)
    audit.record(session, actor, "positions.import", entity="vehicle", entity_id=vehicle.id,
                 after={"file": Path(path).name, "read": result.read, "added": result.added,
                        "first": result.first.isoformat() if result.first else None,
                        "last": result.last.isoformat() if result.last else None},
                 note=f"GeoLife track {Path(path).name}")
    return result
