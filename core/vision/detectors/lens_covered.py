"""``lens_covered``: a palm, a cloth or a sticker over the lens.

The picture suddenly loses its fine detail together with its brightness or its contrast, judged
against this camera's learned reference. Detail is measured relative to brightness, so lights
switched off at closing time (darker, but as detailed) do not count as a covered lens.
"""

from __future__ import annotations

from core.vision.detectors.base import Features, PictureChangeDetector, register


def _loss(ratio: float) -> float:
    return min(1.0, max(0.0, 1.0 - ratio))


@register
class LensCovered(PictureChangeDetector):
    name = "lens_covered"
    kinds = ("lens_covered",)
    default_hold = 1.0

    def judge(self, f: Features) -> tuple[float, bool, dict]:
        detail_loss = _loss(self.ref_detail.ratio(f.detail))
        dark_loss = _loss(self.ref_bright.ratio(f.brightness))
        flat_loss = _loss(self.ref_contrast.ratio(f.contrast))
        score = min(detail_loss, max(dark_loss, flat_loss))
        detail = {"detail_loss": round(detail_loss, 3), "dark_loss": round(dark_loss, 3), "flat_loss": round(flat_loss, 3)}
        return score, score >= self.threshold("lens_covered") * 0.6, detail
