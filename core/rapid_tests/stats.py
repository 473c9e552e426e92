"""Pass rates of rapid tests: by market, district, item, category, stall or day, as totals over a
window or as daily series (the 7-, 30- and 90-day trends), and the city's KPIs for one day.

The database counts tests per group and local day; numpy lays the counts out, so the dashboard
and the market view (which call these from worker threads) get plain dataclasses and arrays back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from core import catalog
from core.db.models import District, Market, RapidTest, Stall
from core.errors import UsageError
from core.rapid_tests.filters import TestFilter

GROUPINGS = ("market", "district", "item", "category", "stall", "day")


@dataclass(frozen=True)
class GroupRate:
    key: object  # market / district / stall id, item or category code, or the day
    label: str  # the Chinese name the public lists use
    tested: int
    passed: int

    @property
    def failed(self) -> int:
        return self.tested - self.passed

    @property
    def rate(self) -> float:
        """Share passed, 0–1 (NaN when nothing was tested)."""
        return self.passed / self.tested if self.tested else float("nan")


@dataclass(frozen=True)
class RateSeries:
    """Daily counts per group: ``tested[g, d]`` samples of group ``keys[g]`` on ``days[d]``."""

    by: str | None
    days: list[date]
    keys: list = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    tested: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.int64))
    passed: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.int64))

    @property
    def rate(self) -> np.ndarray:
        """Share passed per group and day, NaN on days without samples."""
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(self.tested > 0, self.passed / np.maximum(self.tested, 1), np.nan)

    @property
    def failed(self) -> np.ndarray:
        return self.tested - self.passed


@dataclass(frozen=True)
class CityKpis:
    day: date
    samples: int
    passed: int
    markets_tested: int
    markets_with_failures: list[GroupRate]  # the markets with at least one failure, most first

    @property
    def failed(self) -> int:
        return self.samples - self.passed

    @property
    def pass_rate(self) -> float:
        return self.passed / self.samples if self.samples else float("nan")


def _group_column(by: str | None):
    if by is None or by == "day":
        return None
    if by == "district":
        return Market.district_id
    return {"market": RapidTest.market_id, "item": RapidTest.item, "category": RapidTest.category,
            "stall": RapidTest.stall_id}[by]


def _local_day(session: Session):
    """SQL for the Asia/Shanghai day of ``tested_at`` (SQLite stores UTC text; China keeps UTC+8
    all year, so a fixed shift is exact there)."""
    if session.get_bind().dialect.name == "postgresql":
        return func.date(func.timezone("Asia/Shanghai", RapidTest.tested_at))
    return func.date(RapidTest.tested_at, "+8 hours")


@dataclass(frozen=True)
class _Counts:
    keys: list  # group key per aggregated row
    days: np.ndarray  # datetime64[D] per aggregated row
    tested: np.ndarray
    passed: np.ndarray


def _counts(session: Session, flt: TestFilter, by: str | None) -> _Counts:
    """Tests and passes per (group, local day), counted by the database."""
    if by is not None and by not in GROUPINGS:
        raise UsageError(f"cannot group rapid tests by {by!r}; use one of {', '.join(GROUPINGS)}")
    col = _group_column(by)
    day = _local_day(session).label("day")
    passed = func.sum(case((RapidTest.result == "pass", 1), else_=0))
    cols = [day, func.count(), passed] + ([col] if col is not None else [])
    stmt = select(*cols)
    if by == "district":
        stmt = stmt.outerjoin(Market, Market.id == RapidTest.market_id)
    stmt = flt.apply(stmt).group_by(day, *([col] if col is not None else []))
    rows = session.execute(stmt).all()
    days = np.array([str(r[0]) for r in rows], dtype="datetime64[D]")
    tested = np.array([r[1] for r in rows], dtype=np.int64)
    ok = np.array([r[2] or 0 for r in rows], dtype=np.int64)
    if col is None:
        keys = [d.item() for d in days] if by == "day" else [None] * len(rows)
    else:
        keys = [r[3] for r in rows]
    return _Counts(keys, days, tested, ok)


def _labels(session: Session, by: str | None, keys: list) -> list[str]:
    if by is None:
        return ["全市"]
    if by == "day":
        return [k.isoformat() for k in keys]
    if by == "item":
        return [catalog.ITEMS[k].zh if k in catalog.ITEMS else str(k) for k in keys]
    if by == "category":
        return [catalog.CATEGORY_ZH.get(k, str(k)) for k in keys]
    ids = [k for k in keys if k is not None]
    names: dict = {}
    if ids:
        if by == "market":
            names = dict(session.execute(select(Market.id, Market.name).where(Market.id.in_(ids))).all())
        elif by == "district":
            names = dict(session.execute(select(District.id, District.name).where(District.id.in_(ids))).all())
        elif by == "stall":
            rows = session.execute(select(Stall.id, Stall.number, Market.name)
                                   .outerjoin(Market, Market.id == Stall.market_id).where(Stall.id.in_(ids)))
            names = {i: f"{m} {n}号" if m else f"{n}号" for i, n, m in rows}
    unknown = {"market": "未知市场", "district": "未划区", "stall": "未登记摊位"}[by]
    return [names.get(k, unknown) if k is not None else unknown for k in keys]


def _index(keys: list) -> tuple[list, np.ndarray]:
    """Distinct keys (None last) and each row's position among them."""
    distinct = sorted({k for k in keys if k is not None})
    if any(k is None for k in keys):
        distinct.append(None)
    pos = {k: i for i, k in enumerate(distinct)}
    return distinct, np.fromiter((pos[k] for k in keys), dtype=np.int64, count=len(keys))


def pass_rates(session: Session, by: str, flt: TestFilter) -> list[GroupRate]:
    """Samples tested and passed per group over the window, lowest pass rate first."""
    c = _counts(session, flt, by)
    distinct, gi = _index(c.keys)
    tested = np.bincount(gi, weights=c.tested, minlength=len(distinct)).astype(np.int64)
    ok = np.bincount(gi, weights=c.passed, minlength=len(distinct)).astype(np.int64)
    labels = _labels(session, by, distinct)
    out = [GroupRate(k, lab, int(t), int(p)) for k, lab, t, p in zip(distinct, labels, tested, ok, strict=True)]
    if by != "day":
        out.sort(key=lambda g: (g.rate, -g.tested, g.label))
    return out


def pass_rate_series(session: Session, flt: TestFilter, by: str | None = None) -> RateSeries:
    """Daily tested/passed counts over the filter's days, for the city (``by=None``) or per group."""
    if by == "day":
        raise UsageError("a daily series is already by day; group it by something else or by nothing")
    c = _counts(session, flt, by)
    day_list = flt.days
    if by is None:
        distinct, gi = [None], np.zeros(len(c.keys), dtype=np.int64)
    else:
        distinct, gi = _index(c.keys)
    di = (c.days - np.datetime64(flt.first, "D")).astype(np.int64)
    n_g, n_d = len(distinct), len(day_list)
    flat = gi * n_d + di
    tested = np.bincount(flat, weights=c.tested, minlength=n_g * n_d).astype(np.int64).reshape(n_g, n_d)
    ok = np.bincount(flat, weights=c.passed, minlength=n_g * n_d).astype(np.int64).reshape(n_g, n_d)
    return RateSeries(by, day_list, distinct, _labels(session, by, distinct), tested, ok)


def trend(session: Session, span_days: int, today: date | None = None, by: str | None = None,
          **filters) -> RateSeries:
    """The pass-rate trend over the last ``span_days`` local days (7, 30 or 90 in the market view)."""
    return pass_rate_series(session, TestFilter.last_days(span_days, today, **filters), by)


def city_kpis(session: Session, day: date, **filters) -> CityKpis:
    """Samples today, pass rate and the markets with failures, for the dashboard's tiles."""
    markets = pass_rates(session, "market", TestFilter.day(day, **filters))
    samples = sum(g.tested for g in markets)
    passed = sum(g.passed for g in markets)
    failing = sorted((g for g in markets if g.failed), key=lambda g: (-g.failed, g.label))
    return CityKpis(day, samples, passed, sum(1 for g in markets if g.tested), failing)
