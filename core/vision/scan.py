"""Scanning a video file as fast as it decodes: what ``shian vision scan`` prints.

Stream time ``t`` is the frame's position in the file. For ``after_hours_motion`` the file needs
a clock: ``start`` is the local time of day at its first frame (default: now), so a recording
made at night can be checked against the camera's closed hours.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from core.vision.capture import iter_frames
from core.vision.detectors import Pipeline
from core.vision.detectors.after_hours_motion import LOCAL_TZ


@dataclass
class ScanResult:
    frames: int = 0
    detections: int = 0
    ms_per_frame: float = 0.0


def file_clock(start: time | None) -> Callable[[float], time]:
    """Stream seconds → local time of day, starting at ``start``."""
    origin = datetime.combine(datetime.now(LOCAL_TZ).date(), start or datetime.now(LOCAL_TZ).time())
    return lambda t: (origin + timedelta(seconds=t)).time()


def scan(url: str, *, detectors: Iterable[str] | None = None, closed_hours=None, start: time | None = None,
         models: Iterable = (), thresholds: dict[str, float] | None = None,
         result: ScanResult | None = None) -> Iterator[dict]:
    """Yield ``{"t", "frame", "kind", "score", "box"}`` for every detection in the file, in order."""
    pipe = Pipeline.build(detectors, closed_hours=closed_hours, clock=file_clock(start), models=models,
                          thresholds=thresholds)
    result = result if result is not None else ScanResult()
    for frame in iter_frames(url):
        found = pipe.update(frame.image, frame.t)
        result.frames += 1
        result.ms_per_frame = pipe.ms_per_frame
        for d in found:
            result.detections += 1
            yield {"t": round(frame.t, 3), "frame": frame.index, **d.as_dict()}
