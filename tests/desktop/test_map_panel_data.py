"""What the map reads from the database, on SQLite and PostgreSQL: every layer as arrays, the
details of each kind of feature, and the search box's answers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import shapely
from sqlalchemy import func, select

from core.db.models import STARS, Business, Camera, Market, RapidTest, StarRating, VendorZone
from core.demo import build_demo
from core.errors import NotFound
from desktop.panels import map_data as md
from desktop.panels.map_details import read_details
from desktop.panels.map_search import search

LOCAL = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def city(db):
    build_demo(db, scale=0.02, seed=11)
    return db


def test_every_layer_reads_as_arrays_with_the_database_counts(city):
    data = md.read_all(city)
    with city.session() as s:
        assert len(data[md.RESTAURANTS]) == s.scalar(select(func.count()).select_from(Business)
                                                     .where(Business.lon.is_not(None)))
        assert len(data[md.CAMERAS]) == s.scalar(select(func.count()).select_from(Camera))
        assert len(data[md.MARKETS]) == s.scalar(select(func.count()).select_from(Market))
        offline = s.scalar(select(func.count()).select_from(Camera).where(Camera.state != "online"))
        b = s.scalars(select(Business).where(Business.lon.is_not(None)).order_by(Business.id).limit(1)).one()
    assert int((data[md.CAMERAS].categories == md.CAMERA_OFFLINE).sum()) == offline
    r = data[md.RESTAURANTS]
    assert r.ids[0] == b.id and r.labels[0] == b.name and r.stars[0] == b.stars
    assert r.categories[0] == b.stars + (10 if b.kind in ("canteen_school", "canteen_kindergarten") else 0)
    assert all(isinstance(g, shapely.MultiPolygon | shapely.Polygon) for g in data[md.DISTRICTS].geoms)
    assert all(g.is_valid for g in data[md.ZONES].geoms)


def test_the_restaurant_filter_keeps_only_what_it_names(city):
    r = md.read_businesses(city)
    d = r.filtered(risk_grades=["D"])
    assert len(d) == int((r.risk == 3).sum()) and set(d.risk.tolist()) <= {3}
    three = r.filtered(min_stars=3, kinds=["restaurant"])
    assert all(s >= 3 for s in three.stars) and len(three.labels) == len(three)
    with pytest.raises(ValueError, match="unknown business kinds"):
        r.filtered(kinds=["casino"])


def test_vendor_zones_are_open_by_their_local_hours(city):
    with city.session() as s:
        z = s.scalars(select(VendorZone).order_by(VendorZone.id).limit(1)).one()
        z.opens, z.closes, z.days = "18:00", "02:00", "67"  # a weekend night market
    zones = md.read_zones(city)
    row = list(zones.ids).index(z.id)

    def at(day: int, hh: int) -> bool:  # 2026-05-04 is a Monday
        return bool(zones.open_at(datetime(2026, 5, 3 + day, hh, 0, tzinfo=LOCAL))[row])

    assert at(6, 19) and at(7, 1) and at(1, 1)  # Saturday evening, the small hours after it, Monday 01:00
    assert not at(5, 19) and not at(6, 12) and not at(1, 3)


def test_details_of_a_business_show_its_stars_cameras_and_inspections(city):
    with city.session() as s:
        b = s.scalars(select(Business).join(Camera, Camera.business_id == Business.id)
                      .order_by(Business.id).limit(1)).one()
        r = s.scalar(select(StarRating).where(StarRating.business_id == b.id))
        cams = s.scalar(select(func.count()).select_from(Camera).where(Camera.business_id == b.id))
    d = read_details(city, "business", b.id, datetime.now(UTC))
    assert d.card.licence_no == b.licence_no
    assert d.card.stars == {st: bool(getattr(r, st)) for st in STARS}
    assert len(d.cameras) == cams
    assert all(a.at >= c.at for a, c in zip(d.inspections, d.inspections[1:], strict=False))
    with pytest.raises(NotFound):
        read_details(city, "business", 10**9, datetime.now(UTC))
    with pytest.raises(ValueError, match="no details"):
        read_details(city, "spaceship", 1, datetime.now(UTC))


def test_a_markets_tests_today_are_counted_by_the_local_day(city):
    with city.session() as s:
        m = s.scalars(select(Market).order_by(Market.id).limit(1)).one()
        last = s.scalar(select(func.max(RapidTest.tested_at)).where(RapidTest.market_id == m.id))
    local_day = last.astimezone(LOCAL).date()
    start = datetime.combine(local_day, datetime.min.time(), LOCAL).astimezone(UTC)
    with city.session() as s:
        rows = s.execute(select(RapidTest.result).where(RapidTest.market_id == m.id, RapidTest.tested_at >= start,
                                                        RapidTest.tested_at < start + timedelta(days=1))).all()
    noon = datetime.combine(local_day, datetime.min.time(), LOCAL).replace(hour=12)
    d = read_details(city, "market", m.id, noon)
    assert d.today.total == len(rows) > 0
    assert d.today.passed == sum(1 for (r,) in rows if r == "pass")
    assert d.name == m.name


def test_every_kind_of_feature_has_details(city):
    data = md.read_all(city)
    now = datetime.now(UTC)
    for layer_id, kind in ((md.ZONES, "zone"), (md.STALLS, "stall"), (md.CAMERAS, "camera"), (md.LABS, "lab"),
                           (md.DISTRICTS, "district")):
        fid = int(data[layer_id].ids[0])
        d = read_details(city, kind, fid, now)
        assert (d.line.id if kind == "camera" else d.id) == fid
    cam = read_details(city, "camera", int(data[md.CAMERAS].ids[0]), now)
    assert "://" not in repr(cam)  # camera URLs (which may hold passwords) are never read for display


def test_search_finds_a_licence_number_first_and_takes_wildcards_literally(city):
    with city.session() as s:
        b = s.scalars(select(Business).order_by(Business.id).limit(1)).one()
    hits = search(city, f"  {b.licence_no} ")
    assert hits[0].kind == "business" and hits[0].id == b.id and hits[0].rank == 0
    assert (hits[0].lon, hits[0].lat) == (b.lon, b.lat)
    assert search(city, b.licence_no[:8].lower())  # case does not matter
    assert search(city, "%") == [] and search(city, "_") == []
    assert search(city, "   ") == []
    district = search(city, "昆都仑")
    assert district and district[0].kind == "district"
