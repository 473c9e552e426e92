"""A failed sample is dealt with at once: a disposal task (the batch destroyed or taken off sale)
and a re-test task (the stall sampled again), both due soon and both on the map.

Creating them is idempotent, so importing the same lab file again adds nothing; a corrected file
that turns a failure into a pass cancels the tasks still open for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import audit, catalog
from core.auth import Actor
from core.db.models import DispatchTask, Market, RapidTest
from core.db.models._common import utcnow

# Due times, from the moment the sample was tested (the demo city uses the same).
DISPOSAL_DUE = timedelta(hours=4)
RETEST_DUE = timedelta(days=1, hours=4)
FAILURE_TASK_KINDS = ("disposal", "retest")
CLOSED_STATES = ("done", "cancelled")


def _item_zh(code: str) -> str:
    it = catalog.ITEMS.get(code)
    return it.zh if it else code


def _title(kind: str, market_name: str, test: RapidTest) -> str:
    what = f"{market_name} {test.sample_name}（{_item_zh(test.item)}）"
    return f"不合格样品处置：{what}" if kind == "disposal" else f"复检：{what}"


def create_failure_tasks(session: Session, tests: Iterable[RapidTest], actor: Actor) -> list[DispatchTask]:
    """Disposal and re-test tasks for every failing test that lacks them; returns the new tasks."""
    actor.require("record_rapid_test")
    failing = [t for t in tests if t.result == "fail"]
    if not failing:
        return []
    session.flush()
    ids = [t.id for t in failing]
    have: set[tuple[int, str]] = set()
    for i in range(0, len(ids), 900):
        have.update(session.execute(
            select(DispatchTask.rapid_test_id, DispatchTask.kind).where(
                DispatchTask.rapid_test_id.in_(ids[i:i + 900]), DispatchTask.kind.in_(FAILURE_TASK_KINDS))
        ).all())
    markets = {m.id: m for m in session.scalars(select(Market).where(
        Market.id.in_({t.market_id for t in failing if t.market_id is not None})))}
    created = []
    for t in failing:
        market = markets.get(t.market_id)
        for kind, due, priority in (("disposal", DISPOSAL_DUE, 3), ("retest", RETEST_DUE, 2)):
            if (t.id, kind) in have:
                continue
            task = DispatchTask(
                kind=kind, state="open", priority=priority,
                title=_title(kind, market.name if market else "", t),
                market_id=t.market_id, rapid_test_id=t.id,
                lon=t.lon if t.lon is not None else (market.lon if market else None),
                lat=t.lat if t.lat is not None else (market.lat if market else None),
                due_at=t.tested_at + due, created_by=actor.username,
                notes=f"样品编号 {t.sample_no}；检测值 {t.value} {t.unit}，限量 {t.limit} {t.unit}",
            )
            session.add(task)
            created.append(task)
    session.flush()
    for task in created:
        audit.record(session, actor, "task.create", task, note=f"rapid test {task.rapid_test_id} failed")
    return created


def cancel_tasks_of_passed(session: Session, tests: Iterable[RapidTest], actor: Actor) -> list[DispatchTask]:
    """A corrected result turned a failure into a pass: its open disposal and re-test are moot."""
    ids = [t.id for t in tests if t.result == "pass" and t.id is not None]
    if not ids:
        return []
    tasks = []
    for i in range(0, len(ids), 900):
        tasks += session.scalars(select(DispatchTask).where(
            DispatchTask.rapid_test_id.in_(ids[i:i + 900]), DispatchTask.kind.in_(FAILURE_TASK_KINDS),
            DispatchTask.state.not_in(CLOSED_STATES))).all()
    for task in tasks:
        before = audit.snapshot(task)
        task.state = "cancelled"
        task.notes = (task.notes + "\n" if task.notes else "") + "检测结果更正为合格，任务取消"
        audit.record(session, actor, "task.cancel", task, before=before, note="result corrected to pass")
    return tasks


def after_import(session: Session, records: list[tuple[int, dict]], _ctx, actor: Actor) -> None:
    """Import hook: the imported failures get their tasks, corrected passes lose theirs."""
    nos = [rec["sample_no"] for _, rec in records]
    tests = []
    for i in range(0, len(nos), 900):
        tests += session.scalars(select(RapidTest).where(RapidTest.sample_no.in_(nos[i:i + 900]))).all()
    create_failure_tasks(session, tests, actor)
    cancel_tasks_of_passed(session, tests, actor)


@dataclass(frozen=True)
class OverdueRetest:
    """A re-test past its due time, for the map's warning marker and the task board."""

    task_id: int
    rapid_test_id: int | None
    market_id: int | None
    market_name: str
    lon: float | None
    lat: float | None
    due_at: datetime
    hours_overdue: float
    sample_name: str
    item: str
    sample_no: str


def overdue_retests(session: Session, now: datetime | None = None,
                    market_ids: Iterable[int] | None = None) -> list[OverdueRetest]:
    """Re-test tasks still open after their due time, most overdue first."""
    now = now or utcnow()
    stmt = (
        select(DispatchTask, RapidTest.sample_name, RapidTest.item, RapidTest.sample_no, Market.name)
        .outerjoin(RapidTest, RapidTest.id == DispatchTask.rapid_test_id)
        .outerjoin(Market, Market.id == DispatchTask.market_id)
        .where(DispatchTask.kind == "retest", DispatchTask.state.not_in(CLOSED_STATES),
               DispatchTask.due_at < now)
        .order_by(DispatchTask.due_at, DispatchTask.id)
    )
    if market_ids is not None:
        stmt = stmt.where(DispatchTask.market_id.in_(list(market_ids)))
    out = []
    for task, sample, item, sample_no, market_name in session.execute(stmt).all():
        out.append(OverdueRetest(
            task.id, task.rapid_test_id, task.market_id, market_name or "", task.lon, task.lat, task.due_at,
            round((now - task.due_at).total_seconds() / 3600, 1), sample or "", item or "", sample_no or "",
        ))
    return out
