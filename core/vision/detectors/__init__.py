"""The detector registry: name → class. Importing this package registers the built-in detectors.

Each detector's ``update(frame, t)`` returns ``Detection(kind, score 0–1, box [x, y, w, h] or
None)`` objects at or above the camera's threshold for the kind. ``Pipeline`` runs several on one
stream and shares the per-frame measurements between them.
"""

from core.vision.detectors import after_hours_motion, blurred, frozen, lens_covered, model, signal_lost  # noqa: F401
from core.vision.detectors.base import REGISTRY, Detection, Detector, Features
from core.vision.detectors.pipeline import BUILT_IN, Pipeline, create

__all__ = ["BUILT_IN", "REGISTRY", "Detection", "Detector", "Features", "Pipeline", "create"]
