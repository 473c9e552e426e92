"""Synthetic cameras for the standalone wall and its tests: moving pictures drawn with numpy on a
thread per camera, through the same one-frame slot a real source has (frames the wall does not
take are replaced and counted), and scriptable states (a camera that goes offline, one that stalls)."""

from __future__ import annotations

import threading
import time

import numpy as np

from widgets.video_wall.source import Box, CameraRef, SourceStatus, TileFrame


class SyntheticSource:
    """A bar sweeping over a gradient at ``fps``, with a box around the bar."""

    def __init__(self, seed: int, *, fps: float = 15.0, size: tuple[int, int] = (640, 360), state: str = "online"):
        self.fps, self.size = fps, size
        self.forced_state = state  # "online", "offline" (no frames), "stalled" (one frame, then none)
        self.rng = np.random.default_rng(seed)
        w, h = size
        base = np.linspace(40, 200, w, dtype=np.float32)[None, :, None] * np.ones((h, 1, 3), np.float32)
        tint = self.rng.uniform(0.6, 1.0, 3).astype(np.float32)
        self.background = np.clip(base * tint, 0, 255).astype(np.uint8)
        self._lock = threading.Lock()
        self._slot: TileFrame | None = None
        self._fresh = False
        self.frames = self.dropped = 0
        self._times: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name=f"synthetic camera {seed}")
        self._thread.start()

    def _run(self) -> None:
        period = 1.0 / self.fps
        i = 0
        next_at = time.monotonic()
        while not self._stop.is_set():
            if self.forced_state == "offline" or (self.forced_state == "stalled" and i > 0):
                self._stop.wait(0.05)
                continue
            w, h = self.size
            img = self.background.copy()
            x = int((i * 7) % w)
            img[:, max(0, x - 10):x + 10] = (0, 220, 255)
            frame = TileFrame(img, i, self.size, boxes=(Box(max(0, x - 14), h * 0.3, 28, h * 0.4, "bar"),))
            with self._lock:
                if self._fresh:
                    self.dropped += 1
                self._slot, self._fresh = frame, True
                self.frames += 1
                now = time.monotonic()
                self._times = [t for t in self._times if now - t < 3.0] + [now]
            i += 1
            next_at += period
            self._stop.wait(max(0.0, next_at - time.monotonic()))

    def latest(self) -> TileFrame | None:
        with self._lock:
            if not self._fresh:
                return None
            self._fresh = False
            return self._slot

    def status(self) -> SourceStatus:
        with self._lock:
            times = list(self._times)
        if self.forced_state == "offline":
            return SourceStatus("offline", 0.0, "no route to camera")
        if self.forced_state == "stalled":
            return SourceStatus("stalled", 0.0)
        fps = (len(times) - 1) / (times[-1] - times[0]) if len(times) > 1 and times[-1] > times[0] else 0.0
        return SourceStatus("online", round(fps, 1))

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)


class SyntheticProvider:
    """Hands out one ``SyntheticSource`` per camera id and counts what is held."""

    def __init__(self, fps: float = 15.0, size: tuple[int, int] = (640, 360), states: dict[int, str] | None = None):
        self.fps, self.size, self.states = fps, size, states or {}
        self.sources: dict[int, SyntheticSource] = {}
        self.holds: dict[int, int] = {}

    def acquire(self, camera: CameraRef) -> SyntheticSource:
        self.holds[camera.id] = self.holds.get(camera.id, 0) + 1
        src = self.sources.get(camera.id)
        if src is None:
            src = SyntheticSource(camera.id, fps=self.fps, size=self.size, state=self.states.get(camera.id, "online"))
            self.sources[camera.id] = src
        return src

    def release(self, camera: CameraRef) -> None:
        n = self.holds.get(camera.id, 0) - 1
        if n > 0:
            self.holds[camera.id] = n
            return
        self.holds.pop(camera.id, None)
        src = self.sources.pop(camera.id, None)
        if src is not None:
            src.close()

    def close(self) -> None:
        for src in self.sources.values():
            src.close()
        self.sources.clear()
        self.holds.clear()


def sample_cameras(n: int) -> list[CameraRef]:
    return [CameraRef(i + 1, f"样例后厨 {i + 1:02d} (synthetic)", "synthetic sample camera") for i in range(n)]
