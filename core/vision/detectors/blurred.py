"""``blurred``: the picture keeps its light and its large shapes but loses its fine detail.

A smeared, fogged or defocused lens. Judged against the camera's learned reference of detail;
when contrast or brightness collapse too, it is a covered lens instead and this stays quiet.
"""

from __future__ import annotations

from core.vision.detectors.base import Detection, Detector, Persistence, Reference, features_of, register


@register
class Blurred(Detector):
    name = "blurred"
    kinds = ("blurred",)

    def __init__(self, thresholds=None, *, hold: float = 2.0, warmup: float = 1.5, tau: float = 60.0):
        super().__init__(thresholds)
        self.hold, self.warmup, self.tau = hold, warmup, tau
        self.reset()

    def reset(self) -> None:
        self.ref_detail = Reference(self.warmup, self.tau)
        self.ref_bright = Reference(self.warmup, self.tau)
        self.ref_contrast = Reference(self.warmup, self.tau)
        self.persist = Persistence()

    def update(self, frame, t: float) -> list[Detection]:
        if frame is None:
            return []
        f = features_of(frame)
        refs = (self.ref_detail, self.ref_bright, self.ref_contrast)
        values = (f.detail, f.brightness, f.contrast)
        if not self.ref_detail.ready:
            for r, v in zip(refs, values, strict=True):
                r.update(v, t)
            return []
        bright = self.ref_bright.ratio(f.brightness)
        contrast = self.ref_contrast.ratio(f.contrast)
        same_scene = 0.5 <= bright <= 2.0 and contrast >= 0.6
        score = min(1.0, max(0.0, 1.0 - self.ref_detail.ratio(f.detail))) if same_scene else 0.0
        threshold = self.threshold("blurred")
        suspect = score >= threshold * 0.6 or not same_scene
        for r, v in zip(refs, values, strict=True):
            r.hold(t) if suspect else r.update(v, t)
        held = self.persist.update(score >= threshold, t)
        if score >= threshold and held >= self.hold:
            return [Detection("blurred", score, None, {"held_s": round(held, 2)})]
        return []
