"""``blurred``: the picture keeps its light and its large shapes but loses its fine detail.

A smeared, fogged or defocused lens. Judged against the camera's learned reference of detail;
when contrast or brightness collapse too, it is a covered lens instead and this stays quiet.
"""

from __future__ import annotations

from core.vision.detectors.base import Features, PictureChangeDetector, register


@register
class Blurred(PictureChangeDetector):
    name = "blurred"
    kinds = ("blurred",)
    default_hold = 2.0

    def judge(self, f: Features) -> tuple[float, bool, dict]:
        bright = self.ref_bright.ratio(f.brightness)
        contrast = self.ref_contrast.ratio(f.contrast)
        same_scene = 0.5 <= bright <= 2.0 and contrast >= 0.6
        score = min(1.0, max(0.0, 1.0 - self.ref_detail.ratio(f.detail))) if same_scene else 0.0
        return score, score >= self.threshold("blurred") * 0.6 or not same_scene, {}
