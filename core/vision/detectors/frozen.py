"""``frozen``: frames keep arriving but the picture does not change at all.

A hung encoder repeats its last picture, time stamp included. A live camera shows signs of
life: a clock on screen ticks, something moves (a few pixels change by more than ``big`` grey
levels), or sensor noise keeps many pixels flickering by a few levels (the median share of
pixels changed by more than ``level`` over the last second stays above ``max_changed``; the
median lets the codec's periodic key-frame refresh of a repeated picture, a one-frame ripple of
small changes, pass, and so does the drift of a codec re-encoding a repeated noisy picture, up to
half a percent of the pixels). Frozen means no such sign for ``hold`` seconds; the score grows with how
long (0.5 after ``hold``), so raising the threshold means waiting longer before alerting. Blank
screens are left to ``signal_lost``. A live camera with no clock on screen, watching a scene where
nothing moves, through a codec that smooths away all noise, is indistinguishable from a frozen one;
the clock that nearly every CCTV camera draws is what keeps such a scene live.
"""

from __future__ import annotations

from collections import deque

import cv2
import numpy as np

from core.vision.detectors.base import Detection, Detector, features_of, register


@register
class Frozen(Detector):
    name = "frozen"
    kinds = ("frozen",)

    def __init__(self, thresholds=None, *, hold: float = 3.0, level: int = 2, max_changed: float = 0.005,
                 big: int = 24, big_pixels: int = 6, window: float = 1.0):
        super().__init__(thresholds)
        self.hold, self.level, self.max_changed, self.window = hold, level, max_changed, window
        self.big, self.big_pixels = big, big_pixels
        self.reset()

    def reset(self) -> None:
        self.prev = None
        self.changes: deque[tuple[float, float]] = deque()
        self.alive_t: float | None = None

    def update(self, frame, t: float) -> list[Detection]:
        if frame is None:
            return []
        f = features_of(frame)
        gray = f.gray
        alive = True
        if self.prev is not None and self.prev.shape == gray.shape:
            diff = cv2.absdiff(gray, self.prev)
            moved = cv2.countNonZero(cv2.compare(diff, self.level, cv2.CMP_GT)) / gray.size
            jumped = cv2.countNonZero(cv2.compare(diff, self.big, cv2.CMP_GT))
            self.changes.append((t, moved))
            while self.changes and t - self.changes[0][0] > self.window:
                self.changes.popleft()
            flicker = len(self.changes) < 3 or float(np.median([c for _, c in self.changes])) > self.max_changed
            alive = jumped >= self.big_pixels or flicker or f.flat_fraction >= 0.9
        self.prev = gray
        if alive or self.alive_t is None:
            self.alive_t = t
            return []
        held = t - self.alive_t
        score = min(1.0, held / (2.0 * self.hold))
        if score >= self.threshold("frozen"):
            return [Detection("frozen", score, None, {"held_s": round(held, 2)})]
        return []
