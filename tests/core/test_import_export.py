"""Registries in and out: whole-file validation, natural-key upserts, every format, real data."""

import csv
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from sqlalchemy import func, select

from core.auth import Actor
from core.db.models import AuditEvent, Business, Inspection, Market, VendorZone, Violation
from core.errors import ImportRejected, PermissionDenied, UsageError
from core.io.exporter import export_file
from core.io.importer import import_file
from gis import crs
from tests.conftest import shared_data

ADMIN = Actor("clerk", "admin")
SF = ("inspections", "sf_restaurant_scores_lives_subset.csv")


def _count(db, model):
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_san_francisco_records_import_reimport_and_export(db, tmp_path):
    path = shared_data(*SF)
    src = pd.read_csv(path, dtype=str, keep_default_na=False)
    r1 = import_file(db, "businesses", path, ADMIN)
    assert r1.inserted == src.business_id.nunique() and r1.updated == 0
    r2 = import_file(db, "inspections", path, ADMIN)
    assert r2.inserted == src.inspection_id.nunique()
    assert _count(db, Violation) == (src.violation_id != "").sum()
    # Again: nothing new, nothing duplicated.
    again = import_file(db, "inspections", path, ADMIN)
    assert (again.inserted, again.updated) == (0, 0)
    assert import_file(db, "businesses", path, ADMIN).inserted == 0
    assert _count(db, Business) == src.business_id.nunique()
    # A known record arrives intact: score, date, risk categories.
    first = src.iloc[0]
    with db.session() as s:
        ins = s.scalar(select(Inspection).where(Inspection.ref == first.inspection_id))
        assert ins.score == float(first.inspection_score)
        assert {v.risk for v in ins.violations} <= {"low", "moderate", "high"}
        b = s.get(Business, ins.business_id)
        assert b.licence_no == first.business_id and b.lat == pytest.approx(float(first.business_latitude))
    # Export back, one row per violation, and the export imports as "unchanged".
    out = tmp_path / "sf_out.csv"
    assert export_file(db, "inspections", out, ADMIN) == len(src)
    back = import_file(db, "inspections", out, ADMIN)
    assert (back.inserted, back.updated, back.unchanged) == (0, 0, src.inspection_id.nunique())


def _markets_csv(path: Path, rows):
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["code", "name", "kind", "lon", "lat", "address"])
        w.writerows(rows)
    return path


def test_one_bad_row_names_it_and_writes_nothing(db, tmp_path):
    good = _markets_csv(tmp_path / "m.csv", [["M1", "友谊农贸市场", "农贸市场", "109.83", "40.65", "钢铁大街1号"]])
    import_file(db, "markets", good, ADMIN)
    bad = _markets_csv(tmp_path / "bad.csv", [
        ["M1", "友谊农贸市场（改名）", "farmers", "109.83", "40.65", ""],
        ["M2", "富强集贸市场", "collective", "109.9", "40.6", ""],
        ["M3", "坏行", "supermarket", "109.9", "40.6", ""],
        ["M4", "", "farmers", "abc", "40.6", ""],
    ])
    with pytest.raises(ImportRejected) as err:
        import_file(db, "markets", bad, ADMIN)
    problems = dict(err.value.problems)
    assert set(problems) == {4, 5}
    assert "not one of" in problems[4] and ("'name' is empty" in problems[5] or "not a number" in problems[5])
    assert "row 4" in str(err.value) and "nothing was imported" in str(err.value)
    with db.session() as s:
        assert s.scalar(select(Market.name).where(Market.code == "M1")) == "友谊农贸市场"
        assert s.scalar(select(func.count()).select_from(Market)) == 1


def test_duplicate_key_with_different_values_is_refused(db, tmp_path):
    f = _markets_csv(tmp_path / "dup.csv", [["M1", "甲", "farmers", "109.8", "40.6", ""],
                                             ["M1", "乙", "farmers", "109.8", "40.6", ""]])
    with pytest.raises(ImportRejected, match="row 2"):
        import_file(db, "markets", f, ADMIN)


def test_missing_column_unknown_kind_unknown_format(db, tmp_path):
    f = tmp_path / "m.csv"
    f.write_text("code,name\nM1,甲\n", encoding="utf-8")
    with pytest.raises(ImportRejected, match="missing column"):
        import_file(db, "markets", f, ADMIN)
    with pytest.raises(UsageError, match="unknown kind"):
        import_file(db, "restaurants", f, ADMIN)
    g = tmp_path / "m.shp"
    g.write_text("x")
    with pytest.raises(Exception, match="unsupported file type"):
        import_file(db, "markets", g, ADMIN)


def test_only_admins_import_and_analysts_export(db, tmp_path):
    f = _markets_csv(tmp_path / "m.csv", [["M1", "甲", "farmers", "109.8", "40.6", ""]])
    with pytest.raises(PermissionDenied):
        import_file(db, "markets", f, Actor("op", "operator"))
    import_file(db, "markets", f, ADMIN)
    assert export_file(db, "markets", tmp_path / "out.csv", Actor("ana", "analyst")) == 1
    with pytest.raises(PermissionDenied):
        export_file(db, "markets", tmp_path / "out2.csv", Actor("ins", "inspector"))
    with db.session() as s:
        ev = s.scalar(select(AuditEvent).where(AuditEvent.action == "import.markets"))
        assert ev.actor == "clerk" and ev.after["inserted"] == 1


def test_gcj02_file_is_stored_in_wgs84(db, tmp_path):
    glon, glat = crs.convert(109.83, 40.65, "wgs84", "gcj02")
    f = _markets_csv(tmp_path / "g.csv", [["M1", "甲", "farmers", f"{glon:.8f}", f"{glat:.8f}", ""]])
    import_file(db, "markets", f, ADMIN, source_crs="gcj02")
    with db.session() as s:
        m = s.scalar(select(Market))
    assert m.lon == pytest.approx(109.83, abs=1e-6) and m.lat == pytest.approx(40.65, abs=1e-6)


@pytest.mark.parametrize("ext", ["csv", "xlsx", "geojson", "gpkg"])
def test_every_format_round_trips(sqlite_db, tmp_path, ext):
    from core.demo import build_demo

    build_demo(sqlite_db, scale=0.02, seed=3)
    for kind, model in (("markets", Market), ("vendor-zones", VendorZone), ("businesses", Business)):
        out = tmp_path / f"{kind}.{ext}"
        n = export_file(sqlite_db, kind, out, ADMIN)
        assert n == _count(sqlite_db, model)
        if ext in ("geojson", "gpkg"):
            gdf = gpd.read_file(out)
            assert len(gdf) == n and gdf.crs.to_epsg() == 4326
            if kind == "vendor-zones":
                assert set(gdf.geom_type) == {"Polygon"}
        report = import_file(sqlite_db, kind, out, ADMIN)
        assert (report.inserted, report.updated, report.unchanged) == (0, 0, n), kind


def test_import_formats_document_is_current():
    from core.io.docs import import_formats_markdown

    doc = Path(__file__).resolve().parents[2] / "docs" / "import-formats.md"
    assert doc.read_text(encoding="utf-8") == import_formats_markdown(), "regenerate docs/import-formats.md"


def test_cheap_kind_names_match_the_registry():
    from core.io.kinds import KINDS
    from core.io.names import KIND_NAMES

    assert tuple(KINDS) == KIND_NAMES
