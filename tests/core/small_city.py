"""A few markets, samples and restaurants written straight into a test database, for the tests of
rapid tests, ratings, risk grades and reports (the demo city is far bigger than they need)."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta

from shapely.geometry import MultiPolygon, box

from core import catalog
from core.auth import Actor
from core.db.models import (
    STARS,
    Alert,
    Business,
    Camera,
    District,
    Inspection,
    Market,
    Meta,
    RapidTest,
    Stall,
    StarRating,
    Violation,
)
from core.rapid_tests.filters import LOCAL

ADMIN = Actor("admin-test", "admin")
SUPERVISOR = Actor("zhang.supervisor", "supervisor")
ANALYST = Actor("li.analyst", "analyst")
OPERATOR = Actor("wang.operator", "operator")

_seq = itertools.count(1)


def local(day: date, hh: int, mm: int = 0) -> datetime:
    """A Beijing wall-clock time as the aware UTC instant the database stores."""
    return datetime.combine(day, time(hh, mm), LOCAL).astimezone(UTC)


def add_district(s, adcode: str, name: str, lon: float = 109.84, lat: float = 40.65) -> District:
    geom = MultiPolygon([box(lon - 0.1, lat - 0.1, lon + 0.1, lat + 0.1)])
    d = District(adcode=adcode, name=name, geom=geom, center_lon=lon, center_lat=lat, source="test")
    d.set_bbox(geom)
    s.add(d)
    s.flush()
    return d


def add_market(s, code: str, name: str, district: District | None = None,
               lon: float = 109.84, lat: float = 40.65) -> Market:
    m = Market(code=code, name=name, kind="farmers", district_id=district.id if district else None,
               lon=lon, lat=lat, address="包头市昆都仑区测试路1号", has_screen=True)
    s.add(m)
    s.flush()
    return m


def add_stall(s, market: Market, number: str) -> Stall:
    st = Stall(code=f"{market.code}-{number}", number=number, market_id=market.id, lon=market.lon, lat=market.lat)
    s.add(st)
    s.flush()
    return st


def add_test(s, market: Market, at: datetime, *, item: str = "op_carbamate", category: str = "vegetables",
             sample_name: str = "韭菜", value: float | None = None, fail: bool = False, stall: Stall | None = None,
             disposal: str | None = None, disposal_kg: float | None = None, sample_no: str | None = None) -> RapidTest:
    it = catalog.ITEMS[item]
    if value is None:
        value = it.limit * (1.6 if fail else 0.2)
    t = RapidTest(sample_no=sample_no or f"T{next(_seq):07d}", market_id=market.id, stall_id=stall.id if stall else None,
                  sample_name=sample_name, category=category, item=item, value=value, unit=it.unit, limit=it.limit,
                  result="fail" if fail else "pass", tested_at=at, tester="赵检测",
                  disposal=disposal if fail else None, disposal_kg=disposal_kg if fail else None,
                  lon=market.lon, lat=market.lat)
    s.add(t)
    s.flush()
    return t


def add_business(s, name: str, stars: dict[str, bool] | None = None, kind: str = "restaurant",
                 lon: float = 109.85, lat: float = 40.66, rated: datetime | None = None) -> Business:
    n = next(_seq)
    stars = {st: True for st in STARS} | (stars or {})
    b = Business(licence_no=f"JY315020{n:08d}", name=name, kind=kind, address=f"包头市昆都仑区钢铁大街{n}号",
                 lon=lon, lat=lat, qr_token=f"qr{n:010d}", stars=sum(stars.values()), risk_grade="B",
                 risk_reasons=[], created_at=datetime(2024, 1, 1, tzinfo=UTC))
    s.add(b)
    s.flush()
    s.add(StarRating(business_id=b.id, rated_at=rated or datetime(2026, 3, 1, 2, tzinfo=UTC),
                     rated_by="评定委员会", **stars))
    s.flush()
    return b


def add_camera(s, business: Business, state: str = "online", since: datetime | None = None) -> Camera:
    n = next(_seq)
    c = Camera(code=f"CAM{n:06d}", name=f"{business.name}·热加工区", business_id=business.id, area="热加工区",
               lon=business.lon, lat=business.lat, state=state, state_since=since, url=f"demo://kitchen/{n}")
    s.add(c)
    s.flush()
    return c


def add_alert(s, business: Business, kind: str, state: str = "confirmed", raised: datetime | None = None,
              camera: Camera | None = None) -> Alert:
    a = Alert(kind=kind, state=state, source="camera", business_id=business.id,
              camera_id=camera.id if camera else None, title=f"{business.name} · {kind}",
              raised_at=raised or datetime.now(UTC), lon=business.lon, lat=business.lat)
    s.add(a)
    s.flush()
    return a


def add_inspection(s, business: Business, at: datetime, result: str = "pass",
                   violations: tuple[tuple[str, str], ...] = ()) -> Inspection:
    ins = Inspection(business_id=business.id, at=at, result=result, score=95.0 if result == "pass" else 62.0,
                     checklist={}, notes="")
    ins.violations = [Violation(code=f"V{i}", description=d, risk=r) for i, (d, r) in enumerate(violations)]
    s.add(ins)
    s.flush()
    return ins


def mark_synthetic(s) -> None:
    s.add(Meta(key="synthetic", value="1"))
    s.flush()


def days_ago(today: date, n: int) -> date:
    return today - timedelta(days=n)
