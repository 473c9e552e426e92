"""Cameras for the video wall: the real capture path (``StreamReader``) plus the detectors, with the
picture prepared at the size its tile shows it, all off the GUI thread.

Each ``LiveCamera`` is a reader whose capture thread, right after decoding a frame, runs the
camera's detectors on it (so the tile can box what they see), scales it to the tile and converts
it to the layout Qt paints fastest; the result waits in the reader's one-frame slot for the wall's
paint timer, and a frame the wall has not taken when the next is ready is replaced and counted as
dropped. One thread per camera: fewer threads queueing for the interpreter leave the GUI thread
its turn. ``CameraSources`` is the wall's ``SourceProvider``: one ``LiveCamera`` per camera
however many tiles show it, stopped shortly after the last tile lets go (on a thread, as closing
a stream may wait for the network).
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, replace

import cv2
import numpy as np

from core.vision.capture import StreamReader
from core.vision.detectors import Pipeline
from core.vision.detectors.after_hours_motion import parse_closed_hours
from core.vision.urls import mask_url
from widgets.video_wall.source import Box, CameraRef, SourceStatus, TileFrame

LINGER_S = 3.0  # a stream let go is kept this long, so a carousel or a re-layout does not reconnect
DETECT_FPS = 8.0  # looks per second for the tile's boxes: the detectors judge over seconds, not frames
CAPTURE_NICE = 10  # capture threads give way to the GUI thread when the cores are busy


def yield_to_gui() -> None:
    """Lower this thread's scheduling priority (Linux: threads are tasks with their own nice
    value). When the machine is short of CPU, frames are decoded late and dropped instead of the
    paint timer waiting; where the system does not allow it, nothing changes."""
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), CAPTURE_NICE)


@dataclass(frozen=True)
class CameraSpec:
    """What opening a camera needs; ``url`` may hold a password and is never shown."""

    id: int
    url: str
    name: str
    closed_hours: str = "22:00-06:00"


def fit_size(src: tuple[int, int], box: tuple[int, int]) -> tuple[int, int]:
    """The largest size of the source's aspect ratio inside ``box`` (as the tile centres it)."""
    w, h = src
    scale = min(box[0] / w, box[1] / h)
    return max(1, int(w * scale)), max(1, int(h * scale))


class LiveCamera:
    """One camera on screen: capture, detection and a picture ready to paint."""

    def __init__(self, spec: CameraSpec, *, detect: bool = True, kind_names: dict[str, str] | None = None,
                 thresholds: dict[str, float] | None = None):
        self.spec = spec
        closed = None
        if detect:
            try:
                closed = parse_closed_hours(spec.closed_hours)
            except ValueError:
                closed = None
        self.pipeline = Pipeline.build(closed_hours=closed, thresholds=thresholds) if detect else None
        self.kind_names = kind_names or {}
        self._display: tuple[int, int] | None = None
        self._full: np.ndarray | None = None
        self._seen = 0
        self.looks = 0  # frames the detectors looked at
        self.detect_cpu_s = 0.0  # processor time they took (their wall time waits for a core when it is busy)
        self._found: list = []  # the latest detections, shown until the next look
        self._yielding = False
        self.reader = StreamReader(spec.url, name=spec.name or mask_url(spec.url), realtime=True, stall_after=5.0,
                                   process=self._process)

    def start(self) -> LiveCamera:
        self.reader.start()
        return self

    # --- the wall's side --------------------------------------------------------------------------

    def latest(self) -> TileFrame | None:
        frame = self.reader.latest()
        if frame is None:
            return None
        self._full = frame.image
        return replace(frame.data, index=frame.index)

    def status(self) -> SourceStatus:
        st = self.reader.stats()
        return SourceStatus(st.state, st.fps, st.error)

    def set_display_size(self, width: int, height: int) -> None:
        self._display = (int(width), int(height))

    def full_frame(self) -> np.ndarray | None:
        """The picture last shown, at the camera's resolution (snapshots)."""
        return self._full

    @property
    def dropped(self) -> int:
        return self.reader.stats().dropped

    @property
    def detect_ms_per_frame(self) -> float:
        """Processor milliseconds the detectors spent per frame they looked at."""
        return 1000.0 * self.detect_cpu_s / self.looks if self.looks else 0.0

    # --- the capture thread -----------------------------------------------------------------------

    def _label(self, kind: str, score: float) -> str:
        return f"{self.kind_names.get(kind, kind)} {score:.2f}"

    def _process(self, image: np.ndarray) -> TileFrame:
        if not self._yielding:
            self._yielding = True
            yield_to_gui()
        self._seen += 1
        every = max(1, int(round(self.reader.native_fps / DETECT_FPS)))
        if self.pipeline is not None and self._seen % every == 0:
            cpu = time.thread_time()
            self._found = self.pipeline.update(image, time.time())
            self.detect_cpu_s += time.thread_time() - cpu
            self.looks += 1
        found = self._found
        boxes = tuple(Box(*d.box, self._label(d.kind, d.score)) for d in found if d.box is not None)
        alarms = tuple(dict.fromkeys(self._label(d.kind, d.score) for d in found if d.box is None))
        h, w = image.shape[:2]
        shown = image
        if self._display is not None:
            tw, th = fit_size((w, h), self._display)
            if (tw, th) != (w, h):
                shown = cv2.resize(image, (tw, th), interpolation=cv2.INTER_LINEAR)
        shown = cv2.cvtColor(shown, cv2.COLOR_BGR2BGRA)  # Qt's RGB32: copied to the screen as is
        return TileFrame(shown, -1, (w, h), boxes, alarms)

    def stop(self) -> None:
        self.reader.stop()


class _Unknown:
    """A camera the wall was given that the database does not (yet) describe."""

    def __init__(self, why: str):
        self.why = why

    def latest(self) -> None:
        return None

    def status(self) -> SourceStatus:
        return SourceStatus("offline", 0.0, self.why)


class CameraSources:
    """The wall's ``SourceProvider`` over the database's cameras."""

    def __init__(self, *, detect: bool = True, kind_names: dict[str, str] | None = None, linger: float = LINGER_S):
        self.detect = detect
        self.kind_names = dict(kind_names or {})
        self.linger = linger
        self.specs: dict[int, CameraSpec] = {}
        self.thresholds: dict[int, dict[str, float]] = {}
        self.live: dict[int, LiveCamera] = {}
        self.holds: dict[int, int] = {}
        self._lock = threading.Lock()
        self._closed = False

    def know(self, specs: Iterable[CameraSpec]) -> None:
        for s in specs:
            self.specs[s.id] = s

    def acquire(self, camera: CameraRef):
        with self._lock:
            self.holds[camera.id] = self.holds.get(camera.id, 0) + 1
            live = self.live.get(camera.id)
            if live is not None:
                return live
            spec = self.specs.get(camera.id)
            if spec is None or not spec.url:
                return _Unknown("no address is known for this camera")
            live = LiveCamera(spec, detect=self.detect, kind_names=self.kind_names,
                              thresholds=self.thresholds.get(camera.id)).start()
            self.live[camera.id] = live
            return live

    def release(self, camera: CameraRef) -> None:
        with self._lock:
            n = self.holds.get(camera.id, 0) - 1
            if n > 0:
                self.holds[camera.id] = n
                return
            self.holds.pop(camera.id, None)
        if camera.id in self.live:
            timer = threading.Timer(self.linger, self._close_if_unused, (camera.id,))
            timer.daemon = True
            timer.start()

    def _close_if_unused(self, camera_id: int) -> None:
        with self._lock:
            if self.holds.get(camera_id):
                return
            live = self.live.pop(camera_id, None)
        if live is not None:
            live.stop()

    def open_count(self) -> int:
        with self._lock:
            return len(self.live)

    def close(self) -> None:
        """Stop every stream (on threads of their own, then wait for them)."""
        with self._lock:
            lives, self.live = list(self.live.values()), {}
            self.holds.clear()
        stoppers = [threading.Thread(target=lv.stop, daemon=True) for lv in lives]
        for t in stoppers:
            t.start()
        for t in stoppers:
            t.join(12.0)
