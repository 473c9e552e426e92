"""What a video tile shows and where it gets it: the frame-source protocol.

The wall knows nothing of cameras, databases or decoders. A ``SourceProvider`` hands it one
``FrameSource`` per camera it shows; the wall's paint timer asks each visible source for its
newest frame (``latest()`` never blocks and returns each frame once, so a slow wall drops
frames at the source instead of queueing them) and for its state and measured frame rate.

A source may prepare pictures at the size a tile shows them (``set_display_size``): scaling on
the source's own thread keeps that work off the GUI thread, which then only copies pixels.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np
from PySide6.QtCore import QMimeData

CAMERA_MIME = "application/x-shian-cameras"
STATES = ("connecting", "online", "stalled", "offline", "ended")


@dataclass(frozen=True)
class Box:
    """A detection's box in the pixels of the source picture (``TileFrame.size``)."""

    x: float
    y: float
    w: float
    h: float
    label: str = ""


@dataclass(frozen=True)
class TileFrame:
    """One picture for a tile.

    ``image``: H×W×3 (BGR, OpenCV's order) or H×W×4 (BGRA) uint8, C-contiguous, never changed
    after it is handed over. ``size``: (width, height) of the source picture the boxes refer to
    (the image may be a scaled copy). ``alarms``: current detections without a box (a covered
    lens, a lost signal), shown as a banner.
    """

    image: np.ndarray
    index: int
    size: tuple[int, int]
    boxes: tuple[Box, ...] = ()
    alarms: tuple[str, ...] = ()


@dataclass(frozen=True)
class SourceStatus:
    state: str = "connecting"  # one of STATES
    fps: float = 0.0  # frames per second arriving from the camera
    detail: str = ""  # why it is offline; never holds a password


@runtime_checkable
class FrameSource(Protocol):
    def latest(self) -> TileFrame | None:
        """The newest frame not yet taken, or None; never waits."""

    def status(self) -> SourceStatus: ...


@dataclass(frozen=True)
class CameraRef:
    """A camera as the wall and the camera tree know it: an id, a name and a tooltip text
    (business, area, the URL with its password masked: whoever builds it masks it)."""

    id: int
    name: str
    detail: str = ""

    def as_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "detail": self.detail}

    @classmethod
    def from_dict(cls, d: dict) -> CameraRef:
        return cls(int(d["id"]), str(d.get("name", "")), str(d.get("detail", "")))


class SourceProvider(Protocol):
    def acquire(self, camera: CameraRef) -> FrameSource:
        """A source for the camera; the same camera acquired twice may share one source."""

    def release(self, camera: CameraRef) -> None:
        """The wall no longer shows the camera (once per ``acquire``)."""


def cameras_mime(cameras: list[CameraRef], from_tile: int | None = None) -> QMimeData:
    """Drag data for cameras (from the camera tree, a details view or another tile)."""
    mime = QMimeData()
    payload = {"cameras": [c.as_dict() for c in cameras], "from_tile": from_tile}
    mime.setData(CAMERA_MIME, json.dumps(payload, ensure_ascii=False).encode("utf-8"))
    mime.setText("\n".join(c.name for c in cameras))
    return mime


def cameras_from_mime(mime: QMimeData) -> tuple[list[CameraRef], int | None]:
    """The cameras a drop carries and the tile it came from (None from elsewhere); bad data: none."""
    if not mime.hasFormat(CAMERA_MIME):
        return [], None
    try:
        payload = json.loads(bytes(mime.data(CAMERA_MIME).data()).decode("utf-8"))
        cams = [CameraRef.from_dict(d) for d in payload.get("cameras", [])]
        tile = payload.get("from_tile")
        return cams, int(tile) if tile is not None else None
    except (ValueError, KeyError, TypeError, AttributeError):
        return [], None
