"""``shian bench map`` and ``shian bench startup`` on a small demo city: the figures a reader of
the benchmark relies on are there and describe the city that was drawn."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

import pytest
from sqlalchemy import func, select

from core.db.engine import Database
from core.db.models import Business, Camera, Market, Stall, VendorZone
from core.demo import build_demo
from desktop.bench import map as bench_map
from desktop.bench import startup as bench_startup


@pytest.fixture(scope="module")
def small_city(tmp_path_factory):
    path = tmp_path_factory.mktemp("bench") / "demo.db"
    db = Database(f"sqlite:///{path}")
    build_demo(db, scale=0.03, seed=5)
    db.dispose()
    return f"sqlite:///{path}"


def mapped_features(url: str) -> int:
    from desktop.panels.map_data import read_all

    db = Database(url)
    n = sum(len(d) for d in read_all(db).values())
    db.dispose()
    return n


def test_bench_map_reports_frame_times_per_zoom_level(qapp, small_city):
    args = argparse.Namespace(scale=0.03, db=small_city, live=0, json=True, repeats=1)
    res = bench_map.run(args)
    assert res["scale"] == 0.03
    assert res["features"] == mapped_features(small_city) > 300
    assert 0 < res["frame_ms_p50"] <= res["frame_ms_p95"] <= res["frame_ms_max"]
    assert set(res["levels"]) == {"city", "district", "street"}
    for level in res["levels"].values():
        assert level["frames"] > 5 and 0 < level["frame_ms_p50"] <= level["frame_ms_p95"]
    json.dumps(res)  # the --json line


def test_bench_map_with_a_live_fleet(qapp, small_city):
    args = argparse.Namespace(scale=0.03, db=small_city, live=50, json=True, repeats=1)
    live = bench_map.run(args)["live"]
    assert live["vehicles"] == 50 and live["frames"] == 60 and live["frame_ms_p95"] > 0


def test_the_bench_database_is_built_once_and_reused():
    url = bench_map.bench_database(0.02, progress=lambda m: None)
    built = os.stat(url.split("///", 1)[1]).st_mtime_ns
    assert bench_map.bench_database(0.02, progress=lambda m: None) == url
    assert os.stat(url.split("///", 1)[1]).st_mtime_ns == built
    assert mapped_features(url) > 100


def test_a_replicated_city_is_denser_with_unique_codes(tmp_path, small_city):
    import shutil

    path = tmp_path / "x3.db"
    shutil.copy(small_city.split("///", 1)[1], path)
    db = Database(f"sqlite:///{path}")

    def counts():
        with db.session() as s:
            return [int(s.scalar(select(func.count()).select_from(m))) for m in (Business, Camera, Stall, Market,
                                                                                VendorZone)]

    before = counts()
    bench_map.replicate_city(db, 3)
    assert counts() == [3 * n for n in before]
    with db.session() as s:
        assert s.scalar(select(func.count(func.distinct(Business.licence_no)))) == 3 * before[0]
        orphans = s.scalar(select(func.count()).select_from(Camera).outerjoin(Business, Business.id == Camera.business_id)
                           .where(Camera.business_id.is_not(None), Business.id.is_(None)))
        assert orphans == 0
    db.dispose()


def test_bench_startup_times_a_fresh_process_to_the_first_map_frame(small_city):
    args = argparse.Namespace(scale=1.0, db=small_city, startup_runs=1, json=True)
    res = bench_startup.run(args)
    assert res["runs"] == 1
    phases = sum(res[f"child_{k}"] for k in ("imports_s", "window_s", "layers_s", "frame_s"))
    assert 0 < phases < res["cold_start_s"] < 120  # the parent's clock includes the interpreter starting


def test_shian_bench_map_json_prints_one_object_last(small_city):
    out = subprocess.run([sys.executable, "-m", "desktop.cli", "bench", "map", "--json", "--db", small_city,
                          "--scale", "0.03", "--repeats", "1"], capture_output=True, text=True, timeout=600,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, out.stderr
    last = json.loads(out.stdout.strip().splitlines()[-1])
    assert last["scale"] == 0.03 and last["frame_ms_p95"] > 0 and "street" in last["levels"]
