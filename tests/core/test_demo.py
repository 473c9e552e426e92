"""The demo city: the city's figures at scale 1, real places, deterministic, marked synthetic."""

from datetime import date

import numpy as np
import pytest
import shapely
from sqlalchemy import func, select

from core.db.engine import Database
from core.db.models import (
    SCHOOL_KINDS,
    Alert,
    AlertMedia,
    Business,
    Camera,
    District,
    Market,
    Meta,
    RapidTest,
    Stall,
    TestLab,
    User,
    Vehicle,
    VendorZone,
)
from core.demo import build_demo
from core.demo.build import DemoExists
from core.vision.media import decode_jpeg, decode_mp4
from gis.districts import city_boundary

DAY = date(2026, 7, 15)


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    db = Database(f"sqlite:///{tmp_path_factory.mktemp('demo') / 'city.db'}")
    counts = build_demo(db, scale=1.0, seed=42, today=DAY)
    yield db, counts
    db.dispose()


def _count(s, model, *where):
    return s.scalar(select(func.count()).select_from(model).where(*where))


def test_scale_one_has_the_citys_figures(city):
    db, _ = city
    with db.session() as s:
        assert _count(s, Market, Market.kind == "farmers") == 46
        assert _count(s, Market, Market.kind == "collective") == 53
        assert _count(s, VendorZone) == 39
        assert _count(s, Stall) == 4205
        assert _count(s, Business, Business.kind != "catering") + _count(s, Business, Business.kind == "catering") == 8780
        assert _count(s, Business, Business.on_platform) == 5928
        assert _count(s, Camera) == 10281
        assert _count(s, Vehicle, Vehicle.kind == "banquet_truck") == 49
        assert _count(s, Vehicle, Vehicle.kind == "test_vehicle") == 5
        assert _count(s, TestLab, TestLab.kind == "room") == 30
        assert {u for u in s.scalars(select(User.role))} == {"operator", "inspector", "supervisor", "analyst", "admin"}


def test_cameras_per_unit_and_schools_all_on_platform(city):
    db, _ = city
    with db.session() as s:
        per = [n for (n,) in s.execute(select(func.count()).select_from(Camera).group_by(Camera.business_id))]
        assert min(per) >= 1 and max(per) <= 4 and len(per) == 5928
        schools = _count(s, Business, Business.kind.in_(SCHOOL_KINDS))
        assert schools > 0 and _count(s, Business, Business.kind.in_(SCHOOL_KINDS), Business.on_platform) == schools


def test_every_place_in_its_district_mostly_urban_never_in_the_river(city):
    db, _ = city
    outline = city_boundary("150200").geometry
    with db.session() as s:
        districts = {d.id: d.geom for d in s.scalars(select(District))}
        pts = s.execute(select(Business.lon, Business.lat, Business.district_id)).all()
        pts += s.execute(select(Market.lon, Market.lat, Market.district_id)).all()
    lon = np.array([p[0] for p in pts])
    lat = np.array([p[1] for p in pts])
    for geom_id, geom in districts.items():
        mine = np.array([p[2] == geom_id for p in pts])
        assert shapely.contains_xy(geom, lon[mine], lat[mine]).all()
    # The Yellow River is the city's southern boundary: keep a margin inside the outline.
    inner = outline.buffer(-0.008)
    assert shapely.contains_xy(inner, lon, lat).all()
    urban = (lon > 109.75) & (lon < 110.10) & (lat > 40.55) & (lat < 40.70)
    assert urban.mean() > 0.6


def test_rapid_tests_cover_90_days_at_a_realistic_pass_rate(city):
    db, _ = city
    with db.session() as s:
        n = _count(s, RapidTest)
        failed = _count(s, RapidTest, RapidTest.result == "fail")
        days = s.execute(select(func.min(RapidTest.tested_at), func.max(RapidTest.tested_at))).one()
        per_item = dict(s.execute(select(RapidTest.item, func.count()).where(RapidTest.result == "fail")
                                  .group_by(RapidTest.item)).all())
    assert 0.97 <= 1 - failed / n <= 0.99
    assert (days[1] - days[0]).days >= 88
    # Failures cluster by item: pesticide residue dominates, as in real market testing.
    assert max(per_item, key=per_item.get) == "op_carbamate"


def test_the_alert_history_has_what_a_worker_would_have_kept(city):
    db, _ = city
    with db.session() as s:
        alerts = s.execute(select(Alert.id, Alert.kind, Alert.state, Alert.box)).all()
        media = s.execute(select(AlertMedia.alert_id, AlertMedia.kind, AlertMedia.data)).all()
    snaps = {a: d for a, k, d in media if k == "snapshot"}
    clips = {a: d for a, k, d in media if k == "clip"}
    for aid, kind, state, box in alerts:
        assert (aid in snaps) == (kind != "camera_offline"), (aid, kind)
        if kind != "camera_offline" and state in ("new", "in_review"):
            assert aid in clips
        if kind in ("no_hat", "smoking", "after_hours_motion"):
            assert box and len(box) == 4
    some = next(iter(snaps.values()))
    assert decode_jpeg(some).shape == (360, 640, 3)
    frames, fps = decode_mp4(next(iter(clips.values())))
    assert len(frames) >= 25 and fps == 15


def test_marked_synthetic(city):
    db, _ = city
    with db.session() as s:
        meta = dict(s.execute(select(Meta.key, Meta.value)).all())
    assert meta["synthetic"] == "1" and meta["demo_seed"] == "42" and meta["label_zh"] == "演示数据（合成）"


def test_same_seed_same_city_and_refuses_to_overwrite(db):
    build_demo(db, scale=0.02, seed=7, today=DAY)
    with db.session() as s:
        first = s.execute(select(Business.licence_no, Business.name, Business.lon, Business.lat).order_by(Business.id)).all()
    with pytest.raises(DemoExists, match="--force"):
        build_demo(db, scale=0.02, seed=7, today=DAY)
    build_demo(db, scale=0.02, seed=7, today=DAY, force=True)
    with db.session() as s:
        again = s.execute(select(Business.licence_no, Business.name, Business.lon, Business.lat).order_by(Business.id)).all()
        # Ids continue to work after explicit-id bulk loads (PostgreSQL sequences advanced).
        s.add(Market(code="NEW1", name="新市场", kind="farmers", lon=109.8, lat=40.6))
        s.flush()
    assert first == again and len(first) == round(8780 * 0.02)
    build_demo(db, scale=0.02, seed=8, today=DAY, force=True)
    with db.session() as s:
        other = s.execute(select(Business.licence_no, Business.name, Business.lon, Business.lat).order_by(Business.id)).all()
    assert other != first
