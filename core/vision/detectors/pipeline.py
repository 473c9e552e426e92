"""A camera's detectors run together on each frame, sharing one set of measurements.

One root cause raises one alert: while the signal is lost the picture is also "covered",
"blurred" or "frozen" (and snow "moves"), so the stronger finding suppresses the weaker ones on
the same frame.
The pipeline also keeps the time spent per frame (``ms_per_frame``), which the video bench reports.
"""

from __future__ import annotations

import time as _time
from collections.abc import Iterable

from core.vision.detectors.base import REGISTRY, Detection, Detector, Features

BUILT_IN = ("lens_covered", "blurred", "frozen", "signal_lost", "after_hours_motion")
SUPPRESSES = {
    "signal_lost": ("lens_covered", "blurred", "frozen", "after_hours_motion"),
    "lens_covered": ("blurred", "frozen", "after_hours_motion"),
}


def create(name: str, **options) -> Detector:
    """A detector from the registry by name; unknown names raise ValueError listing the known ones."""
    try:
        cls = REGISTRY[name]
    except KeyError:
        raise ValueError(f"unknown detector {name!r}; known: {', '.join(sorted(REGISTRY))}") from None
    return cls(**options)


class Pipeline:
    def __init__(self, detectors: Iterable[Detector]):
        self.detectors = list(detectors)
        self.frames = 0
        self.seconds = 0.0

    @classmethod
    def build(cls, names: Iterable[str] | None = None, *, closed_hours=None, clock=None,
              models: Iterable = (), thresholds: dict[str, float] | None = None) -> Pipeline:
        """The named built-in detectors (all by default) plus one model detector per config."""
        from core.vision.detectors.model import ModelDetector

        dets: list[Detector] = []
        for name in names or BUILT_IN:
            if name == "model":
                continue
            opts: dict = {}
            if name == "after_hours_motion":
                opts["closed_hours"] = closed_hours
                if clock is not None:
                    opts["clock"] = clock
            dets.append(create(name, **opts))
        dets.extend(ModelDetector(m) for m in models)
        pipe = cls(dets)
        pipe.set_thresholds(thresholds or {})
        return pipe

    def kinds(self) -> set[str]:
        return {k for d in self.detectors for k in d.emits()}

    def set_thresholds(self, thresholds: dict[str, float]) -> None:
        for kind, value in thresholds.items():
            for d in self.detectors:
                d.set_threshold(kind, value)

    def update(self, image, t: float) -> list[Detection]:
        start = _time.perf_counter()
        frame = None if image is None else Features(image)
        found: list[Detection] = []
        for d in self.detectors:
            found.extend(d.update(frame, t))
        kinds = {d.kind for d in found}
        hidden = {k for strong in kinds for k in SUPPRESSES.get(strong, ())}
        if hidden:
            found = [d for d in found if d.kind not in hidden]
        self.seconds += _time.perf_counter() - start
        self.frames += 1
        return found

    @property
    def ms_per_frame(self) -> float:
        return 1000.0 * self.seconds / self.frames if self.frames else 0.0
