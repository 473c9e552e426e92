"""Markets as the rapid-test views list them: where each is, how its samples did over a window,
and how many of its re-tests are overdue (the map's warning markers and the market list)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.db.models import District, Market
from core.rapid_tests.filters import TestFilter
from core.rapid_tests.stats import pass_rates
from core.rapid_tests.tasks import overdue_retests


@dataclass(frozen=True)
class MarketInfo:
    id: int
    code: str
    name: str
    kind: str
    district: str
    address: str
    lon: float | None
    lat: float | None


@dataclass(frozen=True)
class MarketStatus:
    """A market with its samples over a window and its overdue re-tests now."""

    market: MarketInfo
    tested: int
    passed: int
    overdue_retests: int

    @property
    def failed(self) -> int:
        return self.tested - self.passed

    @property
    def rate(self) -> float:
        return self.passed / self.tested if self.tested else float("nan")


def market_info(session: Session, market_id: int) -> MarketInfo | None:
    found = market_directory(session, (market_id,))
    return found[0] if found else None


def market_directory(session: Session, ids: tuple[int, ...] | None = None) -> list[MarketInfo]:
    """Markets by code, with their district's name."""
    stmt = (select(Market, District.name).outerjoin(District, District.id == Market.district_id)
            .order_by(Market.code))
    if ids is not None:
        stmt = stmt.where(Market.id.in_(ids))
    return [MarketInfo(m.id, m.code, m.name, m.kind, dname or "", m.address or "", m.lon, m.lat)
            for m, dname in session.execute(stmt).all()]


def market_statuses(session: Session, flt: TestFilter, now: datetime | None = None) -> list[MarketStatus]:
    """Every market with the filter's samples (markets that tested nothing count 0) and its
    overdue re-tests, worst pass rate first, then the most overdue, then by code."""
    rates = {g.key: g for g in pass_rates(session, "market", flt)}
    overdue = Counter(o.market_id for o in overdue_retests(session, now))
    out = []
    for m in market_directory(session):
        if flt.market_ids and m.id not in flt.market_ids:
            continue
        g = rates.get(m.id)
        out.append(MarketStatus(m, g.tested if g else 0, g.passed if g else 0, overdue.get(m.id, 0)))
    out.sort(key=lambda s: (-(s.failed / s.tested) if s.tested else 1.0, -s.overdue_retests, s.market.code))
    return out
