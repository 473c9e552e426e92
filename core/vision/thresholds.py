"""Detection thresholds: a default per alert kind, overridden per camera by DetectorThreshold rows.

Every detector turns what it measures into a score from 0 to 1 and reports only scores at or
above the threshold, so one number per camera and kind is the single knob a supervisor turns.
A dismissal as a false positive raises it by ``STEP`` (up to ``MAXIMUM``); a reset deletes the
row and the default applies again. Kept free of OpenCV so review code can import it cheaply.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.db.models import DetectorThreshold

DEFAULTS: dict[str, float] = {
    "lens_covered": 0.5,
    "blurred": 0.6,
    "frozen": 0.5,
    "signal_lost": 0.5,
    "after_hours_motion": 0.5,
}
FALLBACK = 0.5  # kinds raised by model detectors use their config's threshold, else this
STEP = 0.1
MAXIMUM = 0.95


def default_for(kind: str) -> float:
    return DEFAULTS.get(kind, FALLBACK)


def raised(current: float) -> float:
    return round(min(MAXIMUM, current + STEP), 4)


def for_camera(session: Session, camera_id: int) -> dict[str, float]:
    """The camera's overridden thresholds by kind (kinds without a row use their default)."""
    rows = session.scalars(select(DetectorThreshold).where(DetectorThreshold.camera_id == camera_id))
    return {r.kind: float(r.threshold) for r in rows}


def for_cameras(session: Session, camera_ids) -> dict[int, dict[str, float]]:
    ids = list(camera_ids)
    out: dict[int, dict[str, float]] = {i: {} for i in ids}
    if not ids:
        return out
    for r in session.scalars(select(DetectorThreshold).where(DetectorThreshold.camera_id.in_(ids))):
        out[r.camera_id][r.kind] = float(r.threshold)
    return out
