"""Capture: the one-frame slot, pacing, states and reconnects, against real files and a real
MJPEG-over-HTTP server on loopback."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import cv2
import numpy as np
import pytest

from core.vision.capture import SourceError, StreamReader, iter_frames
from core.vision.demo_clips import ClipSpec, clip_path, frames, parse_demo_url
from core.vision.media import write_mp4


def _wait(predicate, timeout=15.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def small_clip(tmp_path):
    spec = ClipSpec("kitchen", seed=5, width=320, height=180, fps=15, seconds=4)
    path = tmp_path / "kitchen.mp4"
    write_mp4(path, frames(spec), spec.fps, (spec.width, spec.height))
    return str(path)


def test_a_slow_consumer_gets_the_newest_frame_and_the_rest_are_dropped_not_queued(small_clip):
    with StreamReader(small_clip, loop=True) as reader:
        assert _wait(lambda: reader.stats().state == "online")
        taken = []
        for _ in range(6):
            time.sleep(0.4)  # a consumer far slower than 15 fps
            f = reader.latest()
            if f is not None:
                taken.append(f.index)
            assert reader.latest() is None  # nothing newer yet: returns at once, never waits
        stats = reader.stats()
    assert len(taken) >= 5
    assert all(b - a >= 3 for a, b in zip(taken, taken[1:], strict=False))  # frames in between were skipped
    assert stats.dropped >= stats.frames - len(taken) - 2
    assert 8 <= stats.fps <= 16.5  # a file plays at its own 15 fps, not as fast as it decodes


def test_wait_hands_each_frame_once_and_a_file_ends(small_clip):
    seen = []
    with StreamReader(small_clip, realtime=False, loop=False) as reader:
        while True:
            f = reader.wait(5)
            if f is None:
                break
            seen.append(f.index)
        assert reader.stats().state == "ended"
    assert seen == sorted(set(seen)) and seen[0] <= 1
    assert len(seen) + reader.stats().dropped == 60


def test_a_missing_source_is_offline_and_reconnects_when_it_appears(small_clip, tmp_path):
    later = tmp_path / "later.mp4"
    with StreamReader(str(later), backoff_start=0.2, backoff_max=0.4, loop=True) as reader:
        assert _wait(lambda: reader.stats().reconnects >= 2)
        stats = reader.stats()
        assert stats.state == "offline" and "no such video file" in stats.error
        later.write_bytes(Path(small_clip).read_bytes())
        assert _wait(lambda: reader.stats().state == "online")
        assert reader.wait(5) is not None and reader.stats().error == ""


class _MJPEG(BaseHTTPRequestHandler):
    """A camera that sends 15 frames, then hangs with the connection open, then drops it."""

    hang = 2.5

    def log_message(self, *args):
        pass

    def do_GET(self):
        img = np.zeros((120, 160, 3), np.uint8)
        self.send_response(200)
        self.send_header("Content-Type", "multipart/x-mixed-replace; boundary=frame")
        self.end_headers()
        try:
            for i in range(15):
                cv2.putText(img, str(i), (10, 80), cv2.FONT_HERSHEY_SIMPLEX, 2, (255, 255, 255), 3)
                jpg = cv2.imencode(".jpg", img)[1].tobytes()
                self.wfile.write(b"--frame\r\nContent-Type: image/jpeg\r\nContent-Length: %d\r\n\r\n" % len(jpg)
                                 + jpg + b"\r\n")
                self.wfile.flush()
                time.sleep(0.1)
            time.sleep(self.hang)
        except OSError:
            pass


def test_a_live_stream_that_hangs_is_stalled_then_offline_then_reconnected():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _MJPEG)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://viewer:secret@127.0.0.1:{server.server_address[1]}/video.mjpg"
    try:
        with StreamReader(url, stall_after=0.8, read_timeout=2.0, backoff_start=0.2) as reader:
            assert _wait(lambda: reader.stats().state == "online")
            assert _wait(lambda: reader.stats().state == "stalled")
            assert reader.stats().frames >= 10
            assert _wait(lambda: reader.stats().state == "offline")
            assert "viewer:***@" in reader.stats().error and "secret" not in reader.stats().error
            assert _wait(lambda: reader.stats().reconnects >= 1 and reader.stats().state == "online")
            assert reader.stats().frames > 15
    finally:
        server.shutdown()


def test_demo_clips_are_deterministic_and_play_through_the_same_reader(tmp_path, monkeypatch):
    monkeypatch.setenv("SHIAN_VISION_CACHE", str(tmp_path))
    spec = parse_demo_url("demo:frozen?seed=4&size=320x180&fps=10&seconds=20")
    assert (spec.scenario, spec.seed, spec.width, spec.height, spec.fps) == ("frozen", 4, 320, 180, 10.0)
    a, b = list(frames(spec)), list(frames(spec))
    assert len(a) == 200 and all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))
    assert not np.array_equal(a[0], next(iter(frames(ClipSpec("frozen", seed=5, width=320, height=180)))))
    # The frozen stretch (10–18 s) repeats one picture; before it the kitchen moves.
    assert np.array_equal(a[110], a[170]) and not np.array_equal(a[20], a[40])
    path = clip_path(spec)
    assert clip_path(spec) == path  # rendered once, then reused
    # The demo city's form: the camera number picks one of a few kitchens.
    assert parse_demo_url("demo://kitchen/17").seed == parse_demo_url("demo://kitchen/25").seed
    assert parse_demo_url("demo://kitchen/17").seed != parse_demo_url("demo://kitchen/18").seed
    decoded = list(iter_frames("demo:frozen?seed=4&size=320x180&fps=10&seconds=20"))
    assert len(decoded) == 200 and decoded[0].image.shape == (180, 320, 3)


@pytest.mark.parametrize(("url", "message"), [
    ("demo:sunrise", "unknown demo scenario"),
    ("demo:kitchen?size=big", "bad demo URL parameter size"),
    ("demo:kitchen?colour=red", "unknown demo URL parameter"),
    ("demo:kitchen?fps=500", "fps"),
])
def test_bad_demo_urls_are_refused_with_the_reason(url, message):
    with pytest.raises(SourceError, match=message):
        list(iter_frames(url))


def test_unsupported_schemes_are_refused_without_showing_the_password():
    with pytest.raises(SourceError, match=r"ftp://u:\*\*\*@") as exc:
        list(iter_frames("ftp://u:topsecret@host/cam"))
    assert "topsecret" not in str(exc.value)
