"""``shian vision scan`` as a user runs it: one JSON object per detection, clear errors, exit 2."""

from __future__ import annotations

import json
import subprocess
import sys

import cv2
import numpy as np
import pytest

from core.vision.capture import iter_frames
from core.vision.media import write_mp4
from tests.conftest import ROOT, shared_data


def _shian(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


@pytest.fixture(scope="module")
def covered_clip(tmp_path_factory):
    """Eight seconds of the CCTV clip, a palm over the lens from 5 s."""
    frames = [f.image for f in iter_frames(str(shared_data("video", "opencv_vtest_frames000-299.mp4")))][:80]
    rng = np.random.default_rng(1)

    def cover(f):
        g = cv2.convertScaleAbs(cv2.GaussianBlur(f, (0, 0), 30), alpha=0.2)
        return np.clip(g + rng.normal(0, 2, f.shape), 0, 255).astype(np.uint8)

    path = tmp_path_factory.mktemp("cli") / "covered.mp4"
    write_mp4(path, (f if i < 50 else cover(f) for i, f in enumerate(frames)), 10, (768, 576))
    return str(path)


def test_scan_prints_one_json_object_per_detection(covered_clip):
    run = _shian("vision", "scan", covered_clip)
    assert run.returncode == 0, run.stderr
    rows = [json.loads(line) for line in run.stdout.splitlines()]
    assert rows and all(set(r) == {"t", "frame", "kind", "score", "box"} for r in rows)
    assert {r["kind"] for r in rows} == {"lens_covered"}
    assert 5.0 <= rows[0]["t"] <= 7.0 and rows[0]["frame"] == round(rows[0]["t"] * 10)
    assert all(0 <= r["score"] <= 1 and r["box"] is None for r in rows)


def test_scan_of_the_clean_clip_prints_nothing():
    run = _shian("vision", "scan", str(shared_data("video", "opencv_vtest_frames000-299.mp4")))
    assert run.returncode == 0, run.stderr
    assert run.stdout == ""


def test_scan_with_closed_hours_reports_boxes_of_what_moves(covered_clip):
    run = _shian("vision", "scan", covered_clip, "--detectors", "after_hours_motion",
                 "--closed-hours", "22:00-06:00", "--start", "23:30")
    assert run.returncode == 0, run.stderr
    rows = [json.loads(line) for line in run.stdout.splitlines()]
    assert rows and all(r["kind"] == "after_hours_motion" and len(r["box"]) == 4 for r in rows)
    assert max(r["t"] for r in rows) < 5.0  # the covered lens shows no motion


@pytest.mark.parametrize(("args", "message"), [
    (["vision", "scan", "/nonexistent/kitchen.mp4"], "no such video file"),
    (["vision", "scan", "{clip}", "--detectors", "lens_covered,smoke"], "unknown detector(s) smoke"),
    (["vision", "scan", "{clip}", "--closed-hours", "late"], "HH:MM-HH:MM"),
    (["vision", "scan", "{clip}", "--model", "/nonexistent/model.json"], "cannot read"),
    (["vision", "scan", "{clip}", "--threshold", "blurred=high"], "KIND=VALUE"),
])
def test_bad_input_is_refused_with_exit_2_and_a_reason(covered_clip, args, message):
    run = _shian(*[a.replace("{clip}", covered_clip) for a in args])
    assert run.returncode == 2
    assert message in run.stderr and run.stdout == ""


def test_a_file_that_is_not_a_video(tmp_path):
    bad = tmp_path / "menu.mp4"
    bad.write_bytes(b"\x00" * 1000)
    run = _shian("vision", "scan", str(bad))
    assert run.returncode == 2 and "menu.mp4" in run.stderr
