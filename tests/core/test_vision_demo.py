"""Demo cameras raise what their script says, through the real capture and detection path."""

from __future__ import annotations

from datetime import time

import numpy as np
import pytest

from core.vision.demo_clips import EVENTS, alert_frames
from core.vision.scan import scan


@pytest.fixture(autouse=True)
def _clip_cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("SHIAN_VISION_CACHE", str(tmp_path_factory.getbasetemp() / "demo-clips"))


def _spans(events, gap: float = 1.0) -> dict[str, list[list[float]]]:
    spans: dict[str, list[list[float]]] = {}
    for e in events:
        s = spans.setdefault(e["kind"], [])
        if s and e["t"] - s[-1][1] <= gap:
            s[-1][1] = e["t"]
        else:
            s.append([e["t"], e["t"]])
    return spans


def test_the_plain_kitchen_raises_nothing():
    assert list(scan("demo:kitchen?size=320x180&seed=2")) == []


@pytest.mark.parametrize(("scenario", "kind", "within"), [
    ("lens_covered", "lens_covered", 2.5),
    ("frozen", "frozen", 5.0),
    ("signal_lost", "signal_lost", 2.0),
])
def test_each_scripted_fault_raises_its_kind_while_it_lasts(scenario, kind, within):
    (_, start, end), = EVENTS[scenario]
    spans = _spans(scan(f"demo:{scenario}?size=320x180&seed=2"))
    assert list(spans) == [kind] and len(spans[kind]) == 1
    first, last = spans[kind][0]
    assert start <= first <= start + within and end - 1.0 <= last <= end + 0.5


def test_the_rodent_at_night_is_motion_after_hours_and_only_while_it_runs():
    runs = [(a, b) for k, a, b in EVENTS["night"] if k == "rodent"]
    spans = _spans(scan("demo:night?size=320x180&seed=2", closed_hours="22:00-06:00", start=time(2, 10)))
    assert list(spans) == ["after_hours_motion"]
    assert len(spans["after_hours_motion"]) == len(runs)
    for (first, last), (a, b) in zip(spans["after_hours_motion"], runs, strict=True):
        assert a <= first <= a + 2.0 and b - 2.0 <= last <= b + 2.0


def test_throughput_measure_reports_each_figure():
    from core.vision.throughput import measure

    res = measure(streams=2, seconds=2.0, size="320x180", fps=10, warmup=1.0)
    assert res["streams"] == 2 and res["decoded_fps_min"] > 0 and res["detected_fps_min"] > 0
    assert res["detect_ms_per_frame"] > 0 and res["dropped"] >= 0


@pytest.mark.parametrize("kind", ["no_hat", "no_mask", "smoking", "phone"])
def test_an_alert_scene_differs_from_the_plain_kitchen_only_inside_its_box(kind):
    plain, _ = alert_frames("frozen", seed=3, seconds=1 / 15, start=9.0)  # the same kitchen, nothing wrong
    scene, box = alert_frames(kind, seed=3, seconds=1 / 15, start=9.0)
    diff = np.abs(scene[0].astype(int) - plain[0].astype(int)).max(axis=2) > 30
    ys, xs = np.nonzero(diff)
    assert len(xs) > 40, "the scene must show something the plain kitchen does not"
    x, y, w, h = box
    pad = 14
    assert x - pad <= xs.min() and xs.max() <= x + w + pad and y - pad <= ys.min() and ys.max() <= y + h + pad


def test_alert_scenes_for_events_and_kinds_without_a_picture():
    covered, box = alert_frames("lens_covered", seed=2, seconds=1.0)
    assert box is None and len(covered) == 15 and covered[-1].mean() < 60  # dark and flat
    rodent, box = alert_frames("after_hours_motion", seed=2, seconds=0.5)
    x, y, w, h = box
    assert rodent[-1].mean() < 90 and 0 <= x < 640 and 0 <= y < 360
    with pytest.raises(ValueError, match="camera_offline"):
        alert_frames("camera_offline")
