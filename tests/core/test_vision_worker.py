"""Vision workers: camera leases on both engines, a worker raising alerts with evidence, and
two worker processes sharing cameras on the real PostgreSQL, one taking over from a killed one."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import cv2
import numpy as np
import pytest
from sqlalchemy import select

from core.db.engine import Database
from core.db.models import Alert, AlertMedia, Camera, DetectorThreshold, Meta
from core.db.models._common import utcnow
from core.vision import leases
from core.vision.demo_clips import ClipSpec, clip_path, frames
from core.vision.media import decode_jpeg, decode_mp4, write_mp4
from core.vision.worker import VisionWorker, WorkerOptions
from tests.conftest import ROOT

PASSWORD = "hunter2-secret"


def _cameras(db, urls: list[str]) -> list[int]:
    with db.session() as s:
        cams = [Camera(code=f"C{i}", name=f"kitchen {i}", lon=109.8 + i / 1000, lat=40.6, url=u)
                for i, u in enumerate(urls)]
        s.add_all(cams)
        s.flush()
        return [c.id for c in cams]


def _owners(db) -> dict[int, str | None]:
    with db.session() as s:
        return dict(s.execute(select(Camera.id, Camera.lease_owner).order_by(Camera.id)).all())


def test_leases_share_cameras_fairly_and_pass_to_the_survivor(db):
    ids = _cameras(db, [f"demo:kitchen?seed={i}" for i in range(4)])
    with db.session() as s:  # a machine that died hours ago left its presence behind
        s.add(Meta(key=leases.PRESENCE + "old-box", value=(utcnow() - timedelta(hours=3)).isoformat()))
    with db.session() as s:
        assert leases.cycle(s, "A", lease_seconds=60).held == ids  # alone: A takes everything
        assert s.get(Meta, leases.PRESENCE + "old-box") is None
    with db.session() as s:
        b = leases.cycle(s, "B", lease_seconds=60)
        assert (b.workers, b.share, b.held) == (2, 2, [])  # nothing is free yet
    with db.session() as s:
        a = leases.cycle(s, "A", lease_seconds=60)
        assert a.held == ids[:2] and a.released == ids[2:]  # A gives back its excess
    with db.session() as s:
        assert leases.cycle(s, "B", lease_seconds=60).held == ids[2:]
    assert _owners(db) == {ids[0]: "A", ids[1]: "A", ids[2]: "B", ids[3]: "B"}
    # A stops renewing (it died): once its lease and presence have run out, B takes all.
    with db.session() as s:
        leases.cycle(s, "A", lease_seconds=0.5)
    time.sleep(1.0)
    with db.session() as s:
        b = leases.cycle(s, "B", lease_seconds=60)
    assert b.workers == 1 and b.held == ids
    with db.session() as s:
        assert leases.cycle(s, "C", lease_seconds=60, max_cameras=1).held == []  # B's leases are alive
        assert sorted(leases.leave(s, "B")) == ids
    with db.session() as s:
        assert leases.cycle(s, "C", lease_seconds=60, max_cameras=1).held == ids[:1]


def _covered_clip(path: Path) -> str:
    """A kitchen for 2.5 s, then a palm over the lens until the clip ends (and loops)."""
    rng = np.random.default_rng(3)

    def cover(f):
        g = cv2.convertScaleAbs(cv2.GaussianBlur(f, (0, 0), 25), alpha=0.2)
        return np.clip(g + rng.normal(0, 2, f.shape), 0, 255).astype(np.uint8)

    spec = ClipSpec("kitchen", seed=2, seconds=6)
    write_mp4(path, (f if i < 38 else cover(f) for i, f in enumerate(frames(spec))), spec.fps, (spec.width, spec.height))
    return str(path)


def test_a_worker_raises_one_alert_per_ongoing_event_with_snapshot_and_clip(sqlite_db, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    covered = _covered_clip(tmp_path / "covered.mp4")
    ids = _cameras(sqlite_db, [covered, str(tmp_path / "gone.mp4"), f"rtsp://admin:{PASSWORD}@127.0.0.1:1/ch1",
                               covered])
    with sqlite_db.session() as s:  # supervisors dismissed this camera's covered-lens alerts often
        s.add(DetectorThreshold(camera_id=ids[3], kind="lens_covered", threshold=0.95, dismissals=5))
    worker = VisionWorker(sqlite_db, WorkerOptions(name="w1", lease_seconds=3, offline_after=2, clip_pre=2,
                                                   clip_post=2))
    runner = threading.Thread(target=worker.run, kwargs={"duration": 16})
    runner.start()

    def states():
        with sqlite_db.session() as s:
            return [s.get(Camera, i).state for i in ids]

    assert _wait_for(lambda: states() == ["online", "offline", "offline", "online"], 15, "camera states")
    runner.join(60)
    with sqlite_db.session() as s:
        alerts = s.scalars(select(Alert).order_by(Alert.id)).all()
        by = {(a.camera_id, a.kind) for a in alerts}
        assert len(alerts) == len(by), "an ongoing event must raise one alert, not one per frame"
        # The fourth camera shows the same palm, but its raised threshold keeps it quiet.
        assert by == {(ids[0], "lens_covered"), (ids[1], "camera_offline"), (ids[2], "camera_offline")}
        lens = next(a for a in alerts if a.kind == "lens_covered")
        assert lens.source == "camera" and lens.lon == pytest.approx(109.8) and 0.5 <= lens.score <= 1
        assert lens.dedup_key == f"camera:{ids[0]}:lens_covered"
        media = {m.kind: m.data for m in s.scalars(select(AlertMedia).where(AlertMedia.alert_id == lens.id))}
        assert decode_jpeg(media["snapshot"]).shape == (360, 640, 3)
        clip, fps = decode_mp4(media["clip"])
        assert len(clip) >= 10 and fps > 0
        cams = {c.id: c for c in s.scalars(select(Camera))}
        assert cams[ids[0]].last_frame_at is not None and cams[ids[3]].last_frame_at is not None
        assert cams[ids[1]].last_frame_at is None and cams[ids[2]].last_frame_at is None
        # A clean stop gives the cameras back; nobody watches them, so their state is unknown.
        assert all(c.lease_owner is None and c.state == "unknown" for c in cams.values())
        offline = next(a for a in alerts if a.camera_id == ids[2])
        assert PASSWORD not in str(offline.detail) and "admin:***@" in offline.detail["error"]
    assert PASSWORD not in caplog.text


def _spawn(url: str, name: str, cache: Path) -> subprocess.Popen:
    env = {**os.environ, "SHIAN_VISION_CACHE": str(cache), "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "desktop.cli", "vision", "worker", "--db", url, "--name", name,
         "--lease-seconds", "2", "--log-level", "WARNING"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _wait_for(predicate, timeout: float, what: str):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.postgres
@pytest.mark.slow
def test_two_worker_processes_share_the_cameras_and_one_takes_over_when_the_other_is_killed(
        pg_migrated, tmp_path):
    from tests.conftest import _truncate_all

    _truncate_all(pg_migrated)
    db = Database(pg_migrated)
    cache = tmp_path / "clips"
    cache.mkdir()
    urls = [f"demo:kitchen?seed={i}&size=320x180&seconds=4" for i in range(4)]
    os.environ["SHIAN_VISION_CACHE"] = str(cache)
    try:
        from core.vision.demo_clips import parse_demo_url

        for u in urls:  # render once here, not twice in the racing workers
            clip_path(parse_demo_url(u), cache)
    finally:
        del os.environ["SHIAN_VISION_CACHE"]
    ids = _cameras(db, urls)
    a = _spawn(pg_migrated, "worker-a", cache)
    b = _spawn(pg_migrated, "worker-b", cache)
    try:
        def split():
            owners = _owners(db)
            counts = {w: list(owners.values()).count(w) for w in ("worker-a", "worker-b")}
            return owners if counts == {"worker-a": 2, "worker-b": 2} else None

        owners = _wait_for(split, 45, "the two workers to hold two cameras each")
        mine_a = [i for i, o in owners.items() if o == "worker-a"]

        def watched():
            with db.session() as s:
                cams = s.scalars(select(Camera)).all()
                return all(c.state == "online" and c.last_frame_at is not None for c in cams)

        _wait_for(watched, 30, "every camera to be online, each watched by its worker")
        a.send_signal(signal.SIGKILL)
        a.wait(10)
        killed_at = time.time()
        _wait_for(lambda: set(_owners(db).values()) == {"worker-b"}, 30, "worker-b to take over every camera")
        took = time.time() - killed_at
        assert took < 20, f"takeover took {took:.1f} s"

        def fresh_frames():
            with db.session() as s:
                rows = s.scalars(select(Camera).where(Camera.id.in_(mine_a))).all()
                return all(r.last_frame_at and r.last_frame_at.timestamp() > killed_at for r in rows)

        _wait_for(fresh_frames, 30, "worker-b to watch the cameras it took over")
        b.send_signal(signal.SIGTERM)
        assert b.wait(20) == 0
        assert set(_owners(db).values()) == {None}  # a clean stop releases its leases at once
        assert sorted(_owners(db)) == ids
    finally:
        for p in (a, b):
            if p.poll() is None:
                p.kill()
                p.wait(10)
        db.dispose()
