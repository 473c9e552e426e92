"""``after_hours_motion``: something moves in the kitchen while it is closed (a rodent, an intruder).

Background subtraction (OpenCV's MOG2) runs all the time on a small grey picture (at most
``max_rate`` times a second: a rodent crossing a counter takes seconds), so the model of the
empty kitchen is ready at closing time; moving blobs are reported only inside the
camera's closed hours. A blob must persist over several frames (the score is the share of the
last frames with motion) and a change of most of the picture at once (lights switched off, the
camera's day/night switch) is taken as a lighting change, not motion.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from datetime import datetime, time
from zoneinfo import ZoneInfo

import cv2
import numpy as np

from core.vision.detectors.base import Detection, Detector, features_of, register

LOCAL_TZ = ZoneInfo("Asia/Shanghai")


def parse_closed_hours(text: str) -> tuple[time, time]:
    """``"22:00-06:00"`` → (22:00, 06:00); equal ends mean closed all day. Bad text raises ValueError."""
    try:
        a, b = (part.strip() for part in text.split("-"))
        return time.fromisoformat(a), time.fromisoformat(b)
    except (ValueError, AttributeError):
        raise ValueError(f"closed hours must look like HH:MM-HH:MM, not {text!r}") from None


def is_closed(now: time, closed: tuple[time, time]) -> bool:
    start, end = closed
    if start == end:
        return True
    if start < end:
        return start <= now < end
    return now >= start or now < end  # over midnight


def wall_clock(t: float) -> time:
    """Local time (Asia/Shanghai) of a ``time.time()`` stamp: how the worker's stream times read."""
    return datetime.fromtimestamp(t, LOCAL_TZ).time()


@register
class AfterHoursMotion(Detector):
    name = "after_hours_motion"
    kinds = ("after_hours_motion",)

    def __init__(self, thresholds=None, *, closed_hours: tuple[time, time] | str | None = None,
                 clock: Callable[[float], time] = wall_clock, min_area: float = 0.0004,
                 window: int = 5, max_boxes: int = 5, global_change: float = 0.35, max_rate: float = 8.0):
        super().__init__(thresholds)
        if isinstance(closed_hours, str):
            closed_hours = parse_closed_hours(closed_hours)
        self.closed_hours = closed_hours
        self.clock = clock
        self.min_area, self.window, self.max_boxes, self.global_change = min_area, window, max_boxes, global_change
        self.min_period = 1.0 / max_rate if max_rate > 0 else 0.0
        self._kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (3, 3))
        self.reset()

    def reset(self) -> None:
        self.model = cv2.createBackgroundSubtractorMOG2(history=300, varThreshold=25, detectShadows=False)
        self.recent: deque[bool] = deque(maxlen=self.window)
        self.frames = 0
        self.last_t: float | None = None
        self.last_found: list[Detection] = []

    def active(self, t: float) -> bool:
        return self.closed_hours is not None and is_closed(self.clock(t), self.closed_hours)

    def _blobs(self, gray: np.ndarray) -> tuple[list[tuple[int, int, int, int]], float]:
        rate = -1 if self.frames > 30 else 0.2  # learn the empty scene fast at start
        mask = self.model.apply(gray, learningRate=rate)
        self.frames += 1
        moving = cv2.countNonZero(mask) / mask.size
        if moving > self.global_change:
            self.model.apply(gray, learningRate=0.5)  # lighting change: relearn, report nothing
            return [], moving
        mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, self._kernel)
        mask = cv2.dilate(mask, self._kernel, iterations=2)
        contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        min_px = self.min_area * mask.size
        boxes = [cv2.boundingRect(c) for c in contours if cv2.contourArea(c) >= min_px]
        boxes.sort(key=lambda b: b[2] * b[3], reverse=True)
        return boxes[: self.max_boxes], moving

    def update(self, frame, t: float) -> list[Detection]:
        if frame is None:
            return []
        if self.last_t is not None and 0 <= t - self.last_t < self.min_period:
            return list(self.last_found) if self.active(t) else []
        self.last_t = t
        f = features_of(frame)
        boxes, moving = self._blobs(f.tiny)
        self.recent.append(bool(boxes))
        self.last_found = []
        if not self.active(t) or self.frames <= 5:
            return []
        score = sum(self.recent) / self.window
        if not boxes or score < self.threshold("after_hours_motion"):
            return []
        k = f.tiny_scale
        self.last_found = [
            Detection("after_hours_motion", score,
                      (int(x * k), int(y * k), max(1, int(w * k)), max(1, int(h * k))),
                      {"moving_fraction": round(moving, 4)})
            for x, y, w, h in boxes]
        return list(self.last_found)
