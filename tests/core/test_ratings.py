"""Star rules propose, a supervisor applies or rejects; the history, audit and star count follow."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from core.auth import SYSTEM
from core.db.models import AuditEvent, Business, StarChange, StarProposal, StarRating
from core.errors import PermissionDenied, ShianError, StaleEditError, UsageError
from core.ratings import (
    apply_proposal,
    open_proposals,
    propose_for_alert,
    propose_for_clean_quarter,
    propose_for_inspection,
    propose_for_offline_cameras,
    reject_proposal,
    set_star,
    star_history,
)
from tests.core.small_city import (
    ANALYST,
    SUPERVISOR,
    add_alert,
    add_business,
    add_camera,
    add_inspection,
    local,
)

NOW = datetime(2026, 11, 20, 6, 0, tzinfo=UTC)
TODAY = date(2026, 11, 20)
BOSS2 = SUPERVISOR.__class__("liu.supervisor", "supervisor")


def _stars(db, bid):
    with db.session() as s:
        r = s.scalar(select(StarRating).where(StarRating.business_id == bid))
        return {k: getattr(r, k) for k in ("compliance", "dining", "kitchen", "preparation", "management")}, \
            s.get(Business, bid).stars


def test_confirmed_preparation_alert_lowers_the_safe_preparation_star_when_applied(db):
    with db.session() as s:
        b = add_business(s, "老街羊肉馆")
        cam = add_camera(s, b)
        alert = add_alert(s, b, "no_hat", camera=cam, raised=NOW)
        made = propose_for_alert(s, alert, SYSTEM)
        assert [(p.star, p.new, p.rule, p.state) for p in made] == [("preparation", False, "alert.no_hat", "proposed")]
        assert "未戴工作帽" in made[0].reason and made[0].evidence["alert_id"] == alert.id
        again = add_alert(s, b, "smoking", camera=cam, raised=NOW)
        assert propose_for_alert(s, again, SYSTEM) == []  # the same change already waits
        bid, pid, version = b.id, made[0].id, made[0].version
    assert _stars(db, bid) == ({"compliance": True, "dining": True, "kitchen": True, "preparation": True,
                                "management": True}, 5)
    with db.session() as s:
        change = apply_proposal(s, pid, SUPERVISOR, seen_version=version, note="现场核实属实")
        assert (change.star, change.old, change.new, change.by_user) == ("preparation", True, False, SUPERVISOR.username)
        assert change.source == "alert.no_hat" and "现场核实属实" in change.reason
    stars, count = _stars(db, bid)
    assert stars["preparation"] is False and count == 4
    with db.session() as s:
        p = s.get(StarProposal, pid)
        assert (p.state, p.decided_by) == ("applied", SUPERVISOR.username) and p.decided_at is not None
        actions = set(s.scalars(select(AuditEvent.action)))
        assert {"star_proposal.create", "star.change", "star_proposal.apply"} <= actions
        rating = s.scalar(select(StarRating).where(StarRating.business_id == bid))
        assert rating.rated_by == SUPERVISOR.username
        # The star is off now: another confirmed alert proposes nothing more.
        assert propose_for_alert(s, add_alert(s, s.get(Business, bid), "no_mask"), SYSTEM) == []
        with pytest.raises(ShianError):
            apply_proposal(s, pid, SUPERVISOR)  # already applied


def test_lens_covered_points_at_management_and_unconfirmed_alerts_at_nothing(db):
    with db.session() as s:
        b = add_business(s, "阳光食堂")
        cam = add_camera(s, b)
        pending = add_alert(s, b, "lens_covered", state="new", camera=cam)
        assert propose_for_alert(s, pending, SYSTEM) == []
        dismissed = add_alert(s, b, "rodent", state="dismissed", camera=cam)
        assert propose_for_alert(s, dismissed, SYSTEM) == []
        offline = add_alert(s, b, "camera_offline", camera=cam)
        assert propose_for_alert(s, offline, SYSTEM) == []
        covered = add_alert(s, b, "lens_covered", camera=cam)
        covered.business_id = None  # known only through its camera
        made = propose_for_alert(s, covered, SYSTEM)
        assert [(p.business_id, p.star, p.new) for p in made] == [(b.id, "management", False)]
        with pytest.raises(PermissionDenied):
            propose_for_alert(s, covered, ANALYST)


def test_only_supervisors_decide_and_a_stale_decision_is_refused(db):
    with db.session() as s:
        b = add_business(s, "河套面馆")
        p = propose_for_alert(s, add_alert(s, b, "phone"), SYSTEM)[0]
        bid, pid, seen = b.id, p.id, p.version
    with db.session() as s, pytest.raises(PermissionDenied):
        apply_proposal(s, pid, ANALYST)
    with db.session() as s:
        reject_proposal(s, pid, BOSS2, seen_version=seen, note="画面为顾客，非从业人员")
    with db.session() as s, pytest.raises(StaleEditError) as err:
        apply_proposal(s, pid, SUPERVISOR, seen_version=seen)
    assert BOSS2.username in str(err.value)
    assert _stars(db, bid)[1] == 5
    with db.session() as s:
        assert s.get(StarProposal, pid).state == "rejected"
        assert s.scalar(select(func.count()).select_from(StarChange)) == 0
        assert open_proposals(s) == []


def test_concurrent_change_to_the_rating_loses_nothing(db):
    """Two supervisors apply different proposals on the same rating at once: the second is refused."""
    with db.session() as s:
        b = add_business(s, "鹿城饺子馆")
        p1 = propose_for_alert(s, add_alert(s, b, "no_mask"), SYSTEM)[0]
        p2 = propose_for_alert(s, add_alert(s, b, "lens_covered"), SYSTEM)[0]
        bid, id1, id2 = b.id, p1.id, p2.id
    with db.sessions() as a, db.sessions() as other:
        shown = a.scalar(select(StarRating).where(StarRating.business_id == bid))  # first supervisor has it open
        apply_proposal(other, id2, BOSS2)
        other.commit()
        with pytest.raises(StaleEditError):
            apply_proposal(a, id1, SUPERVISOR)
        assert shown is not None
    stars, count = _stars(db, bid)
    assert (stars["management"], stars["preparation"], count) == (False, True, 4)
    with db.session() as s:
        assert s.get(StarProposal, id1).state == "proposed"  # still waiting, can be applied on reload
        apply_proposal(s, id1, SUPERVISOR)
    assert _stars(db, bid)[1] == 3


def test_failed_inspection_proposes_compliance_and_kitchen_down(db):
    with db.session() as s:
        b = add_business(s, "草原烧烤", stars={"kitchen": False})
        ok = add_inspection(s, b, local(TODAY, 10))
        assert propose_for_inspection(s, ok, SYSTEM) == []
        bad = add_inspection(s, b, local(TODAY, 11), result="fail",
                             violations=(("生熟未分开", "high"), ("餐具消毒不彻底", "high")))
        made = propose_for_inspection(s, bad, SYSTEM)
        assert [(p.star, p.new) for p in made] == [("compliance", False)]  # the kitchen star is already off
        assert "生熟未分开" in made[0].reason and made[0].evidence["violations"] == ["生熟未分开", "餐具消毒不彻底"]
        assert propose_for_inspection(s, bad, SYSTEM) == []


def test_kitchen_camera_offline_for_days_proposes_management_down(db):
    with db.session() as s:
        long_off = add_business(s, "一号餐厅")
        add_camera(s, long_off, state="offline", since=NOW - timedelta(days=4))
        add_camera(s, long_off, state="offline", since=NOW - timedelta(days=5))
        briefly = add_business(s, "二号餐厅")
        add_camera(s, briefly, state="offline", since=NOW - timedelta(hours=20))
        made = propose_for_offline_cameras(s, SYSTEM, NOW)
        assert [(p.business_id, p.star, p.new) for p in made] == [(long_off.id, "management", False)]
        assert "离线已5天" in made[0].reason and len(made[0].evidence["cameras"]) == 2
        assert propose_for_offline_cameras(s, SYSTEM, NOW) == []


def test_a_rejected_periodic_proposal_is_not_asked_again_until_the_facts_change(db):
    with db.session() as s:
        b = add_business(s, "三号餐厅")
        cam = add_camera(s, b, state="offline", since=NOW - timedelta(days=4))
        [made] = propose_for_offline_cameras(s, SYSTEM, NOW)
        reject_proposal(s, made.id, SUPERVISOR, note="摄像头维修中，已报备")
        assert propose_for_offline_cameras(s, SYSTEM, NOW + timedelta(days=1)) == []  # the same outage
        # back online, then a new outage after the rejection: that one is proposed again
        later = datetime.now(UTC) + timedelta(days=1)
        cam.state_since = later
        again = propose_for_offline_cameras(s, SYSTEM, later + timedelta(days=4))
        assert [(p.business_id, p.star, p.new) for p in again] == [(b.id, "management", False)]

        quiet = add_business(s, "四号餐厅", stars={"dining": False})
        add_inspection(s, quiet, local(TODAY - timedelta(days=15), 10))
        [clean] = propose_for_clean_quarter(s, SYSTEM, TODAY)
        reject_proposal(s, clean.id, SUPERVISOR, note="群众投诉待核实")
        assert propose_for_clean_quarter(s, SYSTEM, TODAY + timedelta(days=1)) == []


def test_clean_quarter_proposes_the_first_missing_star(db):
    with db.session() as s:
        clean = add_business(s, "清爽小馆", stars={"dining": False, "management": False})
        add_inspection(s, clean, local(TODAY - timedelta(days=30), 10))
        violated = add_business(s, "违规小馆", stars={"dining": False})
        add_inspection(s, violated, local(TODAY - timedelta(days=20), 10))
        add_inspection(s, violated, local(TODAY - timedelta(days=40), 10), result="rectify",
                       violations=(("地面墙面不洁", "low"),))
        alerted = add_business(s, "告警小馆", stars={"dining": False})
        add_inspection(s, alerted, local(TODAY - timedelta(days=10), 10))
        add_alert(s, alerted, "smoking", raised=NOW - timedelta(days=3))
        full = add_business(s, "五星酒楼")
        add_inspection(s, full, local(TODAY - timedelta(days=10), 10))
        stale = add_business(s, "久未检查", stars={"dining": False})
        add_inspection(s, stale, local(TODAY - timedelta(days=120), 10))
        made = propose_for_clean_quarter(s, SYSTEM, TODAY)
        assert [(p.business_id, p.star, p.new, p.rule) for p in made] == [(clean.id, "dining", True, "clean_quarter")]
        assert propose_for_clean_quarter(s, SYSTEM, TODAY) == []
        apply_proposal(s, made[0].id, SUPERVISOR)
        bid = clean.id
    stars, count = _stars(db, bid)
    assert stars["dining"] is True and count == 4
    with db.session() as s:
        assert propose_for_clean_quarter(s, SYSTEM, TODAY) == []  # a star was just raised this quarter


def test_manual_change_needs_a_reason_and_history_is_newest_first(db):
    with db.session() as s:
        b = add_business(s, "老字号烧麦", stars={"management": False})
        with pytest.raises(UsageError):
            set_star(s, b.id, "management", True, SUPERVISOR, "  ")
        with pytest.raises(UsageError):
            set_star(s, b.id, "sparkle", True, SUPERVISOR, "复评")
        with pytest.raises(ShianError):
            set_star(s, b.id, "kitchen", True, SUPERVISOR, "复评")  # already given
        set_star(s, b.id, "management", True, SUPERVISOR, "年度复评通过")
        set_star(s, b.id, "dining", False, SUPERVISOR, "群众投诉属实")
        hist = star_history(s, b.id)
        assert [(h.star, h.new, h.reason) for h in hist] == [("dining", False, "群众投诉属实"),
                                                              ("management", True, "年度复评通过")]
        assert s.get(Business, b.id).stars == 4


@pytest.mark.postgres
def test_two_desktops_running_the_rules_at_once_propose_each_change_once(pg_migrated):
    import threading

    from core.db.engine import Database
    from core.ratings import run_periodic_rules
    from tests.conftest import _truncate_all

    _truncate_all(pg_migrated)
    db = Database(pg_migrated)
    try:
        with db.session() as s:
            for i in range(30):
                b = add_business(s, f"清爽小馆{i}", stars={"dining": False})
                add_inspection(s, b, local(TODAY - timedelta(days=20), 10))
                add_camera(s, b, state="offline", since=NOW - timedelta(days=5))
        start = threading.Barrier(2)
        made, errors = [], []

        def desktop():
            try:
                with db.session() as s:
                    start.wait()
                    made.append(len(run_periodic_rules(s, SUPERVISOR, NOW)))
            except Exception as exc:  # reported below
                errors.append(exc)

        threads = [threading.Thread(target=desktop) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert not errors and sorted(made) == [0, 60]  # one run made them all, the other none
        with db.session() as s:
            assert s.scalar(select(func.count()).select_from(StarProposal)) == 60
    finally:
        db.dispose()
