"""Everything about one map feature, read in a worker thread into plain dataclasses (no Qt).

``read_details(db, kind, feature_id, now)`` answers for a business (licence, the five stars,
risk grade and reasons, cameras, last inspections, recent alerts), a market (today's rapid
tests and pass rate, stalls, rooms), a vendor zone (hours, stalls), a stall, a camera, a test
lab and a district. "Today" is the Asia/Shanghai day of ``now``. The map panel turns the result
into what the details dock shows (``map_details_text``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from core.db.engine import Database
from core.db.models import (
    STARS,
    Alert,
    Business,
    Camera,
    District,
    Inspection,
    Market,
    RapidTest,
    Stall,
    StarRating,
    TestLab,
    Vehicle,
    VendorZone,
    Violation,
)
from core.errors import NotFound
from core.rapid_tests.filters import day_start_utc, local_today

KINDS = ("business", "market", "zone", "stall", "camera", "lab", "district")
RECENT_INSPECTIONS = 5
RECENT_ALERTS = 5
LISTED_STALLS = 40


@dataclass(frozen=True)
class CameraLine:
    id: int
    code: str
    name: str
    area: str
    state: str
    since: datetime | None


@dataclass(frozen=True)
class InspectionLine:
    at: datetime
    kind: str
    score: float | None
    result: str
    violations: list[str]


@dataclass(frozen=True)
class AlertLine:
    id: int
    raised_at: datetime
    kind: str
    title: str
    state: str
    severity: int


@dataclass(frozen=True)
class TestsToday:
    total: int
    passed: int
    failed: list[tuple[str, str]]  # (sample, item) of today's failures

    @property
    def pass_rate(self) -> float | None:
        return self.passed / self.total if self.total else None


@dataclass(frozen=True)
class StallLine:
    id: int
    number: str
    holder: str
    goods: str


@dataclass(frozen=True)
class BusinessCard:
    id: int
    name: str
    licence_no: str
    kind: str
    district: str
    address: str
    lon: float | None
    lat: float | None
    stars: dict[str, bool]
    risk_grade: str
    risk_reasons: list[tuple[str, int | None]]  # (what, points if known)


@dataclass(frozen=True)
class BusinessDetails:
    card: BusinessCard
    phone: str
    legal_person: str
    licence_expires: object
    on_platform: bool
    cameras: list[CameraLine]
    inspections: list[InspectionLine]
    alerts: list[AlertLine]


@dataclass(frozen=True)
class MarketDetails:
    id: int
    name: str
    kind: str
    address: str
    operator: str
    phone: str
    district: str
    stalls: int
    rooms: list[str]
    today: TestsToday
    alerts: list[AlertLine]
    lon: float
    lat: float


@dataclass(frozen=True)
class ZoneDetails:
    id: int
    name: str
    address: str
    district: str
    opens: str
    closes: str
    days: str
    capacity: int
    manager: str
    stall_count: int
    stalls: list[StallLine]


@dataclass(frozen=True)
class StallDetails:
    id: int
    number: str
    holder: str
    phone: str
    goods: str
    permit_no: str
    permit_expires: object
    zone: tuple[int, str] | None
    market: tuple[int, str] | None


@dataclass(frozen=True)
class CameraDetails:
    line: CameraLine
    last_frame_at: datetime | None
    closed_from: str
    closed_to: str
    business: tuple[int, str] | None
    alerts: list[AlertLine]


@dataclass(frozen=True)
class LabDetails:
    id: int
    name: str
    kind: str
    market: tuple[int, str] | None
    vehicle_plate: str
    district: str
    notes: str
    today: TestsToday


@dataclass(frozen=True)
class DistrictDetails:
    id: int
    name: str
    adcode: str
    counts: dict[str, int] = field(default_factory=dict)  # markets, zones, businesses, schools, grade_d
    today: TestsToday | None = None


def _district_name(s: Session, district_id: int | None) -> str:
    return (s.scalar(select(District.name).where(District.id == district_id)) or "") if district_id else ""


def _alerts(s: Session, where) -> list[AlertLine]:
    rows = s.execute(select(Alert.id, Alert.raised_at, Alert.kind, Alert.title, Alert.state, Alert.severity)
                     .where(where).order_by(Alert.raised_at.desc(), Alert.id.desc()).limit(RECENT_ALERTS)).all()
    return [AlertLine(*r) for r in rows]


def _tests_today(s: Session, where, now: datetime) -> TestsToday:
    start = day_start_utc(local_today(now))
    window = (RapidTest.tested_at >= start) & (RapidTest.tested_at < start + timedelta(days=1)) & where
    total, passed = s.execute(select(func.count(), func.sum(case((RapidTest.result == "pass", 1), else_=0)))
                              .where(window)).one()
    failed = s.execute(select(RapidTest.sample_name, RapidTest.item).where(window, RapidTest.result == "fail")
                       .order_by(RapidTest.tested_at).limit(20)).all()
    return TestsToday(int(total or 0), int(passed or 0), [(a, b) for a, b in failed])


def _camera_line(c: Camera) -> CameraLine:
    return CameraLine(c.id, c.code, c.name, c.area or "", c.state, c.state_since)


def _reasons(raw) -> list[tuple[str, int | None]]:
    """Risk facts as stored: {"text", "points"} objects, or plain texts from older imports."""
    out = []
    for f in raw or []:
        if isinstance(f, dict):
            pts = f.get("points")
            out.append((str(f.get("text", "")), int(pts) if isinstance(pts, int | float) else None))
        else:
            out.append((str(f), None))
    return sorted(out, key=lambda r: -(r[1] or 0))


def read_business(s: Session, business_id: int, now: datetime) -> BusinessDetails:
    b = s.get(Business, business_id)
    if b is None:
        raise NotFound(f"no business with id {business_id}")
    r = s.scalar(select(StarRating).where(StarRating.business_id == business_id))
    card = BusinessCard(b.id, b.name, b.licence_no, b.kind, _district_name(s, b.district_id), b.address or "",
                        b.lon, b.lat, {st: bool(getattr(r, st)) if r else False for st in STARS},
                        b.risk_grade or "", _reasons(b.risk_reasons))
    cams = [_camera_line(c) for c in s.scalars(select(Camera).where(Camera.business_id == business_id)
                                                .order_by(Camera.code))]
    insp = s.scalars(select(Inspection).where(Inspection.business_id == business_id)
                     .order_by(Inspection.at.desc()).limit(RECENT_INSPECTIONS)).all()
    viol: dict[int, list[str]] = {}
    if insp:
        for iid, text in s.execute(select(Violation.inspection_id, Violation.description)
                                   .where(Violation.inspection_id.in_([i.id for i in insp]))
                                   .order_by(Violation.id)):
            viol.setdefault(iid, []).append(text)
    lines = [InspectionLine(i.at, i.kind, i.score, i.result, viol.get(i.id, [])) for i in insp]
    return BusinessDetails(card, b.phone or "", b.legal_person or "", b.licence_expires, bool(b.on_platform), cams,
                           lines, _alerts(s, Alert.business_id == business_id))


def read_market(s: Session, market_id: int, now: datetime) -> MarketDetails:
    m = s.get(Market, market_id)
    if m is None:
        raise NotFound(f"no market with id {market_id}")
    stalls = int(s.scalar(select(func.count()).select_from(Stall).where(Stall.market_id == market_id)) or 0)
    rooms = list(s.scalars(select(TestLab.name).where(TestLab.market_id == market_id).order_by(TestLab.name)))
    return MarketDetails(m.id, m.name, m.kind, m.address or "", m.operator or "", m.phone or "",
                         _district_name(s, m.district_id), stalls or int(m.stall_count or 0), rooms,
                         _tests_today(s, RapidTest.market_id == market_id, now),
                         _alerts(s, Alert.market_id == market_id), m.lon, m.lat)


def read_zone(s: Session, zone_id: int, now: datetime) -> ZoneDetails:
    z = s.get(VendorZone, zone_id)
    if z is None:
        raise NotFound(f"no vendor zone with id {zone_id}")
    count = int(s.scalar(select(func.count()).select_from(Stall).where(Stall.zone_id == zone_id)) or 0)
    stalls = [StallLine(*r) for r in s.execute(select(Stall.id, Stall.number, Stall.holder, Stall.goods)
                                               .where(Stall.zone_id == zone_id).order_by(Stall.number)
                                               .limit(LISTED_STALLS))]
    return ZoneDetails(z.id, z.name, z.address or "", _district_name(s, z.district_id), z.opens, z.closes, z.days,
                       int(z.capacity or 0), z.manager or "", count, stalls)


def read_stall(s: Session, stall_id: int, now: datetime) -> StallDetails:
    st = s.get(Stall, stall_id)
    if st is None:
        raise NotFound(f"no stall with id {stall_id}")
    zone = s.execute(select(VendorZone.id, VendorZone.name).where(VendorZone.id == st.zone_id)).first() \
        if st.zone_id else None
    market = s.execute(select(Market.id, Market.name).where(Market.id == st.market_id)).first() \
        if st.market_id else None
    return StallDetails(st.id, st.number, st.holder or "", st.phone or "", st.goods or "", st.permit_no or "",
                        st.permit_expires, tuple(zone) if zone else None, tuple(market) if market else None)


def read_camera(s: Session, camera_id: int, now: datetime) -> CameraDetails:
    c = s.get(Camera, camera_id)
    if c is None:
        raise NotFound(f"no camera with id {camera_id}")
    biz = s.execute(select(Business.id, Business.name).where(Business.id == c.business_id)).first() \
        if c.business_id else None
    return CameraDetails(_camera_line(c), c.last_frame_at, c.closed_from, c.closed_to, tuple(biz) if biz else None,
                         _alerts(s, Alert.camera_id == camera_id))


def read_lab(s: Session, lab_id: int, now: datetime) -> LabDetails:
    lab = s.get(TestLab, lab_id)
    if lab is None:
        raise NotFound(f"no test lab with id {lab_id}")
    market = s.execute(select(Market.id, Market.name).where(Market.id == lab.market_id)).first() \
        if lab.market_id else None
    plate = s.scalar(select(Vehicle.plate).where(Vehicle.id == lab.vehicle_id)) if lab.vehicle_id else ""
    return LabDetails(lab.id, lab.name, lab.kind, tuple(market) if market else None, plate or "",
                      _district_name(s, lab.district_id), lab.notes or "",
                      _tests_today(s, RapidTest.lab_id == lab_id, now))


def read_district(s: Session, district_id: int, now: datetime) -> DistrictDetails:
    d = s.get(District, district_id)
    if d is None:
        raise NotFound(f"no district with id {district_id}")

    def count(model, *where) -> int:
        return int(s.scalar(select(func.count()).select_from(model).where(model.district_id == district_id,
                                                                            *where)) or 0)

    counts = {"markets": count(Market), "zones": count(VendorZone), "businesses": count(Business),
              "schools": count(Business, Business.kind.in_(("canteen_school", "canteen_kindergarten"))),
              "grade_d": count(Business, Business.risk_grade == "D")}
    market_ids = select(Market.id).where(Market.district_id == district_id)
    return DistrictDetails(d.id, d.name, d.adcode, counts, _tests_today(s, RapidTest.market_id.in_(market_ids), now))


_READ = {"business": read_business, "market": read_market, "zone": read_zone, "stall": read_stall,
         "camera": read_camera, "lab": read_lab, "district": read_district}


def read_details(db: Database, kind: str, feature_id: int, now: datetime):
    """One feature's details; NotFound if it is gone (deleted since the map was drawn)."""
    try:
        read = _READ[kind]
    except KeyError:
        raise ValueError(f"no details for {kind!r}; kinds are {', '.join(KINDS)}") from None
    with db.session() as s:
        return read(s, int(feature_id), now)
