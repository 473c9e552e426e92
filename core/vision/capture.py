"""Camera capture: one thread per open stream, a one-frame slot, reconnects with backoff.

A consumer (the video wall's paint timer, a detection loop) takes the newest frame whenever it
is ready, without blocking: when it falls behind, the older frame in the slot is replaced and
counted as dropped, never queued, so latency stays one frame however slow the consumer is.

Sources are OpenCV's FFmpeg backend: ``rtsp://``, ``http(s)://`` (MJPEG, HLS…), plain file paths
or ``file://`` URLs, and ``demo:<scenario>?…`` which renders a generated clip to a cache file once
and plays it through the very same reader (looping). Files and demo clips play at their native
frame rate unless ``realtime=False`` (scanning as fast as possible).

States, as the wall shows them and the worker stores them on the camera row:
``connecting`` (first open in progress), ``online`` (frames arriving), ``stalled`` (stream open
but no new frame for ``stall_after`` seconds), ``offline`` (cannot open, or lost; reconnecting
with exponential backoff), ``ended`` (a non-looping file reached its end).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

# FFmpeg's own log lines could echo a source URL with its password: keep OpenCV and FFmpeg quiet
# unless the operator asks for their logs explicitly (by setting these variables).
_QUIET = "OPENCV_LOG_LEVEL" not in os.environ
os.environ.setdefault("OPENCV_FFMPEG_LOGLEVEL", "-8")

import cv2  # noqa: E402
import numpy as np  # noqa: E402

from core.vision.urls import mask_url  # noqa: E402

if _QUIET:
    cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_ERROR)

log = logging.getLogger(__name__)

STATES = ("connecting", "online", "stalled", "offline", "ended")


class SourceError(Exception):
    """A source that cannot be opened or understood; the message never holds a password."""


@dataclass(frozen=True)
class Frame:
    """One decoded picture. ``t`` is stream time in seconds (file position for files and demo
    clips, seconds since the stream opened for live sources); ``wall`` is ``time.time()`` at capture."""

    image: np.ndarray
    index: int
    t: float
    wall: float
    data: object = None  # what the reader's ``process`` made of the picture, if it has one


@dataclass(frozen=True)
class StreamStats:
    state: str
    fps: float  # measured over the last few seconds
    frames: int  # decoded
    dropped: int  # replaced in the slot before a consumer took them
    reconnects: int
    last_frame_wall: float | None
    error: str = ""  # why it is offline (cleared when frames flow again), password masked


def is_file_source(url: str) -> bool:
    return url.startswith(("demo:", "file:")) or "://" not in url


def resolve_source(url: str, cancel: threading.Event | None = None) -> tuple[str, bool]:
    """What to hand to ``cv2.VideoCapture`` and whether it is a file (paced, seekable).
    A demo clip is rendered here on first use; ``cancel`` gives that up."""
    if url.startswith("demo:"):
        from core.vision.demo_clips import RenderCancelled, clip_path, parse_demo_url

        try:
            spec = parse_demo_url(url)
        except ValueError as exc:
            raise SourceError(str(exc)) from None
        try:
            return str(clip_path(spec, cancel=cancel)), True
        except RenderCancelled:
            raise SourceError(f"rendering of {url} was stopped") from None
    if url.startswith("file:"):
        return unquote(urlsplit(url).path), True
    if "://" not in url:
        return str(Path(url).expanduser()), True
    scheme = url.split("://", 1)[0].lower()
    if scheme not in ("rtsp", "rtsps", "rtmp", "http", "https", "udp", "tcp", "srt"):
        raise SourceError(f"unsupported camera URL scheme {scheme!r} in {mask_url(url)}")
    return url, False


def open_capture(url: str, *, open_timeout: float = 8.0, read_timeout: float = 8.0,
                 cancel: threading.Event | None = None) -> tuple[cv2.VideoCapture, bool]:
    """Open a source with OpenCV's FFmpeg backend; raise SourceError (password masked) when it fails."""
    target, is_file = resolve_source(url, cancel)
    if is_file and not os.path.exists(target):
        raise SourceError(f"no such video file: {mask_url(url)}")
    params = [cv2.CAP_PROP_OPEN_TIMEOUT_MSEC, int(open_timeout * 1000),
              cv2.CAP_PROP_READ_TIMEOUT_MSEC, int(read_timeout * 1000)]
    cap = cv2.VideoCapture(target, cv2.CAP_FFMPEG, params)
    if not cap.isOpened():
        cap.release()
        what = "video file" if is_file else "camera stream"
        raise SourceError(f"cannot open {what} {mask_url(url)}")
    return cap, is_file


class _RateMeter:
    """Frames per second over a sliding window of capture times."""

    def __init__(self, window: float = 3.0):
        self.window = window
        self.times: deque[float] = deque()

    def tick(self, now: float) -> None:
        self.times.append(now)
        while self.times and now - self.times[0] > self.window:
            self.times.popleft()

    def rate(self, now: float) -> float:
        while self.times and now - self.times[0] > self.window:
            self.times.popleft()
        if len(self.times) < 2:
            return 0.0
        span = max(now - self.times[0], self.times[-1] - self.times[0])
        return (len(self.times) - 1) / span if span > 0 else 0.0


class StreamReader:
    """Reads one source on its own thread and keeps only the newest frame.

    ``latest()`` never blocks (the GUI's paint timer), ``wait()`` blocks until a frame newer than
    the last one taken (a detection loop). ``stats()`` gives state, measured fps and counters.
    """

    def __init__(self, url: str, *, name: str | None = None, realtime: bool = True, loop: bool | None = None,
                 stall_after: float = 5.0, backoff_start: float = 0.5, backoff_max: float = 30.0,
                 open_timeout: float = 8.0, read_timeout: float = 8.0,
                 process: Callable[[np.ndarray], object] | None = None):
        self.url = url
        # Runs on the capture thread for each decoded picture, before it is published (a screen's
        # scaling and detection: one thread per camera instead of two). It must keep up with the
        # stream's frame rate; its result is the frame's ``data``.
        self.process = process
        self.name = name or mask_url(url)
        self.realtime = realtime
        self.loop = url.startswith("demo:") if loop is None else loop
        self.stall_after = stall_after
        self.backoff_start, self.backoff_max = backoff_start, backoff_max
        self.open_timeout, self.read_timeout = open_timeout, read_timeout
        self._cond = threading.Condition()
        self._slot: Frame | None = None
        self._taken_index = -1
        self._state = "connecting"
        self._error = ""
        self._frames = self._dropped = self._reconnects = 0
        self._last_wall: float | None = None
        self._meter = _RateMeter()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.native_fps = 0.0

    # -- consumer side -------------------------------------------------------------------------

    def latest(self) -> Frame | None:
        """The newest frame not yet taken, or None; never waits."""
        with self._cond:
            return self._take()

    def wait(self, timeout: float | None = None) -> Frame | None:
        """Block until a frame newer than the last one taken arrives (or the timeout, or the end)."""
        with self._cond:
            self._cond.wait_for(lambda: self._fresh() or self._stop.is_set() or self._state == "ended", timeout)
            return self._take()

    def peek(self) -> Frame | None:
        """The newest frame, taken or not (a snapshot button, a tile repaint)."""
        with self._cond:
            return self._slot

    def _fresh(self) -> bool:
        return self._slot is not None and self._slot.index != self._taken_index

    def _take(self) -> Frame | None:
        if not self._fresh():
            return None
        self._taken_index = self._slot.index
        return self._slot

    def stats(self) -> StreamStats:
        now = time.time()
        with self._cond:
            state = self._state
            if state == "online" and self._last_wall is not None and now - self._last_wall > self.stall_after:
                state = "stalled"
            return StreamStats(state, round(self._meter.rate(now), 2), self._frames, self._dropped,
                               self._reconnects, self._last_wall, self._error)

    @property
    def state(self) -> str:
        return self.stats().state

    # -- lifecycle -----------------------------------------------------------------------------

    def start(self) -> StreamReader:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name=f"capture {self.name}", daemon=True)
            self._thread.start()
        return self

    def stop(self, timeout: float | None = None) -> None:
        """Stop and wait for the thread: by default as long as one blocking open or read may take,
        so no decoder is still running inside OpenCV when the process exits."""
        if timeout is None:
            timeout = max(self.open_timeout, self.read_timeout) + 2.0
        self._stop.set()
        with self._cond:
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(timeout)

    def __enter__(self) -> StreamReader:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- producer side -------------------------------------------------------------------------

    def _set_state(self, state: str, error: str = "") -> None:
        with self._cond:
            if state != self._state:
                log.info("camera %s: %s%s", self.name, state, f" ({error})" if error else "")
            self._state = state
            if error:
                self._error = error
            self._cond.notify_all()

    def _publish(self, image: np.ndarray, index: int, t: float) -> None:
        now = time.time()
        data = self.process(image) if self.process is not None else None
        with self._cond:
            if self._fresh():
                self._dropped += 1
            self._slot = Frame(image, index, t, now, data)
            self._frames += 1
            self._last_wall = now
            self._meter.tick(now)
            if self._state != "online":
                self._state = "online"
                self._error = ""
                log.info("camera %s: online", self.name)
            self._cond.notify_all()

    def _run(self) -> None:
        delay = self.backoff_start
        index = 0
        first = True
        while not self._stop.is_set():
            try:
                cap, is_file = open_capture(self.url, open_timeout=self.open_timeout, read_timeout=self.read_timeout,
                                            cancel=self._stop)
            except SourceError as exc:
                self._set_state("offline", str(exc))
                if self._stop.wait(delay):
                    break
                delay = min(delay * 2, self.backoff_max)
                with self._cond:
                    self._reconnects += 1
                continue
            if not first:
                log.info("camera %s: reconnected", self.name)
            first = False
            try:
                ended, index, got_any = self._pump(cap, is_file, index)
            finally:
                cap.release()
            if got_any:
                delay = self.backoff_start
            if ended:
                self._set_state("ended")
                break
            if self._stop.is_set():
                break
            self._set_state("offline", f"stream of {mask_url(self.url)} broke off")
            if self._stop.wait(delay):
                break
            delay = min(delay * 2, self.backoff_max)
            with self._cond:
                self._reconnects += 1

    def _pump(self, cap: cv2.VideoCapture, is_file: bool, index: int) -> tuple[bool, int, bool]:
        """Read until the stream fails, the file ends (returns ended=True) or stop is asked."""
        fps = cap.get(cv2.CAP_PROP_FPS) or 0.0
        self.native_fps = fps if 0 < fps < 240 else 25.0
        period = 1.0 / self.native_fps
        pace = self.realtime and is_file
        t0 = time.monotonic()
        played = 0  # frames since t0, for pacing
        got_any = False
        while not self._stop.is_set():
            ok, image = cap.read()
            if not ok or image is None:
                if is_file and self.loop and got_any:
                    cap.set(cv2.CAP_PROP_POS_FRAMES, 0)
                    ok, image = cap.read()
                    if not ok:
                        return False, index, got_any
                elif is_file:
                    return True, index, got_any
                else:
                    return False, index, got_any
            got_any = True
            t = index * period if is_file else time.monotonic() - t0
            if pace:
                due = t0 + played * period
                slack = due - time.monotonic()
                if slack > 0 and self._stop.wait(slack):
                    return False, index, got_any
                played += 1
            self._publish(image, index, t)
            index += 1
        return False, index, got_any


def iter_frames(url: str, *, max_frames: int | None = None):
    """Read a file or demo clip synchronously, as fast as it decodes (``shian vision scan``).

    Yields ``Frame`` objects with ``t`` = frame index / native fps. Raises SourceError when the
    source cannot be opened or holds no decodable frame.
    """
    cap, _ = open_capture(url)
    try:
        fps = cap.get(cv2.CAP_PROP_FPS) or 0.0
        fps = fps if 0 < fps < 240 else 25.0
        index = 0
        while max_frames is None or index < max_frames:
            ok, image = cap.read()
            if not ok or image is None:
                break
            yield Frame(image, index, index / fps, time.time())
            index += 1
        if index == 0:
            raise SourceError(f"no decodable video frame in {mask_url(url)}")
    finally:
        cap.release()


def native_fps(url: str) -> float:
    cap, _ = open_capture(url)
    try:
        fps = cap.get(cv2.CAP_PROP_FPS) or 0.0
        return fps if 0 < fps < 240 else 25.0
    finally:
        cap.release()
