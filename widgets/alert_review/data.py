"""What the alert review shows, as plain data the application fills in (names already translated,
times already local)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

REVIEW_STATES = ("new", "in_review")  # the queue a supervisor works through


@dataclass(frozen=True)
class AlertLine:
    id: int
    version: int
    kind: str
    kind_name: str
    severity: int  # 0 info … 4 critical
    severity_name: str
    state: str
    state_name: str
    source: str  # camera, vehicle, …
    title: str
    where: str  # the camera's or vehicle's name
    business: str
    district: str
    raised_at: datetime
    ongoing: bool = False  # the condition has not ended yet
    claimed_by: str | None = None
    assignee: str | None = None
    thumbnail: bytes | None = None  # small JPEG
    camera_id: int | None = None
    business_id: int | None = None
    vehicle_id: int | None = None
    lon: float | None = None
    lat: float | None = None
    score: float | None = None
    repeats: int = 0


@dataclass(frozen=True)
class AlertFilter:
    """Which alerts the queue lists; empty or None means no limit on that."""

    states: tuple[str, ...] = REVIEW_STATES
    kinds: tuple[str, ...] = ()
    min_severity: int = 0
    district_id: int | None = None
    since_hours: float | None = None
    camera: str = ""  # part of the camera's (or vehicle's) name
    camera_id: int | None = None


@dataclass(frozen=True)
class TimelineLine:
    at: datetime
    actor: str
    action: str
    from_state: str
    to_state: str
    note: str = ""


@dataclass(frozen=True)
class HistoryLine:
    at: datetime
    text: str


@dataclass(frozen=True)
class Threshold:
    kind_name: str
    value: float
    default: float
    dismissals: int = 0

    @property
    def raised(self) -> bool:
        return self.value > self.default + 1e-9


@dataclass(frozen=True)
class AlertDetail:
    line: AlertLine
    snapshot: bytes | None = None  # JPEG, as the camera saw it (boxes drawn)
    box: tuple[float, float, float, float] | None = None  # x, y, w, h in snapshot pixels
    clip: list[np.ndarray] = field(default_factory=list)  # BGR frames
    clip_fps: float = 5.0
    timeline: tuple[TimelineLine, ...] = ()
    threshold: Threshold | None = None
    stars: tuple[tuple[str, bool], ...] = ()  # (star name, held)
    risk_grade: str | None = None
    address: str = ""
    history: tuple[HistoryLine, ...] = ()
