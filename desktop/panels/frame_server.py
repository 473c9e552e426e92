"""The wall's cameras decoded in a process of their own, their pictures handed over in shared memory.

Sixteen streams decoded, detected and scaled at 15 fps keep a Python process's threads queueing
for its interpreter lock; the GUI thread would queue with them and the wall would stutter. So the
desktop starts one picture process (``serve``, at a lower scheduling priority than the desktop) that
runs a ``LiveCamera`` per camera on the wall: the real capture path (``StreamReader``), the
camera's detectors about five times a second, and the picture scaled to its tile and converted
to the layout Qt paints as is (BGRA, Qt's RGB32). Each camera writes its newest picture into a
``FrameSlot`` (one shared-memory block: a frame area guarded by a sequence number, and a status
area with state, frame rate and counters); the wall's paint timer copies out the newest frame when
the sequence number has moved, so a picture the wall did not take is simply overwritten, never
queued. Commands (open, resize, close, snapshot) go over a pipe.

Nothing here imports Qt: the picture process must start fast and lean.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import struct
import sys
import threading
import time
from dataclasses import dataclass
from multiprocessing import shared_memory

import cv2
import numpy as np

DETECT_FPS = 5.0  # looks per second for the tile's boxes: the detectors judge over seconds, not frames
SERVER_NICE = 10  # the picture process gives way to the GUI when the cores are busy
CAPACITY = 1920 * 1080 * 4  # the largest picture a slot holds (only the pages written are used)
STATUS_EVERY_S = 0.25
STATES = ("connecting", "online", "stalled", "offline", "ended")

# frame area: seq, width, height, source width, source height, frame index, meta length; then meta, pixels
_FRAME = struct.Struct("<QIIIIQI")
_META = 8192
# status area: seq, state, fps, frames decoded, looks, detector cpu seconds, error length; then error
_STATUS = struct.Struct("<QIdQQdI")
_ERROR = 512
_STATUS_AT = 0
_FRAME_AT = 1024
_PIXELS_AT = _FRAME_AT + _FRAME.size + _META


def fit_size(src: tuple[int, int], box: tuple[int, int]) -> tuple[int, int]:
    """The largest size of the source's aspect ratio inside ``box`` (as the tile centres it)."""
    w, h = src
    scale = min(box[0] / w, box[1] / h)
    return max(1, int(w * scale)), max(1, int(h * scale))


@dataclass(frozen=True)
class Picture:
    image: np.ndarray  # H×W×4 BGRA
    index: int
    size: tuple[int, int]  # the camera's resolution, which the boxes refer to
    boxes: tuple[tuple[float, float, float, float, str], ...]  # x, y, w, h, label
    alarms: tuple[str, ...]


@dataclass(frozen=True)
class Status:
    state: str
    fps: float
    frames: int
    looks: int
    detect_cpu_s: float
    error: str


class FrameSlot:
    """One camera's shared-memory block. The writer (picture process) and the reader (the wall)
    never wait for each other: a sequence number that is odd while a write is under way, and
    read again after copying, tells the reader whether what it copied is whole."""

    def __init__(self, name: str | None = None, create: bool = False):
        size = _PIXELS_AT + CAPACITY
        # The picture process shares the desktop's resource tracker, so a block the desktop did not
        # get to remove (a crash) is removed when the last of them exits.
        self.shm = shared_memory.SharedMemory(name=name, create=create, size=size if create else 0)
        self.buf = self.shm.buf
        if create:
            self.buf[:_PIXELS_AT] = bytes(_PIXELS_AT)
        self._frame_seq = 0
        self._status_seq = 0
        self._status_lock = threading.Lock()  # the capture thread and the process's main loop both report

    @property
    def name(self) -> str:
        return self.shm.name

    # --- writer -----------------------------------------------------------------------------------

    def write_frame(self, p: Picture) -> None:
        h, w = p.image.shape[:2]
        meta = json.dumps({"boxes": p.boxes, "alarms": p.alarms}, ensure_ascii=False).encode("utf-8")[:_META]
        seq = self._frame_seq + 1
        struct.pack_into("<Q", self.buf, _FRAME_AT, seq)  # odd: being written
        np.frombuffer(self.buf, np.uint8, w * h * 4, _PIXELS_AT)[:] = p.image.reshape(-1)
        self.buf[_FRAME_AT + _FRAME.size:_FRAME_AT + _FRAME.size + len(meta)] = meta
        _FRAME.pack_into(self.buf, _FRAME_AT, seq + 1, w, h, p.size[0], p.size[1], p.index, len(meta))
        self._frame_seq = seq + 1

    def write_status(self, s: Status) -> None:
        err = s.error.encode("utf-8")[:_ERROR]
        with self._status_lock:
            if self.buf is None:
                return
            seq = self._status_seq + 1
            struct.pack_into("<Q", self.buf, _STATUS_AT, seq)
            self.buf[_STATUS_AT + _STATUS.size:_STATUS_AT + _STATUS.size + len(err)] = err
            _STATUS.pack_into(self.buf, _STATUS_AT, seq + 1, STATES.index(s.state) if s.state in STATES else 0, s.fps,
                              s.frames, s.looks, s.detect_cpu_s, len(err))
            self._status_seq = seq + 1

    # --- reader -----------------------------------------------------------------------------------

    def frame_seq(self) -> int:
        return struct.unpack_from("<Q", self.buf, _FRAME_AT)[0]

    def read_frame(self, after: int) -> tuple[int, Picture] | None:
        """The newest whole picture if it is newer than ``after`` (a sequence number), else None."""
        seq, w, h, sw, sh, index, mlen = _FRAME.unpack_from(self.buf, _FRAME_AT)
        if seq == after or seq % 2 or w == 0:
            return None
        image = np.frombuffer(self.buf, np.uint8, w * h * 4, _PIXELS_AT).copy().reshape(h, w, 4)
        meta = bytes(self.buf[_FRAME_AT + _FRAME.size:_FRAME_AT + _FRAME.size + mlen])
        if struct.unpack_from("<Q", self.buf, _FRAME_AT)[0] != seq:
            return None  # overwritten while copied: the next tick takes the newer one
        try:
            m = json.loads(meta)
        except ValueError:
            return None
        boxes = tuple(tuple(b) for b in m.get("boxes", ()))
        return seq, Picture(image, index, (sw, sh), boxes, tuple(m.get("alarms", ())))

    def read_status(self) -> Status | None:
        for _ in range(3):
            seq, state, fps, frames, looks, cpu, elen = _STATUS.unpack_from(self.buf, _STATUS_AT)
            if seq == 0:
                return None
            err = bytes(self.buf[_STATUS_AT + _STATUS.size:_STATUS_AT + _STATUS.size + elen])
            if seq % 2 == 0 and struct.unpack_from("<Q", self.buf, _STATUS_AT)[0] == seq:
                return Status(STATES[state], fps, frames, looks, cpu, err.decode("utf-8", "replace"))
        return None

    def close(self, unlink: bool = False) -> None:
        with self._status_lock:
            self.buf = None
        with contextlib.suppress(BufferError):
            self.shm.close()
        if unlink:
            with contextlib.suppress(FileNotFoundError):
                self.shm.unlink()


# --- the picture process ----------------------------------------------------------------------------

class LiveCamera:
    """One camera on the wall, in the picture process: capture, detection and a picture ready to
    paint, written into its slot by the capture thread right after decoding."""

    def __init__(self, url: str, name: str, slot: FrameSlot, *, detect: bool = True,
                 closed_hours: str = "22:00-06:00", kind_names: dict[str, str] | None = None):
        from core.vision.capture import StreamReader
        from core.vision.detectors import Pipeline
        from core.vision.detectors.after_hours_motion import parse_closed_hours

        closed = None
        if detect:
            with contextlib.suppress(ValueError):
                closed = parse_closed_hours(closed_hours)
        self.pipeline = Pipeline.build(closed_hours=closed) if detect else None
        self.slot = slot
        self.kind_names = kind_names or {}
        self.display: tuple[int, int] | None = None
        self.full: np.ndarray | None = None
        self._seen = 0
        self._found: list = []  # the latest detections, shown until the next look
        self.looks = 0
        self.detect_cpu_s = 0.0
        self._status_at = 0.0
        self.reader = StreamReader(url, name=name, realtime=True, stall_after=5.0, process=self._process)

    def _label(self, kind: str, score: float) -> str:
        return f"{self.kind_names.get(kind, kind)} {score:.2f}"

    def _process(self, image: np.ndarray) -> None:
        self._seen += 1
        every = max(1, int(round(self.reader.native_fps / DETECT_FPS)))
        if self.pipeline is not None and self._seen % every == 0:
            cpu = time.thread_time()
            self._found = self.pipeline.update(image, time.time())
            self.detect_cpu_s += time.thread_time() - cpu
            self.looks += 1
        found = self._found
        h, w = image.shape[:2]
        box = self.display or (w, h)
        tw, th = fit_size((w, h), (min(box[0], w), min(box[1], h)))  # never larger than the camera's picture
        while tw * th * 4 > CAPACITY:
            tw, th = tw // 2, th // 2
        shown = cv2.resize(image, (tw, th), interpolation=cv2.INTER_LINEAR) if (tw, th) != (w, h) else image
        self.full = image
        now = time.monotonic()
        if now - self._status_at >= STATUS_EVERY_S:  # with the picture, so its state is never behind it
            self._status_at = now
            self.publish_status(picture=True)
        self.slot.write_frame(Picture(cv2.cvtColor(shown, cv2.COLOR_BGR2BGRA), self._seen, (w, h),
                                      tuple((*d.box, self._label(d.kind, d.score)) for d in found if d.box),
                                      tuple(dict.fromkeys(self._label(d.kind, d.score) for d in found
                                                          if d.box is None))))

    def publish_status(self, picture: bool = False) -> None:
        """Report state, frame rate and counters; with a picture in hand the camera is online (the
        reader says so only once the picture is published)."""
        st = self.reader.stats()
        state, error = ("online", "") if picture else (st.state, st.error)
        self.slot.write_status(Status(state, st.fps, st.frames, self.looks, self.detect_cpu_s, error))


def _die_with_parent() -> None:
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        with contextlib.suppress(Exception):
            ctypes.CDLL(None).prctl(1, int(signal.SIGTERM))  # PR_SET_PDEATHSIG


def serve(conn, kind_names: dict[str, str], nice: int = SERVER_NICE) -> None:
    """The picture process: obey the pipe's commands until "stop" (or the pipe closes)."""
    _die_with_parent()
    with contextlib.suppress(OSError, AttributeError):
        os.nice(nice)
    os.environ.setdefault("OPENCV_FFMPEG_LOGLEVEL", "-8")
    cams: dict[int, LiveCamera] = {}
    slots: dict[int, FrameSlot] = {}
    try:
        while True:
            if conn.poll(0.25):
                try:
                    cmd = conn.recv()
                except (EOFError, OSError):
                    break
                op = cmd[0]
                if op == "stop":
                    break
                if op == "open":
                    _, cam_id, url, name, closed, detect, slot_name, display = cmd
                    slot = FrameSlot(slot_name)
                    cam = LiveCamera(url, name, slot, detect=detect, closed_hours=closed, kind_names=kind_names)
                    cam.display = display
                    cams[cam_id], slots[cam_id] = cam, slot
                    cam.reader.start()
                elif op == "size" and cmd[1] in cams:
                    cams[cmd[1]].display = (int(cmd[2]), int(cmd[3]))
                elif op == "close" and cmd[1] in cams:
                    cam = cams.pop(cmd[1])
                    threading.Thread(target=_stop, args=(cam, slots.pop(cmd[1])), daemon=True).start()
                elif op == "snapshot":
                    cam = cams.get(cmd[1])
                    conn.send(("snapshot", cmd[1], None if cam is None else cam.full))
            for cam in cams.values():
                cam.publish_status()
    finally:
        for cam in cams.values():
            cam.reader.stop()
        for slot in slots.values():
            slot.close()


def _stop(cam: LiveCamera, slot: FrameSlot) -> None:
    cam.reader.stop()
    slot.close()


class FrameServer:
    """The desktop's handle on the picture process: started on first use, one pipe for commands."""

    def __init__(self, kind_names: dict[str, str] | None = None):
        self.kind_names = dict(kind_names or {})
        self.process = None
        self.conn = None
        self._lock = threading.Lock()

    def ensure(self) -> None:
        if self.process is not None and self.process.is_alive():
            return
        ctx = multiprocessing.get_context("spawn")
        parent, child = ctx.Pipe()
        self.process = ctx.Process(target=serve, args=(child, self.kind_names), name="shian-wall-pictures",
                                   daemon=True)
        self.process.start()
        child.close()
        self.conn = parent

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.is_alive()

    def send(self, *cmd) -> None:
        with self._lock:
            if self.conn is not None:
                with contextlib.suppress(OSError, BrokenPipeError):
                    self.conn.send(cmd)

    def snapshot(self, cam_id: int, timeout: float = 3.0) -> np.ndarray | None:
        """The camera's newest full-resolution picture (for a snapshot)."""
        with self._lock:
            if self.conn is None:
                return None
            try:
                self.conn.send(("snapshot", cam_id))
                deadline = time.monotonic() + timeout
                while time.monotonic() < deadline and self.conn.poll(max(0.0, deadline - time.monotonic())):
                    reply = self.conn.recv()
                    if reply[0] == "snapshot" and reply[1] == cam_id:
                        return reply[2]
            except (OSError, EOFError):
                return None
        return None

    def stop(self, timeout: float = 15.0) -> None:
        if self.process is None:
            return
        self.send("stop")
        self.process.join(timeout)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(2)
        if self.conn is not None:
            self.conn.close()
        self.process, self.conn = None, None
