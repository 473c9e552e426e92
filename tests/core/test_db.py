"""The schema, its migrations and the rules every record obeys, on SQLite and PostgreSQL."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
import shapely
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select, text

from core.db import migrate
from core.db.concurrency import check_version, guarded
from core.db.engine import Database, display_url, resolve_url
from core.db.models import Alert, Base, Business, District, StarRating
from core.errors import StaleEditError


def test_migrations_match_the_models(db):
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    # PostGIS's own tables and our hand-made GiST indexes are not in the models.
    diff = [d for d in diff if not (d[0] == "remove_table" and d[1].name in ("spatial_ref_sys",))
            and not (d[0] == "remove_index" and d[1].name.endswith("_gist"))]
    assert diff == []
    assert migrate.is_current(db.engine)


def test_downgrade_to_empty_and_back(db):
    migrate.downgrade(db.engine, "base")
    assert "business" not in inspect(db.engine).get_table_names()
    migrate.upgrade(db.engine)
    assert {"business", "alert", "position", "rapid_test", "dispatch_task"} <= set(inspect(db.engine).get_table_names())


@pytest.mark.postgres
def test_postgis_columns_and_gist_indexes(pg_migrated):
    db = Database(pg_migrated)
    with db.engine.connect() as c:
        types = dict(c.execute(text(
            "SELECT f_table_name, type FROM geometry_columns WHERE f_geometry_column = 'geom'")).all())
        gist = {r[0] for r in c.execute(text("SELECT indexname FROM pg_indexes WHERE indexdef ILIKE '%USING gist%'"))}
    assert types == {"district": "MULTIPOLYGON", "vendor_zone": "POLYGON"}
    assert {"ix_district_geom_gist", "ix_vendor_zone_geom_gist", "ix_business_point_gist", "ix_camera_point_gist"} <= gist
    db.dispose()


def _business(session, licence="JY1", name="老王家羊肉馆"):
    b = Business(licence_no=licence, name=name, kind="restaurant", lon=109.83, lat=40.65, qr_token=licence)
    session.add(b)
    session.flush()
    return b


def test_times_are_utc_and_aware_and_naive_times_are_refused(db):
    beijing = timezone(timedelta(hours=8))
    with db.session() as s:
        b = _business(s)
        s.add(Alert(kind="no_hat", source="camera", business_id=b.id,
                    raised_at=datetime(2026, 5, 1, 9, 30, tzinfo=beijing)))
    with db.session() as s:
        a = s.scalar(select(Alert))
        assert a.raised_at == datetime(2026, 5, 1, 1, 30, tzinfo=UTC)
        assert a.raised_at.tzinfo is not None
    with pytest.raises(Exception, match="naive datetime"), db.session() as s:
        s.add(Alert(kind="x", source="camera", raised_at=datetime(2026, 5, 1)))


def test_geometry_round_trips(db):
    poly = shapely.MultiPolygon([shapely.box(109.8, 40.6, 109.9, 40.7)])
    with db.session() as s:
        d = District(adcode="150203", name="昆都仑区", geom=poly, center_lon=109.85, center_lat=40.65)
        d.set_bbox(poly)
        s.add(d)
    with db.session() as s:
        d = s.scalar(select(District))
        assert d.geom.equals(poly) and (d.min_lon, d.max_lat) == (109.8, 40.7)


def test_two_editors_one_record_second_is_refused(db):
    with db.session() as s:
        b = _business(s)
        s.add(StarRating(business_id=b.id, compliance=True))
    first, second = db.sessions(), db.sessions()
    r1 = first.scalar(select(StarRating))
    r2 = second.scalar(select(StarRating))
    seen = r2.version
    r1.dining, r1.rated_by = True, "supervisor-a"
    first.commit()
    # The second editor's change is based on an older read: refused, and it says so.
    r2.kitchen = True
    with pytest.raises(StaleEditError, match="changed .* after you opened it"), guarded(second, r2):
        pass
    second.close()
    with db.session() as s:
        r = s.scalar(select(StarRating))
        assert r.dining and not r.kitchen and r.version == seen + 1
        with pytest.raises(StaleEditError):
            check_version(r, seen)
    first.close()


def test_database_urls(tmp_path, monkeypatch):
    assert resolve_url(str(tmp_path / "a.db")).startswith("sqlite:///")
    assert resolve_url("postgresql://u:secret@h/db").startswith("postgresql+psycopg://")
    assert "secret" not in display_url("postgresql+psycopg://u:secret@h/db")
    monkeypatch.setenv("SHIAN_DB", "sqlite:////x/y.db")
    assert resolve_url(None) == "sqlite:////x/y.db"
    assert resolve_url("sqlite:////z.db") == "sqlite:////z.db"


def test_embedded_default_is_sqlite_in_wal_mode(tmp_path, monkeypatch):
    monkeypatch.setenv("SHIAN_DATA_DIR", str(tmp_path))
    db = Database()
    assert db.url == f"sqlite:///{tmp_path / 'shian.db'}"
    migrate.upgrade(db.engine)
    with db.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    db.dispose()
