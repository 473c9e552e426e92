"""What the market view shows, as plain values the application fills in."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import numpy as np

DISPOSALS = ("destroyed", "returned", "sealed", "recalled")


@dataclass(frozen=True)
class MarketHeader:
    id: int
    code: str
    name: str
    district: str
    address: str
    kind: str  # farmers, collective, convenience


@dataclass(frozen=True)
class SampleLine:
    """One tested sample; the disposal fields matter only when it failed."""

    id: int
    sample_no: str
    tested_at: datetime  # local wall-clock time
    product: str
    category: str  # label, in the language of the data
    item: str  # label
    value: float | None
    unit: str
    limit: float | None
    failed: bool
    stall: str
    tester: str
    disposal: str | None = None  # one of DISPOSALS, or the lab's own word
    disposal_kg: float | None = None
    disposal_state: str | None = None  # state of the disposal task: open, done, cancelled…
    retest_due: datetime | None = None  # local
    retest_state: str | None = None
    action: str = ""  # what the public notice says was done


@dataclass(frozen=True)
class TrendData:
    """Daily counts: ``tested[g, d]`` samples of group ``labels[g]`` on ``days[d]``; group 0 is the
    whole market when ``by`` is not None, so the trend always has its overall line."""

    span_days: int
    by: str | None  # None (the market as a whole), item, category or stall
    days: list[date]
    labels: list[str]
    tested: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.int64))
    passed: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.int64))

    @property
    def rate(self) -> np.ndarray:
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(self.tested > 0, self.passed / np.maximum(self.tested, 1), np.nan)
