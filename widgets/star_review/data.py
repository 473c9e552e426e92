"""What the star-review widgets show, as plain values the application fills in. Star names come
with the data (the city's Chinese names), so the widgets need no list of their own."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class ProposalLine:
    id: int
    version: int
    business_id: int
    business: str
    district: str
    star: str  # code
    star_name: str  # the city's name, e.g. 制作放心星
    up: bool  # True: give the star; False: take it
    rule: str  # what proposed it, readable
    reason: str
    evidence: str
    created_at: datetime  # local


@dataclass(frozen=True)
class HistoryLine:
    at: datetime  # local
    star_name: str
    old: bool | None
    new: bool
    by: str
    reason: str
    source: str


@dataclass(frozen=True)
class BusinessInfo:
    id: int
    name: str
    licence_no: str
    kind: str
    district: str
    address: str
    stars: list[tuple[str, str, bool]]  # (code, name, held) in the order the city publishes them
    rating_version: int | None
    risk_grade: str
    risk_reasons: list[tuple[str, int]]  # (fact, points)
    history: list[HistoryLine] = field(default_factory=list)
    open_proposals: int = 0

    @property
    def star_count(self) -> int:
        return sum(1 for _, _, held in self.stars if held)


@dataclass(frozen=True)
class RiskLine:
    id: int
    name: str
    kind: str
    district: str
    grade: str
    score: int
    reasons: list[tuple[str, int]]
