"""Evidence attached to an alert: a JPEG snapshot with the box drawn, and a short MP4 clip.

Clips cover the seconds around the event (``pre`` before, ``post`` after). Each camera keeps a
small ring of recent frames, JPEG-compressed at a few frames per second, so sixteen cameras cost
a few megabytes, not gigabytes of raw pictures; when an alert needs a clip, the ring supplies the
seconds before and the clip is finished once the seconds after have been seen.
"""

from __future__ import annotations

import os
import tempfile
from collections import deque
from collections.abc import Iterable
from pathlib import Path

import cv2
import numpy as np

BOX_COLOUR = (0, 0, 255)  # BGR red


def write_mp4(path: str | Path, images, fps: float, size: tuple[int, int]) -> int:
    """Encode BGR frames to MP4 (MPEG-4 Part 2, the encoder every OpenCV build has); returns the count."""
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), float(fps), size)
    if not writer.isOpened():
        raise RuntimeError(f"cannot write video file {path}")
    n = 0
    try:
        for img in images:
            writer.write(img)
            n += 1
    finally:
        writer.release()
    return n


def encode_jpeg(image: np.ndarray, quality: int = 85) -> bytes:
    ok, buf = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, int(quality)])
    if not ok:
        raise ValueError("the picture could not be encoded as JPEG")
    return buf.tobytes()


def decode_jpeg(data: bytes) -> np.ndarray:
    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    if image is None:
        raise ValueError("not a JPEG picture")
    return image


def draw_boxes(image: np.ndarray, boxes: Iterable[tuple[tuple[int, int, int, int], str]]) -> np.ndarray:
    out = image.copy()
    th = max(2, image.shape[0] // 240)
    for (x, y, w, h), label in boxes:
        cv2.rectangle(out, (int(x), int(y)), (int(x + w), int(y + h)), BOX_COLOUR, th, cv2.LINE_AA)
        if label:
            scale = max(0.4, image.shape[0] / 900)
            (tw, tht), _ = cv2.getTextSize(label, cv2.FONT_HERSHEY_SIMPLEX, scale, 1)
            top = max(0, int(y) - tht - 6)
            cv2.rectangle(out, (int(x), top), (int(x) + tw + 6, top + tht + 6), BOX_COLOUR, -1)
            cv2.putText(out, label, (int(x) + 3, top + tht + 2), cv2.FONT_HERSHEY_SIMPLEX, scale, (255, 255, 255), 1,
                        cv2.LINE_AA)
    return out


def snapshot_jpeg(image: np.ndarray, boxes: Iterable[tuple[tuple[int, int, int, int], str]] = (),
                  quality: int = 85) -> bytes:
    """The frame as JPEG with each (box, label) drawn in red."""
    return encode_jpeg(draw_boxes(image, boxes), quality)


def encode_mp4(frames: Iterable[np.ndarray], fps: float) -> bytes:
    frames = list(frames)
    if not frames:
        raise ValueError("a clip needs at least one frame")
    h, w = frames[0].shape[:2]
    fd, path = tempfile.mkstemp(suffix=".mp4")
    os.close(fd)
    try:
        write_mp4(path, frames, fps, (w, h))
        with open(path, "rb") as fh:
            return fh.read()
    finally:
        os.unlink(path)


def decode_mp4(data: bytes) -> tuple[list[np.ndarray], float]:
    """The frames and frame rate of an MP4 held in memory."""
    fd, path = tempfile.mkstemp(suffix=".mp4")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        cap = cv2.VideoCapture(path, cv2.CAP_FFMPEG)
        if not cap.isOpened():
            raise ValueError("not a playable MP4 clip")
        fps = cap.get(cv2.CAP_PROP_FPS) or 5.0
        frames = []
        while True:
            ok, img = cap.read()
            if not ok:
                break
            frames.append(img)
        cap.release()
        return frames, fps
    finally:
        os.unlink(path)


class ClipRing:
    """Recent frames of one camera, and the clips requested around events.

    ``push`` returns the clips that became complete with this frame as ``(key, mp4 bytes)``.
    """

    def __init__(self, *, pre: float = 4.0, post: float = 4.0, fps: float = 5.0, width: int = 640,
                 quality: int = 80):
        self.pre, self.post, self.fps, self.width, self.quality = pre, post, fps, width, quality
        self.frames: deque[tuple[float, bytes]] = deque()
        self.pending: dict[str, float] = {}
        self._last_t: float | None = None

    def push(self, image: np.ndarray, t: float) -> list[tuple[str, bytes]]:
        if self._last_t is None or t - self._last_t >= 1.0 / self.fps - 1e-6 or t < self._last_t:
            self._last_t = t
            if image.shape[1] > self.width:
                h = int(round(image.shape[0] * self.width / image.shape[1]))
                image = cv2.resize(image, (self.width, h), interpolation=cv2.INTER_AREA)
            self.frames.append((t, encode_jpeg(image, self.quality)))
            keep = self.pre + self.post + 2.0
            while self.frames and t - self.frames[0][0] > keep:
                self.frames.popleft()
        done = []
        for key, at in list(self.pending.items()):
            if t >= at + self.post:
                del self.pending[key]
                done.append((key, self.clip(at)))
        return done

    def request(self, key: str, at: float) -> None:
        """Ask for a clip around ``at``; it comes out of ``push`` once ``post`` seconds have passed."""
        self.pending.setdefault(key, at)

    def clip(self, at: float) -> bytes:
        chosen = [decode_jpeg(j) for t, j in self.frames if at - self.pre <= t <= at + self.post]
        if not chosen:
            chosen = [decode_jpeg(self.frames[-1][1])] if self.frames else []
        return encode_mp4(chosen, self.fps)
