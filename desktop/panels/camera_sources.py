"""Cameras for the video wall, as the wall's ``SourceProvider``.

The cameras are decoded, looked at by the detectors and scaled for their tiles in the picture
process (``desktop.panels.frame_server``); here each camera is a ``RemoteCamera`` that copies the
newest picture out of its shared-memory slot when the wall's paint timer asks, and reads its
state and frame rate from the same slot. One camera is opened once however many tiles show it, and
closed a few seconds after the last tile lets go (a carousel or a re-layout does not reconnect).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from desktop.panels.frame_server import FrameServer, FrameSlot, Status
from widgets.video_wall.source import Box, CameraRef, SourceStatus, TileFrame

LINGER_S = 3.0


@dataclass(frozen=True)
class CameraSpec:
    """What opening a camera needs; ``url`` may hold a password and is never shown."""

    id: int
    url: str
    name: str
    closed_hours: str = "22:00-06:00"


class RemoteCamera:
    """One camera as the wall sees it: the newest picture and the state, from its slot."""

    def __init__(self, server: FrameServer, camera_id: int, slot: FrameSlot):
        self.server, self.id, self.slot = server, camera_id, slot
        self._seq = 0
        self._index = -1
        self.taken = 0  # pictures the wall took
        self.dropped = 0  # pictures the camera made that the wall never took (it was busy)

    def latest(self) -> TileFrame | None:
        got = self.slot.read_frame(self._seq)
        if got is None:
            return None
        seq, p = got
        if self._index >= 0 and p.index > self._index + 1:
            self.dropped += p.index - self._index - 1
        self._seq, self._index = seq, p.index
        self.taken += 1
        return TileFrame(p.image, p.index, p.size, tuple(Box(*b) for b in p.boxes), p.alarms)

    def stats(self) -> Status | None:
        return self.slot.read_status()

    def status(self) -> SourceStatus:
        if not self.server.alive:
            return SourceStatus("offline", 0.0, "the picture process has stopped")
        st = self.slot.read_status()
        return SourceStatus() if st is None else SourceStatus(st.state, st.fps, st.error)

    def set_display_size(self, width: int, height: int) -> None:
        self.server.send("size", self.id, int(width), int(height))

    def full_frame(self) -> np.ndarray | None:
        """The camera's newest picture at its own resolution (snapshots)."""
        return self.server.snapshot(self.id)


class _Unknown:
    """A camera the wall was given that the database does not (yet) describe."""

    def __init__(self, why: str):
        self.why = why

    def latest(self) -> None:
        return None

    def status(self) -> SourceStatus:
        return SourceStatus("offline", 0.0, self.why)


class CameraSources:
    def __init__(self, *, detect: bool = True, kind_names: dict[str, str] | None = None, linger: float = LINGER_S):
        self.detect = detect
        self.linger = linger
        self.server = FrameServer(kind_names)
        self.specs: dict[int, CameraSpec] = {}
        self.live: dict[int, RemoteCamera] = {}
        self.holds: dict[int, int] = {}
        self._lock = threading.Lock()

    def know(self, specs: Iterable[CameraSpec]) -> None:
        for s in specs:
            self.specs[s.id] = s

    def acquire(self, camera: CameraRef):
        with self._lock:
            self.holds[camera.id] = self.holds.get(camera.id, 0) + 1
            live = self.live.get(camera.id)
            if live is not None:
                if self.server.alive:
                    return live
                live.slot.close(unlink=True)  # the picture process died: open the camera afresh
            spec = self.specs.get(camera.id)
            if spec is None or not spec.url:
                return _Unknown("no address is known for this camera")
            self.server.ensure()
            slot = FrameSlot(create=True)
            self.server.send("open", spec.id, spec.url, spec.name, spec.closed_hours, self.detect, slot.name, None)
            live = self.live[camera.id] = RemoteCamera(self.server, spec.id, slot)
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
            self.server.send("close", camera_id)
            live.slot.close(unlink=True)

    def open_count(self) -> int:
        with self._lock:
            return len(self.live)

    def close(self) -> None:
        """Stop the picture process and free every slot."""
        with self._lock:
            lives, self.live = list(self.live.values()), {}
            self.holds.clear()
        self.server.stop()
        for lv in lives:
            lv.slot.close(unlink=True)
