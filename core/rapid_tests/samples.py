"""Rapid tests as rows and points: a market's samples of one day (the market view's table and the
public notice) and the failures of a window as weighted points (the heatmap layer's input)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from core import catalog
from core.db.models import DispatchTask, RapidTest, Stall
from core.rapid_tests.filters import LOCAL, TestFilter
from gis.heatmap import exceedance_weights


@dataclass(frozen=True)
class SampleRow:
    """One tested sample with what was done about it if it failed."""

    id: int
    sample_no: str
    tested_at: datetime
    sample_name: str
    category: str
    item: str
    value: float | None
    unit: str
    limit: float | None
    result: str
    tester: str
    stall: str  # stall number as the market knows it, or "" when the lab file gave none
    disposal: str | None
    disposal_kg: float | None
    disposal_state: str | None  # state of the disposal task (open, done…), None when there is none
    retest_state: str | None
    retest_due: datetime | None

    @property
    def failed(self) -> bool:
        return self.result == "fail"

    @property
    def item_zh(self) -> str:
        it = catalog.ITEMS.get(self.item)
        return it.zh if it else self.item

    @property
    def category_zh(self) -> str:
        return catalog.CATEGORY_ZH.get(self.category, self.category)

    @property
    def local_time(self) -> datetime:
        return self.tested_at.astimezone(LOCAL)


def market_day_samples(session: Session, market_id: int, day: date) -> list[SampleRow]:
    """Every sample a market tested on a local day, in the order tested, with disposal and re-test."""
    flt = TestFilter.day(day, market_ids=(market_id,))
    rows = session.execute(
        flt.apply(select(RapidTest, Stall.number).outerjoin(Stall, Stall.id == RapidTest.stall_id))
        .order_by(RapidTest.tested_at, RapidTest.id)
    ).all()
    failing = [t.id for t, _ in rows if t.result == "fail"]
    tasks: dict[tuple[int, str], DispatchTask] = {}
    if failing:
        for task in session.scalars(select(DispatchTask).where(
                DispatchTask.rapid_test_id.in_(failing), DispatchTask.kind.in_(("disposal", "retest")))
                .order_by(DispatchTask.id)):
            tasks[(task.rapid_test_id, task.kind)] = task
    out = []
    for t, stall_no in rows:
        disp, rete = tasks.get((t.id, "disposal")), tasks.get((t.id, "retest"))
        out.append(SampleRow(
            t.id, t.sample_no, t.tested_at, t.sample_name, t.category, t.item, t.value, t.unit or "", t.limit,
            t.result, t.tester or "", stall_no or "", t.disposal, t.disposal_kg,
            disp.state if disp else None, rete.state if rete else None, rete.due_at if rete else None,
        ))
    return out


@dataclass(frozen=True)
class FailurePoints:
    """Failures as WGS-84 points with heatmap weights (1 at the limit, more the further past it)."""

    lon: np.ndarray
    lat: np.ndarray
    weight: np.ndarray
    test_id: np.ndarray

    def __len__(self) -> int:
        return len(self.lon)


def failure_points(session: Session, flt: TestFilter, weighted: bool = True, cap: float = 5.0) -> FailurePoints:
    """The failures the filter selects that have a place; weighted by exceedance unless told not to."""
    stmt = flt.apply(select(RapidTest.id, RapidTest.lon, RapidTest.lat, RapidTest.value, RapidTest.limit)
                     .where(RapidTest.result == "fail", RapidTest.lon.is_not(None), RapidTest.lat.is_not(None)))
    rows = session.execute(stmt).all()
    arr = np.array([(r[1], r[2], np.nan if r[3] is None else r[3], np.nan if r[4] is None else r[4])
                    for r in rows], dtype=np.float64).reshape(-1, 4)
    ids = np.array([r[0] for r in rows], dtype=np.int64)
    weight = exceedance_weights(arr[:, 2], arr[:, 3], cap) if weighted else np.ones(len(rows))
    return FailurePoints(arr[:, 0].copy(), arr[:, 1].copy(), weight, ids)
