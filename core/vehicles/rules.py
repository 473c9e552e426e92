"""Zone and hours rules, evaluated on every GPS fix, with enter/exit debounced over a few fixes.

The engine is a plain object fed batches of position rows (dicts with ``vehicle_id``, ``time``,
``lon``, ``lat``, ``speed_kmh``, ``valid``), inside the caller's transaction; the GPS server's batch
writer feeds it every batch it commits. It keeps per-vehicle state in memory and reads its
reference data (vehicles, vendor zones, school canteens, markets, catering jobs, certificates)
from the database, again every ``refresh_s`` seconds.

Rules (alerts go to the shared queue with ``source="vehicle"``; a dedup key per ongoing condition
means one alert per condition, refreshed while it lasts and ended when it clears):

* ``undeclared_venue`` — a banquet truck stopped (below ``stop_speed_kmh`` for ``debounce_fixes``
  fixes and ``stop_min_s`` seconds) on a day it has catering jobs, away from all of that day's
  declared venues (each with its radius), from its home base and from every market (where
  trucks buy their food).
* ``outside_hours`` — a banquet truck moving outside its operating hours (05:00–22:00 local).
* ``expired_certificate`` — a vehicle moving while the latest certificate of some kind it holds
  has expired (before the fix's local date).
* ``near_school`` — a banquet truck inside ``school_radius_m`` of a school or kindergarten canteen.
* ``zone_closed`` — a vehicle stopped inside a vendor zone while the zone is closed.

Entering and leaving vendor zones and school radii are also returned as events (``zone_enter``,
``zone_exit``, ``school_enter``, ``school_exit``) for the live map. Invalid fixes and fixes older
than the vehicle's last evaluated one (blind-area backfill) do not drive the rules.
"""

from __future__ import annotations

import math
import time as _time
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

import numpy as np
import shapely
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.auth import SYSTEM, Actor
from core.db.models import (
    SCHOOL_KINDS,
    Business,
    CateringJob,
    Certificate,
    Market,
    Vehicle,
    VendorZone,
)
from core.services.alerts import end_condition, raise_alert
from core.vehicles.hours import is_open, local, parse_hhmm
from gis.crs import haversine_m

ALERTS = {  # kind → (severity, title after the plate)
    "undeclared_venue": ("high", "宴席车在未申报地点停留 (stopped at an undeclared venue)"),
    "outside_hours": ("medium", "宴席车非营业时段行驶 (operating outside hours)"),
    "expired_certificate": ("high", "证照过期仍在运营 (operating with an expired certificate)"),
    "near_school": ("low", "宴席车进入学校周边 (near a school canteen)"),
    "zone_closed": ("low", "摊区非开放时段停留 (in a vendor zone while it is closed)"),
}

_M_PER_DEG_LAT = 110_574.0
_M_PER_DEG_LON_EQ = 111_320.0


@dataclass(frozen=True)
class RuleSettings:
    debounce_fixes: int = 3
    stop_speed_kmh: float = 5.0
    stop_min_s: float = 30.0
    school_radius_m: float = 200.0
    market_radius_m: float = 300.0
    home_radius_m: float = 300.0
    truck_hours: tuple[str, str] = ("05:00", "22:00")
    refresh_s: float = 60.0


@dataclass(frozen=True)
class RuleEvent:
    kind: str
    vehicle_id: int
    at: datetime
    lon: float
    lat: float
    ref: str = ""  # what it concerns: "zone:3", "school:17", "job-day:2025-06-01"…
    alert_id: int | None = None


@dataclass
class _Debounced:
    """A set of places a vehicle is confirmed inside, changed only after N agreeing fixes."""

    inside: set[int] = field(default_factory=set)
    streak: dict[int, int] = field(default_factory=dict)

    def update(self, seen: set[int], n: int) -> tuple[list[int], list[int]]:
        entered, left = [], []
        for pid in seen | self.inside | set(self.streak):
            differs = (pid in seen) != (pid in self.inside)
            if not differs:
                self.streak.pop(pid, None)
                continue
            k = self.streak.get(pid, 0) + 1
            if k >= n:
                self.streak.pop(pid, None)
                if pid in seen:
                    self.inside.add(pid)
                    entered.append(pid)
                else:
                    self.inside.discard(pid)
                    left.append(pid)
            else:
                self.streak[pid] = k
        return entered, left


@dataclass
class _State:
    last_time: datetime | None = None
    moving_run: int = 0
    stopped_run: int = 0
    stopped_since: datetime | None = None
    zones: _Debounced = field(default_factory=_Debounced)
    schools: _Debounced = field(default_factory=_Debounced)
    active: dict[str, str] = field(default_factory=dict)  # dedup key → alert kind, conditions now on


class _Reference:
    """What the rules compare fixes with, loaded from the database."""

    def __init__(self, session: Session):
        self.loaded_at = _time.monotonic()
        self.vehicles = {v.id: v for v in session.execute(
            select(Vehicle.id, Vehicle.plate, Vehicle.kind, Vehicle.home_lon, Vehicle.home_lat))}
        zones = list(session.execute(select(VendorZone.id, VendorZone.name, VendorZone.geom,
                                            VendorZone.opens, VendorZone.closes, VendorZone.days)))
        self.zones = zones
        self.zone_by_id = {z.id: z for z in zones}
        self.zone_tree = shapely.STRtree([z.geom for z in zones]) if zones else None
        schools = list(session.execute(select(Business.id, Business.name, Business.lon, Business.lat)
                                       .where(Business.kind.in_(SCHOOL_KINDS), Business.lon.is_not(None),
                                              Business.lat.is_not(None))))
        markets = list(session.execute(select(Market.lon, Market.lat)))
        all_lat = [p.lat for p in schools] + [p.lat for p in markets]
        self.lat0 = float(np.mean(all_lat)) if all_lat else 40.6
        self.schools = schools
        self.school_tree = self._tree([(p.lon, p.lat) for p in schools])
        self.market_tree = self._tree([(p.lon, p.lat) for p in markets])
        latest: dict[tuple[int, str], date] = {}
        for vid, kind, expires in session.execute(
                select(Certificate.vehicle_id, Certificate.kind, Certificate.expires)
                .where(Certificate.vehicle_id.is_not(None), Certificate.expires.is_not(None))):
            key = (vid, kind)
            if key not in latest or expires > latest[key]:
                latest[key] = expires
        self.cert_expiry: dict[int, list[tuple[str, date]]] = defaultdict(list)
        for (vid, kind), expires in latest.items():
            self.cert_expiry[vid].append((kind, expires))
        self._jobs: dict[date, dict[int, list]] = {}
        self.concerned = {vid for vid, v in self.vehicles.items()
                          if zones or v.kind == "banquet_truck" or vid in self.cert_expiry}

    def project(self, lon, lat) -> tuple[np.ndarray, np.ndarray]:
        """Local metres (equirectangular about the city's latitude): exact enough within a city."""
        k = _M_PER_DEG_LON_EQ * math.cos(math.radians(self.lat0))
        return np.asarray(lon, dtype=float) * k, np.asarray(lat, dtype=float) * _M_PER_DEG_LAT

    def _tree(self, lonlats: list[tuple[float, float]]):
        if not lonlats:
            return None
        x, y = self.project([p[0] for p in lonlats], [p[1] for p in lonlats])
        return shapely.STRtree(shapely.points(x, y))

    def jobs_on(self, session: Session, day: date) -> dict[int, list]:
        if day not in self._jobs:
            rows = session.execute(select(CateringJob.vehicle_id, CateringJob.venue, CateringJob.venue_lon,
                                          CateringJob.venue_lat, CateringJob.radius_m)
                                   .where(CateringJob.day == day, CateringJob.status != "cancelled"))
            by_vehicle: dict[int, list] = defaultdict(list)
            for r in rows:
                by_vehicle[r.vehicle_id].append(r)
            self._jobs[day] = by_vehicle
        return self._jobs[day]


class RuleEngine:
    """Feed it position rows; it raises and ends alerts and returns the events it saw."""

    def __init__(self, settings: RuleSettings | None = None, actor: Actor = SYSTEM) -> None:
        self.settings = settings or RuleSettings()
        self.actor = actor
        self._ref: _Reference | None = None
        self._states: dict[int, _State] = defaultdict(_State)
        self._hours = tuple(parse_hhmm(t) for t in self.settings.truck_hours)

    def reload(self, session: Session) -> None:
        """Re-read zones, schools, markets, jobs and certificates now (they are also re-read every
        ``refresh_s`` seconds on their own)."""
        self._ref = _Reference(session)

    def feed(self, session: Session, rows: Iterable[Mapping]) -> list[RuleEvent]:
        rows = [r for r in rows if r["valid"]]
        if self._ref is None or _time.monotonic() - self._ref.loaded_at > self.settings.refresh_s:
            self.reload(session)
        ref = self._ref
        # Only vehicles some rule can concern: trucks (hours, venues, schools), vehicles holding
        # certificates, and any vehicle once vendor zones exist.
        concerned = ref.concerned
        rows = [r for r in rows if r["vehicle_id"] in concerned]
        if not rows:
            return []
        lon = np.fromiter((r["lon"] for r in rows), float, len(rows))
        lat = np.fromiter((r["lat"] for r in rows), float, len(rows))
        in_zones = near_schools = near_markets = {}
        if ref.zone_tree is not None:
            in_zones = self._hits(ref.zone_tree, shapely.points(lon, lat), "within", None)
        if ref.school_tree is not None or ref.market_tree is not None:
            x, y = ref.project(lon, lat)
            pts = shapely.points(x, y)
            near_schools = self._hits(ref.school_tree, pts, "dwithin", self.settings.school_radius_m)
            near_markets = self._hits(ref.market_tree, pts, "dwithin", self.settings.market_radius_m)
        events: list[RuleEvent] = []
        none: set[int] = set()
        for i, r in enumerate(rows):
            st = self._states[r["vehicle_id"]]
            if st.last_time is not None and r["time"] < st.last_time:
                continue
            st.last_time = r["time"]
            self._evaluate(session, ref, st, r, in_zones.get(i, none), near_schools.get(i, none),
                           i in near_markets, events)
        return events

    @staticmethod
    def _hits(tree, points, predicate: str, distance) -> dict[int, set[int]]:
        """Fix index → indexes of the tree's places it hits (fixes that hit nothing are absent)."""
        out: dict[int, set[int]] = {}
        if tree is None:
            return out
        if distance is None:
            idx = tree.query(points, predicate=predicate)
        else:
            idx = tree.query(points, predicate=predicate, distance=distance)
        for i, j in zip(idx[0].tolist(), idx[1].tolist(), strict=True):
            out.setdefault(i, set()).add(j)
        return out

    # -- one fix ------------------------------------------------------------------------------

    def _evaluate(self, session, ref: _Reference, st: _State, r: Mapping, zone_idx: set[int],
                  school_idx: set[int], near_market: bool, events: list[RuleEvent]) -> None:
        cfg = self.settings
        vid, t = r["vehicle_id"], r["time"]
        vehicle = ref.vehicles[vid]
        truck = vehicle.kind == "banquet_truck"
        lt = local(t)
        speed = r["speed_kmh"] or 0.0
        if speed >= cfg.stop_speed_kmh:
            st.moving_run += 1
            st.stopped_run, st.stopped_since = 0, None
        else:
            st.stopped_run += 1
            st.moving_run = 0
            st.stopped_since = st.stopped_since or t
        moving = st.moving_run >= cfg.debounce_fixes
        stopped = (st.stopped_run >= cfg.debounce_fixes
                   and (t - st.stopped_since).total_seconds() >= cfg.stop_min_s)

        def emit(kind: str, ref_key: str = "", alert_id=None) -> None:
            events.append(RuleEvent(kind, vid, t, r["lon"], r["lat"], ref_key, alert_id))

        def condition(kind: str, key: str, on: bool, detail=None) -> None:
            """Turn a condition on (raise its alert) or off (end it); ``detail`` is a function
            called only when an alert is raised."""
            dedup = f"vehicle:{vid}:{kind}{key}"
            if on and dedup not in st.active:
                sev, text = ALERTS[kind]
                raised = raise_alert(session, self.actor, kind=kind, source="vehicle", severity=sev,
                                     title=f"{vehicle.plate} {text}", dedup_key=dedup, at=t,
                                     vehicle_id=vid, lon=r["lon"], lat=r["lat"],
                                     detail=detail() if detail else {})
                st.active[dedup] = kind
                emit(kind, key.lstrip(":"), raised.alert.id)
            elif not on and dedup in st.active:
                del st.active[dedup]
                end_condition(session, dedup, at=t)

        # Vendor zones: enter/exit events, and stopping in one while it is closed.
        zone_ids = {ref.zones[j].id for j in zone_idx}
        entered, left = st.zones.update(zone_ids, cfg.debounce_fixes)
        for z in entered:
            emit("zone_enter", f"zone:{z}")
        for z in left:
            emit("zone_exit", f"zone:{z}")
        for z in st.zones.inside | self._active_ids(st, "zone_closed"):
            zone = ref.zone_by_id.get(z)
            closed = zone is not None and not is_open(zone.opens, zone.closes, zone.days, t)
            condition("zone_closed", f":{z}", closed and stopped and z in st.zones.inside,
                      lambda z=z, zone=zone: {"zone_id": z, "zone": zone.name if zone else ""})

        # School canteens: banquet trucks only.
        if truck:
            school_ids = {ref.schools[j].id for j in school_idx}
            entered, left = st.schools.update(school_ids, cfg.debounce_fixes)
            for b in entered:
                emit("school_enter", f"school:{b}")
                condition("near_school", f":{b}", True, lambda b=b: {"business_id": b})
            for b in left:
                emit("school_exit", f"school:{b}")
                condition("near_school", f":{b}", False)

        # Operating hours of banquet trucks.
        if truck:
            opens, closes = self._hours
            outside = not (opens <= lt.time() < closes)
            if moving or stopped:
                condition("outside_hours", "", moving and outside, lambda: {"local_time": lt.strftime("%H:%M")})

        # Expired certificates.
        expired = [(k, d) for k, d in ref.cert_expiry.get(vid, ()) if d < lt.date()]
        if expired and moving:
            condition("expired_certificate", "", True,
                      lambda: {"certificates": [{"kind": k, "expired": d.isoformat()} for k, d in expired]})
        elif not expired:
            condition("expired_certificate", "", False)

        # Catering at a venue nobody declared.
        if truck and (moving or stopped):
            key = self._active_key(st, "undeclared_venue")
            if stopped and key is None:
                jobs = ref.jobs_on(session, lt.date()).get(vid)
                if jobs and not near_market and not self._near_home(vehicle, r, cfg) and not any(
                        haversine_m(j.venue_lon, j.venue_lat, r["lon"], r["lat"]) <= j.radius_m for j in jobs):
                    condition("undeclared_venue", f":{lt.date().isoformat()}:{r['lon']:.3f},{r['lat']:.3f}", True,
                              lambda: {"declared": [j.venue for j in jobs],
                                       "stopped_since": st.stopped_since.isoformat()})
            elif moving and key is not None:
                condition("undeclared_venue", key, False)

    @staticmethod
    def _near_home(vehicle, r: Mapping, cfg: RuleSettings) -> bool:
        if vehicle.home_lon is None or vehicle.home_lat is None:
            return False
        return haversine_m(vehicle.home_lon, vehicle.home_lat, r["lon"], r["lat"]) <= cfg.home_radius_m

    @staticmethod
    def _active_key(st: _State, kind: str) -> str | None:
        """The suffix of the vehicle's open condition of ``kind`` (after ``vehicle:ID:kind``)."""
        for dedup, k in st.active.items():
            if k == kind:
                return dedup.split(kind, 1)[1]
        return None

    @staticmethod
    def _active_ids(st: _State, kind: str) -> set[int]:
        return {int(d.rsplit(":", 1)[1]) for d, k in st.active.items() if k == kind}
