"""``signal_lost``: the stream delivers pictures, but no camera image is in them.

Decided as three cases: snow (pixels with no correlation to their neighbours, what a decoder
shows when the signal drops), a generated blank or "NO SIGNAL" screen (one flat colour over at
least 90 % of the picture, text aside), and no frame at all for ``timeout`` seconds when the
caller reports gaps with ``update(None, t)``. A stream that cannot be opened at all is not this
detector's business: the worker raises ``camera_offline`` from the capture state.
"""

from __future__ import annotations

from core.vision.detectors.base import Detection, Detector, Persistence, features_of, register


@register
class SignalLost(Detector):
    name = "signal_lost"
    kinds = ("signal_lost",)

    def __init__(self, thresholds=None, *, hold: float = 1.0, timeout: float = 5.0, flat: float = 0.9):
        super().__init__(thresholds)
        self.hold, self.timeout, self.flat = hold, timeout, flat
        self.reset()

    def reset(self) -> None:
        self.last_frame_t: float | None = None
        self.persist = Persistence()

    def _score(self, frame, t: float) -> tuple[float, str]:
        if frame is None:
            if self.last_frame_t is not None and t - self.last_frame_t >= self.timeout:
                return 1.0, "no_frames"
            return 0.0, ""
        self.last_frame_t = t
        f = features_of(frame)
        if f.flat_fraction >= self.flat:
            return f.flat_fraction, "blank"
        if f.mean_std[1] > 12.0 and f.neighbour_correlation < 0.3:
            return min(1.0, 1.0 - f.neighbour_correlation), "snow"
        return 0.0, ""

    def update(self, frame, t: float) -> list[Detection]:
        score, why = self._score(frame, t)
        threshold = self.threshold("signal_lost")
        held = self.persist.update(score >= threshold, t)
        if score >= threshold and (held >= self.hold or why == "no_frames"):
            return [Detection("signal_lost", score, None, {"cause": why, "held_s": round(held, 2)})]
        return []
