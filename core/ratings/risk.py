"""Risk grade of a food business, A (lowest) to D (highest), with the facts that raised it.

The grade is a sum of points for what inspections, camera alerts and tests found, plus who the
business feeds (school and kindergarten canteens) and whether its licence has lapsed. Each fact
is kept with its points in ``Business.risk_reasons`` so the map can say why a business is red,
and the grade is recomputed from the records whenever asked: for one business after an event, or
for all of them in one pass of a few queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from core import audit
from core.auth import Actor
from core.db.changes import notify
from core.db.models import SCHOOL_KINDS, Alert, Business, Camera, Inspection, Violation
from core.rapid_tests.filters import LOCAL, day_start_utc, local_today
from core.ratings.rules import ALERT_KINDS_ZH, CONFIRMED_STATES, OFFLINE_DAYS

INSPECTION_DAYS = 365
ALERT_DAYS = 90
GRADE_FLOORS = (("D", 45), ("C", 25), ("B", 10))  # score at or above the floor → grade
POINTS = {
    "inspection_fail": 30, "inspection_rectify": 15, "no_inspection": 10,
    "violation_high": 8, "violation_moderate": 3, "alert": 5, "test_failure": 10,
    "camera_offline": 5, "vulnerable_diners": 10, "licence_expired": 15,
}
CAPS = {"violation_high": 24, "violation_moderate": 9, "alert": 20, "test_failure": 20}


@dataclass(frozen=True)
class RiskFact:
    code: str
    text: str  # what the map shows, in Chinese
    points: int


@dataclass(frozen=True)
class RiskAssessment:
    business_id: int
    grade: str
    score: int
    facts: list[RiskFact]

    def reasons(self) -> list[dict]:
        return [asdict(f) for f in self.facts]


def grade_for(score: int) -> str:
    for grade, floor in GRADE_FLOORS:
        if score >= floor:
            return grade
    return "A"


def _day(t: datetime) -> str:
    return f"{t.astimezone(LOCAL):%Y-%m-%d}"


def _capped(code: str, n: int) -> int:
    return min(POINTS[code] * n, CAPS.get(code, POINTS[code] * n))


def _chunks(ids: list[int] | None):
    if ids is None:
        yield None
        return
    for i in range(0, len(ids), 900):
        yield ids[i:i + 900]


def _where(col, chunk):
    return (col.in_(chunk),) if chunk is not None else ()


def assess(session: Session, business_ids: Iterable[int] | None = None,
           today: date | None = None) -> dict[int, RiskAssessment]:
    """Risk assessments for the given businesses (all when None), from the stored records."""
    today = today or local_today()
    now = day_start_utc(today + timedelta(days=1))
    insp_from = day_start_utc(today - timedelta(days=INSPECTION_DAYS - 1))
    alert_from = day_start_utc(today - timedelta(days=ALERT_DAYS - 1))
    offline_before = now - timedelta(days=OFFLINE_DAYS)
    ids = None if business_ids is None else sorted(set(business_ids))

    businesses, inspections, violations, alerts, offline = [], defaultdict(list), defaultdict(list), defaultdict(list), set()
    for chunk in _chunks(ids):
        businesses += session.execute(select(Business.id, Business.kind, Business.licence_expires)
                                      .where(*_where(Business.id, chunk))).all()
        for bid, at, result in session.execute(select(Inspection.business_id, Inspection.at, Inspection.result).where(
                Inspection.at >= insp_from, Inspection.at < now, *_where(Inspection.business_id, chunk))):
            inspections[bid].append((at, result))
        for bid, risk in session.execute(select(Inspection.business_id, Violation.risk).join(Violation).where(
                Inspection.at >= insp_from, Inspection.at < now, *_where(Inspection.business_id, chunk))):
            violations[bid].append(risk)
        for bid, kind, source in session.execute(select(Alert.business_id, Alert.kind, Alert.source).where(
                Alert.state.in_(CONFIRMED_STATES), Alert.raised_at >= alert_from, Alert.raised_at < now,
                Alert.business_id.is_not(None), *_where(Alert.business_id, chunk))):
            alerts[bid].append((kind, source))
        since = func.coalesce(Camera.state_since, Camera.last_frame_at)
        offline |= set(session.scalars(select(Camera.business_id).where(
            Camera.state == "offline", since.is_not(None), since <= offline_before,
            Camera.business_id.is_not(None), *_where(Camera.business_id, chunk))))

    out = {}
    for bid, kind, licence_expires in businesses:
        facts: list[RiskFact] = []
        ins = sorted(inspections.get(bid, []))
        if not ins:
            facts.append(RiskFact("no_inspection", f"近{INSPECTION_DAYS}天无监督检查记录", POINTS["no_inspection"]))
        else:
            at, result = ins[-1]
            if result == "fail":
                facts.append(RiskFact("inspection_fail", f"最近一次监督检查不合格（{_day(at)}）", POINTS["inspection_fail"]))
            elif result == "rectify":
                facts.append(RiskFact("inspection_rectify", f"最近一次监督检查责令整改（{_day(at)}）",
                                      POINTS["inspection_rectify"]))
        risks = violations.get(bid, [])
        for level, code, zh in (("high", "violation_high", "高风险"), ("moderate", "violation_moderate", "中风险")):
            n = sum(1 for r in risks if r == level)
            if n:
                facts.append(RiskFact(code, f"近{INSPECTION_DAYS}天{zh}违规{n}项", _capped(code, n)))
        found = alerts.get(bid, [])
        tests = [k for k, src in found if src == "rapid_test"]
        cams = [k for k, src in found if src != "rapid_test"]
        if cams:
            kinds = "、".join(sorted({ALERT_KINDS_ZH.get(k, k) for k in cams}))
            facts.append(RiskFact("alert", f"近{ALERT_DAYS}天经确认的告警{len(cams)}起（{kinds}）",
                                  _capped("alert", len(cams))))
        if tests:
            facts.append(RiskFact("test_failure", f"近{ALERT_DAYS}天快检不合格{len(tests)}批次",
                                  _capped("test_failure", len(tests))))
        if bid in offline:
            facts.append(RiskFact("camera_offline", f"后厨摄像头离线超过{OFFLINE_DAYS}天", POINTS["camera_offline"]))
        if kind in SCHOOL_KINDS:
            facts.append(RiskFact("vulnerable_diners", "学校、幼儿园食堂（供餐对象为未成年人）", POINTS["vulnerable_diners"]))
        if licence_expires is not None and licence_expires < today:
            facts.append(RiskFact("licence_expired", f"食品经营许可证已于{licence_expires:%Y-%m-%d}过期",
                                  POINTS["licence_expired"]))
        facts.sort(key=lambda f: -f.points)
        score = sum(f.points for f in facts)
        out[bid] = RiskAssessment(bid, grade_for(score), score, facts)
    return out


def recompute_risk(session: Session, actor: Actor, business_ids: Iterable[int] | None = None,
                   today: date | None = None) -> dict[int, RiskAssessment]:
    """Store fresh grades and reasons; returns the assessments whose grade or reasons changed.

    One business (or a few) get an audit row each with before and after; a city-wide pass writes
    one summary row instead of thousands.
    """
    actor.require("propose_stars")
    result = assess(session, business_ids, today)
    ids = sorted(result)
    current = {}
    for chunk in _chunks(ids):
        current.update({r.id: (r.risk_grade, r.risk_reasons or []) for r in session.execute(
            select(Business.id, Business.risk_grade, Business.risk_reasons).where(Business.id.in_(chunk)))})
    changed = {bid: a for bid, a in result.items() if current.get(bid) != (a.grade, a.reasons())}
    few = business_ids is not None and len(ids) <= 50
    if changed:
        session.execute(update(Business), [{"id": bid, "risk_grade": a.grade, "risk_reasons": a.reasons()}
                                           for bid, a in changed.items()])
        # A bulk update bypasses the flush hook that feeds the change log: tell the map directly.
        notify(session, [{"entity": "business", "entity_id": str(bid), "op": "update"} for bid in changed]
               if few else [{"entity": "business", "entity_id": None, "op": "bulk"}])
    if few:
        for bid, a in changed.items():
            old_grade, old_reasons = current[bid]
            audit.record(session, actor, "risk.recompute", entity="business", entity_id=bid,
                         before={"risk_grade": old_grade, "risk_reasons": old_reasons},
                         after={"risk_grade": a.grade, "risk_reasons": a.reasons()})
    elif changed:
        grades = defaultdict(int)
        for a in changed.values():
            grades[a.grade] += 1
        audit.record(session, actor, "risk.recompute", entity="business",
                     after={"assessed": len(result), "changed": len(changed), "grades_of_changed": dict(grades)})
    return changed
