"""A failing sample sets off a disposal and a re-test; imports do it too, once; overdue re-tests show."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from core.db.models import AuditEvent, DispatchTask, RapidTest
from core.errors import ImportRejected, PermissionDenied
from core.io.importer import import_file
from core.rapid_tests import cancel_tasks_of_passed, create_failure_tasks, overdue_retests
from core.rapid_tests.tasks import DISPOSAL_DUE, RETEST_DUE
from tests.core.small_city import ADMIN, ANALYST, add_market, add_test, local

DAY = date(2026, 11, 20)
HEADER = ["样品编号", "市场编号", "样品名称", "类别", "检测项目", "检测值", "单位", "限量", "检测结果", "检测时间", "检测员", "处置方式"]


def _write(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        w.writerows(rows)
    return path


def _tasks(db):
    with db.session() as s:
        return [(t.kind, t.state, t.rapid_test_id, t.market_id, t.due_at) for t in
                s.scalars(select(DispatchTask).order_by(DispatchTask.rapid_test_id, DispatchTask.kind))]


@pytest.fixture
def market(db):
    with db.session() as s:
        m = add_market(s, "NM0001", "友谊农贸市场")
        return m.id


def test_imported_failure_gets_disposal_and_retest_once(db, tmp_path, market):
    f = _write(tmp_path / "lab.csv", [
        ["KJ001", "NM0001", "韭菜", "蔬菜", "有机磷和氨基甲酸酯类农药", "63.5", "%", "50", "不合格", "2026-11-20 07:15", "赵", "销毁"],
        ["KJ002", "NM0001", "猪肉", "畜禽肉", "克伦特罗", "0.05", "µg/kg", "0.5", "合格", "2026-11-20 07:20", "赵", ""],
    ])
    import_file(db, "rapid-tests", f, ADMIN)
    with db.session() as s:
        failed = s.scalar(select(RapidTest).where(RapidTest.sample_no == "KJ001"))
        failed_id, tested_at = failed.id, failed.tested_at
    tasks = _tasks(db)
    assert [(k, st, rid, mid) for k, st, rid, mid, _ in tasks] == [
        ("disposal", "open", failed_id, market), ("retest", "open", failed_id, market)]
    assert tested_at == datetime(2026, 11, 19, 23, 15, tzinfo=UTC)  # 07:15 Beijing time
    assert tasks[0][4] == tested_at + DISPOSAL_DUE and tasks[1][4] == tested_at + RETEST_DUE
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "task.create")) == 2

    import_file(db, "rapid-tests", f, ADMIN)  # the same file again
    assert len(_tasks(db)) == 2


def test_corrected_file_cancels_the_open_tasks_of_a_failure_that_passed(db, tmp_path, market):
    row = ["KJ010", "NM0001", "豇豆", "蔬菜", "op_carbamate", "71", "%", "50", "", "2026-11-20 06:40", "钱", "销毁"]
    import_file(db, "rapid-tests", _write(tmp_path / "a.csv", [row]), ADMIN)
    assert {st for _, st, *_ in _tasks(db)} == {"open"}
    row[5] = "21"  # the lab re-read the strip: a pass, judged from value and limit
    import_file(db, "rapid-tests", _write(tmp_path / "b.csv", [row]), ADMIN)
    assert {st for _, st, *_ in _tasks(db)} == {"cancelled"}


def test_a_file_with_a_bad_row_writes_no_tests_and_no_tasks(db, tmp_path, market):
    f = _write(tmp_path / "bad.csv", [
        ["KJ020", "NM0001", "韭菜", "蔬菜", "op_carbamate", "80", "%", "50", "不合格", "2026-11-20 07:00", "孙", "销毁"],
        ["KJ021", "NM9999", "芹菜", "蔬菜", "op_carbamate", "10", "%", "50", "合格", "2026-11-20 07:05", "孙", ""],
    ])
    with pytest.raises(ImportRejected) as err:
        import_file(db, "rapid-tests", f, ADMIN)
    assert "row 3" in str(err.value) and "NM9999" in str(err.value)
    assert _tasks(db) == []
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(RapidTest)) == 0


def test_service_creates_tasks_only_for_failures_and_checks_the_role(db, market):
    with db.session() as s:
        from core.db.models import Market

        m = s.get(Market, market)
        bad = add_test(s, m, local(DAY, 7), fail=True)
        good = add_test(s, m, local(DAY, 7, 5))
        with pytest.raises(PermissionDenied):
            create_failure_tasks(s, [bad], ANALYST)
        created = create_failure_tasks(s, [bad, good], ADMIN)
        assert sorted(t.kind for t in created) == ["disposal", "retest"]
        assert all(t.rapid_test_id == bad.id and t.lon == m.lon for t in created)
        assert create_failure_tasks(s, [bad, good], ADMIN) == []
        assert "友谊农贸市场" in created[0].title and "韭菜" in created[0].title
        assert cancel_tasks_of_passed(s, [good], ADMIN) == []


def test_overdue_retests_are_the_open_ones_past_due(db, market):
    now = datetime(2026, 11, 22, 4, 0, tzinfo=UTC)
    with db.session() as s:
        from core.db.models import Market

        m = s.get(Market, market)
        old = add_test(s, m, local(DAY, 7), fail=True, sample_name="菠菜")  # re-test due 21st
        done = add_test(s, m, local(DAY, 8), fail=True)
        fresh = add_test(s, m, now - timedelta(hours=2), fail=True)  # re-test not yet due
        create_failure_tasks(s, [old, done, fresh], ADMIN)
        for t in s.scalars(select(DispatchTask).where(DispatchTask.rapid_test_id == done.id)):
            t.state = "done"
        old_id = old.id
    with db.session() as s:
        late = overdue_retests(s, now)
        assert [o.rapid_test_id for o in late] == [old_id]
        o = late[0]
        assert o.market_name == "友谊农贸市场" and o.sample_name == "菠菜" and o.item == "op_carbamate"
        assert o.hours_overdue == pytest.approx((now - (local(DAY, 7) + RETEST_DUE)).total_seconds() / 3600, abs=0.1)
        assert overdue_retests(s, now, market_ids=[market + 1]) == []
