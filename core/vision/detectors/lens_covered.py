"""``lens_covered``: a palm, a cloth or a sticker over the lens.

The picture suddenly loses its fine detail together with its brightness or its contrast, judged
against this camera's learned reference. Detail is measured relative to brightness, so lights
switched off at closing time (darker, but as detailed) do not count as a covered lens.
"""

from __future__ import annotations

from core.vision.detectors.base import Detection, Detector, Persistence, Reference, features_of, register


def _loss(ratio: float) -> float:
    return min(1.0, max(0.0, 1.0 - ratio))


@register
class LensCovered(Detector):
    name = "lens_covered"
    kinds = ("lens_covered",)

    def __init__(self, thresholds=None, *, hold: float = 1.0, warmup: float = 1.5, tau: float = 60.0):
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
        detail_loss = _loss(self.ref_detail.ratio(f.detail))
        dark_loss = _loss(self.ref_bright.ratio(f.brightness))
        flat_loss = _loss(self.ref_contrast.ratio(f.contrast))
        score = min(detail_loss, max(dark_loss, flat_loss))
        threshold = self.threshold("lens_covered")
        suspect = score >= threshold * 0.6
        for r, v in zip(refs, values, strict=True):
            r.hold(t) if suspect else r.update(v, t)
        held = self.persist.update(score >= threshold, t)
        if score >= threshold and held >= self.hold:
            return [Detection("lens_covered", score, None,
                              {"detail_loss": round(detail_loss, 3), "dark_loss": round(dark_loss, 3),
                               "flat_loss": round(flat_loss, 3), "held_s": round(held, 2)})]
        return []
