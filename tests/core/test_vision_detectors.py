"""The built-in detectors on the real CCTV clip and on perturbed copies of it made here.

The clip (OpenCV's vtest, 30 s at 10 fps, 768×576) shows pedestrians crossing a campus. Each
copy is clean for its first 15 s, then covered, blurred, frozen or cut; "dark" is the whole clip
at night brightness. What must fire fires within a few seconds of the change, nothing else
fires, and the clean clip raises nothing at all.
"""

from __future__ import annotations

from collections import Counter
from datetime import time

import cv2
import numpy as np
import pytest

from core.vision.capture import SourceError, iter_frames
from core.vision.detectors import REGISTRY, Pipeline, create
from core.vision.media import write_mp4
from core.vision.scan import ScanResult, scan
from tests.conftest import shared_data

CHANGE_AT = 15.0  # seconds into the clip where the perturbation starts
FPS = 10.0


@pytest.fixture(scope="module")
def clip_frames():
    path = shared_data("video", "opencv_vtest_frames000-299.mp4")
    return [f.image for f in iter_frames(str(path))]


def _noise(shape, rng, sigma: float) -> np.ndarray:
    return (rng.standard_normal(shape, dtype=np.float32) * sigma).astype(np.int16)


def _covered(img, rng):
    """A palm close to the lens: nothing in focus, a little light through the fingers, sensor noise."""
    h, w = img.shape[:2]
    smear = cv2.resize(cv2.GaussianBlur(cv2.resize(img, (w // 8, h // 8), interpolation=cv2.INTER_AREA), (0, 0), 4),
                       (w, h), interpolation=cv2.INTER_LINEAR)
    return cv2.add(cv2.convertScaleAbs(smear, alpha=0.2), _noise(img.shape, rng, 2), dtype=cv2.CV_8U)


def _cut(img, i, rng):
    """The signal drops: black frames from the recorder, then decoder snow."""
    if i < CHANGE_AT * FPS + 20:
        return np.zeros_like(img)
    return cv2.cvtColor(rng.integers(0, 256, img.shape[:2], dtype=np.uint8), cv2.COLOR_GRAY2BGR)


@pytest.fixture(scope="module")
def clips(clip_frames, tmp_path_factory):
    """Perturbed copies of the clip, encoded to MP4 files like a recorder would store them."""
    d = tmp_path_factory.mktemp("perturbed")
    rng = np.random.default_rng(7)
    start = int(CHANGE_AT * FPS)
    frozen_picture = clip_frames[start]
    make = {
        "clean": lambda f, i: f,
        "covered": lambda f, i: _covered(f, rng) if i >= start else f,
        "blurred": lambda f, i: cv2.GaussianBlur(f, (0, 0), 3) if i >= start else f,
        "frozen": lambda f, i: frozen_picture if i >= start else f,
        "dark": lambda f, i: cv2.add(cv2.convertScaleAbs(f, alpha=0.15), _noise(f.shape, rng, 1.5), dtype=cv2.CV_8U),
        "cut": lambda f, i: _cut(f, i, rng) if i >= start else f,
    }
    h, w = clip_frames[0].shape[:2]
    out = {}
    for name, fn in make.items():
        out[name] = str(d / f"{name}.mp4")
        write_mp4(out[name], (fn(f, i) for i, f in enumerate(clip_frames)), FPS, (w, h))
    return out


def _first_times(events) -> dict[str, float]:
    first: dict[str, float] = {}
    for e in events:
        first.setdefault(e["kind"], e["t"])
    return first


def test_the_clean_clip_raises_nothing(clips):
    result = ScanResult()
    events = list(scan(clips["clean"], result=result))
    assert result.frames == 300
    false_alarms = Counter(e["kind"] for e in events)
    assert false_alarms == Counter(), f"false alarms on the clean clip: {dict(false_alarms)}"


@pytest.mark.parametrize(("copy", "kind", "within"), [
    ("covered", "lens_covered", 3.0),
    ("blurred", "blurred", 4.0),
    ("frozen", "frozen", 5.0),
    ("cut", "signal_lost", 3.0),
])
def test_each_fault_fires_its_detector_soon_after_the_change_and_nothing_else(clips, copy, kind, within):
    events = list(scan(clips[copy]))
    first = _first_times(events)
    assert set(first) == {kind}, f"{copy}: expected only {kind}, got {first}"
    assert CHANGE_AT <= first[kind] <= CHANGE_AT + within
    # It keeps firing while the fault lasts (the worker turns that into one ongoing alert).
    assert max(e["t"] for e in events if e["kind"] == kind) >= 29.0
    for e in events:
        assert 0.0 <= e["score"] <= 1.0 and e["box"] is None


def test_motion_after_hours_is_reported_with_boxes_on_the_people_only_inside_closed_hours(clips, clip_frames):
    # Inside closed hours (the clip starts at 23:00, closed 22:00–06:00): the walkers are reported.
    night = list(scan(clips["dark"], closed_hours="22:00-06:00", start=time(23, 0)))
    kinds = Counter(e["kind"] for e in night)
    assert set(kinds) == {"after_hours_motion"}
    assert min(e["t"] for e in night) <= 2.0
    # Each box covers pixels that differ from the empty campus (the median of the whole clip).
    empty = np.median(np.stack(clip_frames[::10]), axis=0).astype(np.uint8)
    hits = 0
    for e in night[::25]:
        x, y, w, h = e["box"]
        region = cv2.absdiff(clip_frames[e["frame"]][y:y + h, x:x + w], empty[y:y + h, x:x + w])
        hits += int(region.max() > 40)
    assert hits >= 0.9 * len(night[::25])
    # The same dark clip in opening hours: nothing, and the darkness alone is no covered lens.
    assert list(scan(clips["dark"], closed_hours="22:00-06:00", start=time(12, 0))) == []
    assert list(scan(clips["dark"])) == []


def test_closed_hours_over_midnight_and_bad_text():
    from core.vision.detectors.after_hours_motion import is_closed, parse_closed_hours

    closed = parse_closed_hours("22:00-06:00")
    assert is_closed(time(23, 30), closed) and is_closed(time(5, 59), closed)
    assert not is_closed(time(6, 0), closed) and not is_closed(time(12, 0), closed)
    assert is_closed(time(12, 0), parse_closed_hours("13:00-13:00"))  # equal ends: closed all day
    with pytest.raises(ValueError, match="HH:MM-HH:MM"):
        parse_closed_hours("10pm to 6am")


def test_a_raised_threshold_silences_a_weak_finding(clips):
    found = list(scan(clips["blurred"], detectors=["blurred"]))
    top = max(e["score"] for e in found)
    assert top < 0.95, "the blur is moderate: a supervisor can still raise the bar above it"
    assert list(scan(clips["blurred"], detectors=["blurred"], thresholds={"blurred": min(0.95, top + 0.03)})) == []


def test_the_signal_lost_detector_reports_a_gap_in_frames():
    det = create("signal_lost")
    frame = np.full((90, 160, 3), 100, np.uint8)
    frame[::7] = 200  # some structure: not a blank screen
    assert det.update(frame, 0.0) == []
    assert det.update(None, 3.0) == []
    found = det.update(None, 6.0)
    assert [d.kind for d in found] == ["signal_lost"] and found[0].detail["cause"] == "no_frames"


def test_the_registry_names_every_built_in_detector_and_refuses_unknown_names():
    assert {"lens_covered", "blurred", "frozen", "signal_lost", "after_hours_motion"} <= set(REGISTRY)
    with pytest.raises(ValueError, match="known: .*lens_covered"):
        create("smoke_alarm")
    with pytest.raises(ValueError, match="between 0 and 1"):
        create("blurred", thresholds={"blurred": 1.5})


def test_a_file_that_is_not_a_video_is_refused_clearly(tmp_path):
    bad = tmp_path / "notes.mp4"
    bad.write_text("this is not a video")
    with pytest.raises(SourceError, match="notes.mp4"):
        list(scan(str(bad)))
    with pytest.raises(SourceError, match="no such video file"):
        list(scan(str(tmp_path / "missing.mp4")))


def test_the_pipeline_measures_its_cost_per_frame(clip_frames):
    pipe = Pipeline.build(closed_hours="22:00-06:00")
    for i, f in enumerate(clip_frames[:50]):
        pipe.update(f, i / FPS)
    assert pipe.frames == 50 and pipe.ms_per_frame > 0
