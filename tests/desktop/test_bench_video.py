"""``shian bench video``: the figures the budget names come out, in the summary and as the last JSON line."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import ROOT


def run(tmp_path_factory, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               SHIAN_VISION_CACHE=str(tmp_path_factory.getbasetemp() / "demo-clips"))
    return subprocess.run([sys.executable, "-m", "desktop.cli", "bench", "video", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)


def test_the_last_line_holds_the_wall_figures(tmp_path_factory):
    done = run(tmp_path_factory, "--json", "--video-streams", "2", "--video-seconds", "2")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    summary, last = lines[-2], json.loads(lines[-1])
    assert summary.startswith("[video] ") and "tiles_fps_min=" in summary
    assert list(last)[-3:] == ["tiles_fps_min", "gui_frame_ms_p95", "detect_ms_per_frame"]
    assert last["streams"] == 2 and last["size"] == "640x360" and last["fps"] == 15
    assert 0 < last["tiles_fps_min"] <= 16 and last["gui_frame_ms_p95"] > 0 and last["detect_ms_per_frame"] > 0
    assert last["gui_frames"] > 20 and isinstance(last["within_budget"], bool)


def test_bad_figures_are_refused_with_a_clear_message(tmp_path_factory):
    done = run(tmp_path_factory, "--video-streams", "0")
    assert done.returncode == 2 and "--video-streams must be 1–64" in done.stderr
