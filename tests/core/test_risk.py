"""Risk grade A–D from inspections, alerts and tests, with the facts that raised it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from core.auth import SYSTEM
from core.db.models import Alert, AuditEvent, Business, ChangeLog
from core.errors import PermissionDenied
from core.ratings import assess, grade_for, recompute_risk
from tests.core.small_city import ANALYST, add_alert, add_business, add_camera, add_inspection, local

TODAY = date(2026, 11, 20)
NOW = datetime(2026, 11, 20, 4, tzinfo=UTC)


@pytest.fixture
def city(db):
    with db.session() as s:
        good = add_business(s, "放心餐馆")
        add_inspection(s, good, local(TODAY - timedelta(days=40), 10))
        bad = add_business(s, "问题饭店")
        add_inspection(s, bad, local(TODAY - timedelta(days=200), 10))
        add_inspection(s, bad, local(TODAY - timedelta(days=12), 10), result="fail",
                       violations=(("生熟未分开", "high"), ("虫害防治不到位", "high"), ("留样不规范", "moderate")))
        add_alert(s, bad, "smoking", raised=NOW - timedelta(days=5))
        add_alert(s, bad, "no_mask", raised=NOW - timedelta(days=2))
        add_alert(s, bad, "rodent", state="dismissed", raised=NOW - timedelta(days=2))  # not upheld: no points
        add_alert(s, bad, "no_hat", raised=NOW - timedelta(days=200))  # too old
        school = add_business(s, "实验小学食堂", kind="canteen_school")  # never inspected
        lapsed = add_business(s, "过期小吃")
        lapsed.licence_expires = TODAY - timedelta(days=3)
        add_inspection(s, lapsed, local(TODAY - timedelta(days=60), 10), result="rectify",
                       violations=(("健康证过期", "moderate"),))
        add_camera(s, lapsed, state="offline", since=NOW - timedelta(days=6))
        s.add(Alert(kind="rapid_test_fail", source="rapid_test", state="confirmed", business_id=lapsed.id,
                    raised_at=NOW - timedelta(days=9), title="自检快检不合格"))
        return {"good": good.id, "bad": bad.id, "school": school.id, "lapsed": lapsed.id}


def test_grades_and_their_reasons(db, city):
    with db.session() as s:
        res = assess(s, today=TODAY)
    good, bad, school, lapsed = (res[city[k]] for k in ("good", "bad", "school", "lapsed"))
    assert (good.grade, good.score, good.facts) == ("A", 0, [])
    assert bad.grade == "D"
    assert [f.code for f in bad.facts] == ["inspection_fail", "violation_high", "alert", "violation_moderate"]
    assert bad.score == 30 + 16 + 10 + 3
    assert "2026-11-08" in bad.facts[0].text and "吸烟" in bad.facts[2].text and "未戴口罩" in bad.facts[2].text
    assert "鼠患" not in bad.facts[2].text
    assert school.grade == "B" and {f.code for f in school.facts} == {"no_inspection", "vulnerable_diners"}
    assert {f.code for f in lapsed.facts} == {"inspection_rectify", "violation_moderate", "camera_offline",
                                              "test_failure", "licence_expired"}
    assert lapsed.grade == "D" and lapsed.score == 15 + 3 + 5 + 10 + 15


def test_recompute_stores_grade_and_reasons_and_is_idempotent(db, city):
    with db.session() as s:
        changed = recompute_risk(s, SYSTEM, [city["bad"]], today=TODAY)
        assert list(changed) == [city["bad"]]
    with db.session() as s:
        b = s.get(Business, city["bad"])
        assert b.risk_grade == "D"
        assert b.risk_reasons[0] == {"code": "inspection_fail", "text": "最近一次监督检查不合格（2026-11-08）", "points": 30}
        ev = s.scalar(select(AuditEvent).where(AuditEvent.action == "risk.recompute"))
        assert ev.before["risk_grade"] == "B" and ev.after["risk_grade"] == "D"
        assert s.scalar(select(ChangeLog).where(ChangeLog.entity == "business", ChangeLog.entity_id == str(b.id)))
    with db.session() as s:
        assert recompute_risk(s, SYSTEM, [city["bad"]], today=TODAY) == {}
        everyone = recompute_risk(s, SYSTEM, today=TODAY)
        assert set(everyone) == {city["good"], city["school"], city["lapsed"]}
        grades = dict(s.execute(select(Business.id, Business.risk_grade)).all())
        assert grades == {city["good"]: "A", city["bad"]: "D", city["school"]: "B", city["lapsed"]: "D"}
        assert recompute_risk(s, SYSTEM, today=TODAY) == {}
        with pytest.raises(PermissionDenied):
            recompute_risk(s, ANALYST, today=TODAY)


def test_grade_boundaries():
    assert [grade_for(n) for n in (0, 9, 10, 24, 25, 44, 45, 200)] == ["A", "A", "B", "B", "C", "C", "D", "D"]
