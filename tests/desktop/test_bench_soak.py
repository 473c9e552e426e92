"""``shian bench soak``: the wall display runs with its feeds while its memory is sampled, and
growth is judged after the warm-up, as the 24-hour budget is."""

from __future__ import annotations

import argparse

import pytest

from core.db.engine import Database
from core.demo import build_demo
from desktop.bench import soak


def test_growth_is_judged_after_the_warm_up_on_the_end_of_the_run():
    seconds = 400.0
    flat = [(t, 300_000 if t < 100 else 400_000, 200_000) for t in range(0, 400, 5)]  # grows only while warming up
    out = soak.judge(flat, seconds)
    assert out["warmup_s"] == 100 and out["gui_growth_pct"] == 0 and out["children_growth_pct"] == 0
    leaking = [(t, 400_000 + 100 * t, 200_000) for t in range(0, 400, 5)]
    out = soak.judge(leaking, seconds)
    assert 5 < out["gui_growth_pct"] < 10 and out["gui_rss_mb_end"] > out["gui_rss_mb_after_warmup"]
    with pytest.raises(RuntimeError, match="too few samples"):
        soak.judge(leaking[:3], seconds)


def test_a_short_soak_runs_the_live_wall_with_its_feeds(tmp_path):
    path = tmp_path / "demo.db"
    db = Database(f"sqlite:///{path}")
    build_demo(db, scale=0.03, seed=5)
    db.dispose()
    before = path.stat().st_mtime_ns
    args = argparse.Namespace(db=f"sqlite:///{path}", scale=1.0, soak_minutes=0.6, soak_every=2.0)
    out = soak.run(args)
    assert out["samples"] >= 10 and out["child_processes"] >= 3  # GPS server, simulator, vision worker, wall pictures
    assert out["gui_rss_mb_end"] > 50 and out["children_rss_mb_end"] > 50
    assert isinstance(out["within_budget"], bool) and out["budget_growth_pct"] == 5.0
    assert path.stat().st_mtime_ns == before  # the feeds wrote to a scratch copy
