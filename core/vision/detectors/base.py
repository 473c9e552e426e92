"""What every detector shares: the Detection record, per-frame features and the registry.

Sixteen streams at 15 fps on two cores leave a few milliseconds per frame for all detectors
together, so the expensive part (downscaling to a small grey picture, Laplacian, statistics) is
computed once per frame in ``Features`` and shared; a detector asks for what it needs and the
value is computed on first use.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import ClassVar

import cv2
import numpy as np

from core.vision import thresholds as _thresholds

ANALYSIS_WIDTH = 320  # width of the grey picture the image-quality detectors look at


@dataclass(frozen=True)
class Detection:
    kind: str
    score: float  # 0–1, compared with the camera's threshold for the kind
    box: tuple[int, int, int, int] | None = None  # x, y, w, h in the frame's pixels
    detail: dict = field(default_factory=dict, compare=False)

    def as_dict(self) -> dict:
        return {"kind": self.kind, "score": round(float(self.score), 4),
                "box": None if self.box is None else [int(v) for v in self.box]}


class Features:
    """Measurements of one frame, computed lazily and at most once."""

    def __init__(self, image: np.ndarray):
        if image is None or image.ndim not in (2, 3) or image.size == 0:
            raise ValueError("a frame must be a non-empty grey or BGR image")
        self.image = image
        self.height, self.width = image.shape[:2]

    @cached_property
    def scale(self) -> float:
        """Frame pixels per analysis pixel."""
        return self.width / min(ANALYSIS_WIDTH, self.width)

    @cached_property
    def gray(self) -> np.ndarray:
        img = cv2.cvtColor(self.image, cv2.COLOR_BGR2GRAY) if self.image.ndim == 3 else self.image
        if self.width > ANALYSIS_WIDTH:
            h = max(1, int(round(self.height * ANALYSIS_WIDTH / self.width)))
            img = cv2.resize(img, (ANALYSIS_WIDTH, h), interpolation=cv2.INTER_AREA)
        return img

    @cached_property
    def tiny(self) -> np.ndarray:
        """Half the analysis size, for background subtraction (the costliest step)."""
        g = self.gray
        return cv2.resize(g, (max(1, g.shape[1] // 2), max(1, g.shape[0] // 2)), interpolation=cv2.INTER_AREA)

    @property
    def tiny_scale(self) -> float:
        return self.width / self.tiny.shape[1]

    @cached_property
    def raw_sample(self) -> np.ndarray:
        """Grey pixels sampled without averaging, so sensor noise survives (flat-screen test)."""
        step = max(1, self.width // ANALYSIS_WIDTH)
        sub = np.ascontiguousarray(self.image[::step, ::step])
        return cv2.cvtColor(sub, cv2.COLOR_BGR2GRAY) if sub.ndim == 3 else sub

    @cached_property
    def mean_std(self) -> tuple[float, float]:
        m, s = cv2.meanStdDev(self.gray)
        return float(m[0, 0]), float(s[0, 0])

    @property
    def brightness(self) -> float:
        return self.mean_std[0]

    @property
    def contrast(self) -> float:
        """Standard deviation over mean: unchanged when the light is simply dimmed."""
        m, s = self.mean_std
        return s / max(m, 4.0)

    @cached_property
    def detail(self) -> float:
        """Square root of the Laplacian variance over mean brightness: fine detail, light-independent."""
        lap = cv2.Laplacian(self.gray, cv2.CV_32F)
        _, s = cv2.meanStdDev(lap)
        return float(s[0, 0]) / max(self.brightness, 4.0)

    @cached_property
    def neighbour_correlation(self) -> float:
        """Correlation of horizontally adjacent pixels: ~0.9+ for any real picture, ~0 for snow.
        From the mean squared neighbour difference: E[(a-b)²] = 2σ²(1-ρ)."""
        g = self.gray
        var = self.mean_std[1] ** 2
        if var <= 0:
            return 1.0
        msd = cv2.norm(g[:, 1:], g[:, :-1], cv2.NORM_L2SQR) / (g.shape[0] * (g.shape[1] - 1))
        return 1.0 - msd / (2.0 * var)

    @staticmethod
    def _peak_share(gray: np.ndarray) -> float:
        hist = cv2.calcHist([gray], [0], None, [256], [0, 256]).ravel()
        peak = int(hist.argmax())
        return float(hist[max(0, peak - 1):peak + 2].sum() / max(1.0, hist.sum()))

    @cached_property
    def flat_fraction(self) -> float:
        """Share of pixels within ±1 of the most common value: a generated blank or 'no signal' screen.
        Checked on unaveraged pixels, where a covered lens still shows its sensor noise."""
        coarse = self._peak_share(self.gray)
        if coarse < 0.5:
            return coarse
        return self._peak_share(self.raw_sample)


def features_of(frame) -> Features:
    return frame if isinstance(frame, Features) else Features(frame)


class Detector:
    """Base of the registry's detectors. ``update(frame, t)`` takes a BGR frame (or Features)
    and the stream time in seconds, and returns the detections at or above threshold."""

    name: ClassVar[str] = ""
    kinds: ClassVar[tuple[str, ...]] = ()

    def __init__(self, thresholds: dict[str, float] | None = None):
        self.thresholds = {k: _thresholds.default_for(k) for k in self.emits()}
        for k, v in (thresholds or {}).items():
            self.set_threshold(k, v)

    def emits(self) -> tuple[str, ...]:
        return self.kinds

    def set_threshold(self, kind: str, value: float) -> None:
        if kind in self.emits():
            if not 0.0 <= float(value) <= 1.0:
                raise ValueError(f"threshold for {kind} must be between 0 and 1, not {value}")
            self.thresholds[kind] = float(value)

    def threshold(self, kind: str) -> float:
        return self.thresholds.get(kind, _thresholds.default_for(kind))

    def update(self, frame, t: float) -> list[Detection]:
        raise NotImplementedError

    def reset(self) -> None:
        """Forget what was learned (the camera was moved or replaced)."""


REGISTRY: dict[str, type[Detector]] = {}


def register(cls: type[Detector]) -> type[Detector]:
    if not cls.name:
        raise ValueError(f"{cls.__name__} has no name")
    REGISTRY[cls.name] = cls
    return cls


class Reference:
    """A camera's learned normal value of one measurement.

    Starts from the median of the first ``warmup`` seconds, then follows slow changes with a time
    constant of ``tau`` seconds (daylight, a lamp switched on), but freezes while the detector
    suspects an anomaly, so a sudden change is always judged against the picture before it.
    """

    def __init__(self, warmup: float = 1.5, tau: float = 60.0):
        self.warmup, self.tau = warmup, tau
        self.value: float | None = None
        self._samples: list[float] = []
        self._t0: float | None = None
        self._last_t: float | None = None

    @property
    def ready(self) -> bool:
        return self.value is not None

    def update(self, v: float, t: float) -> None:
        if self.value is None:
            if self._t0 is None:
                self._t0 = t
            self._samples.append(v)
            if t - self._t0 >= self.warmup and len(self._samples) >= 3:
                self.value = float(np.median(self._samples))
                self._samples = []
            self._last_t = t
            return
        dt = max(0.0, t - (self._last_t if self._last_t is not None else t))
        self._last_t = t
        a = 1.0 - np.exp(-dt / self.tau) if dt > 0 else 0.0
        self.value += a * (v - self.value)

    def hold(self, t: float) -> None:
        """Keep the value while an anomaly is suspected; time still advances."""
        self._last_t = t

    def ratio(self, v: float) -> float:
        if not self.value:
            return 1.0
        return v / self.value


class Persistence:
    """How long a condition has held, in stream seconds; reset when it stops."""

    def __init__(self):
        self.since: float | None = None

    def update(self, active: bool, t: float) -> float:
        if not active:
            self.since = None
            return 0.0
        if self.since is None:
            self.since = t
        return t - self.since


class PictureChangeDetector(Detector):
    """A detector that judges the picture's detail, brightness and contrast against this
    camera's learned references (``Reference``) and fires once its score has held ``hold``
    seconds. A subclass says how a picture scores (``judge``) and what it reports."""

    default_hold = 1.0

    def __init__(self, thresholds=None, *, hold: float | None = None, warmup: float = 1.5, tau: float = 60.0):
        super().__init__(thresholds)
        self.hold = self.default_hold if hold is None else hold
        self.warmup, self.tau = warmup, tau
        self.reset()

    def reset(self) -> None:
        self.ref_detail = Reference(self.warmup, self.tau)
        self.ref_bright = Reference(self.warmup, self.tau)
        self.ref_contrast = Reference(self.warmup, self.tau)
        self.persist = Persistence()

    def judge(self, f: Features) -> tuple[float, bool, dict]:
        """(score 0–1, whether the references should hold still, detail for the detection)."""
        raise NotImplementedError

    def update(self, frame, t: float) -> list[Detection]:
        if frame is None:
            return []
        f = features_of(frame)
        refs = ((self.ref_detail, f.detail), (self.ref_bright, f.brightness), (self.ref_contrast, f.contrast))
        if not self.ref_detail.ready:
            for r, v in refs:
                r.update(v, t)
            return []
        score, suspect, detail = self.judge(f)
        for r, v in refs:  # a suspected change is judged against the picture before it
            r.hold(t) if suspect else r.update(v, t)
        kind = self.kinds[0]
        threshold = self.threshold(kind)
        held = self.persist.update(score >= threshold, t)
        if score >= threshold and held >= self.hold:
            return [Detection(kind, score, None, {**detail, "held_s": round(held, 2)})]
        return []
