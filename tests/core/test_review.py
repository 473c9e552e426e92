"""Alert review on both engines: the state machine, stale edits, two supervisors, thresholds."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from core.auth import SYSTEM, Actor
from core.db.models import Alert, AlertEvent, AuditEvent, Camera, DetectorThreshold
from core.errors import PermissionDenied, StaleEditError
from core.services import review
from core.services.alerts import raise_alert
from core.vision import thresholds

ALICE = Actor("alice", "supervisor")
BOB = Actor("bob", "supervisor")
OLGA = Actor("olga", "operator")


def _camera(db, code="CAM-1") -> int:
    with db.session() as s:
        cam = Camera(code=code, name=f"kitchen {code}", lon=109.84, lat=40.66, url="demo:kitchen")
        s.add(cam)
        s.flush()
        return cam.id


def _alert(db, camera_id: int, kind="lens_covered") -> tuple[int, int]:
    with db.session() as s:
        a = raise_alert(s, SYSTEM, kind=kind, source="camera", camera_id=camera_id, lon=109.84, lat=40.66,
                        severity="high").alert
        return a.id, a.version


def _get(db, alert_id) -> Alert:
    with db.session() as s:
        return s.get(Alert, alert_id)


def test_an_alert_goes_from_new_to_closed_with_every_step_on_its_timeline(db):
    cam = _camera(db)
    aid, v = _alert(db, cam)
    with db.session() as s:
        v = review.claim(s, ALICE, aid, version=v).version
    with db.session() as s:
        v = review.note(s, ALICE, aid, "grease on the lens cover").version
    with db.session() as s:
        v = review.confirm(s, ALICE, aid, version=v).version
    with db.session() as s:
        v = review.order_rectification(s, ALICE, aid, version=v, note="clean and re-mount the camera").version
    with db.session() as s:
        review.close(s, ALICE, aid, version=v)
    with db.session() as s:
        events = review.timeline(s, aid)
        steps = [(e.action, e.from_state, e.to_state, e.actor) for e in events]
        audits = s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.entity == "alert",
                                                                             AuditEvent.entity_id == str(aid)))
    assert steps == [
        ("raised", None, "new", "system"),
        ("claim", "new", "in_review", "alice"),
        ("note", "in_review", "in_review", "alice"),
        ("confirm", "in_review", "confirmed", "alice"),
        ("order_rectification", "confirmed", "rectification", "alice"),
        ("close", "rectification", "closed", "alice"),
    ]
    assert all(e.at is not None for e in events)
    assert audits == 6  # raise + five review steps
    final = _get(db, aid)
    assert final.state == "closed" and final.ended_at is not None


def test_an_edit_on_an_older_read_is_refused_and_nothing_is_written(db):
    cam = _camera(db)
    aid, v = _alert(db, cam)
    with db.session() as s:
        v2 = review.claim(s, ALICE, aid, version=v).version
    with db.session() as s:
        review.assign(s, BOB, aid, version=v2, to="inspector wang")  # bob moves the record on
    with pytest.raises(StaleEditError, match="(?i)changed by bob .*reload"), db.session() as s:
        review.confirm(s, ALICE, aid, version=v2)  # alice still looks at v2
    a = _get(db, aid)
    assert a.state == "in_review" and a.assignee == "inspector wang"
    with db.session() as s:
        assert [e.action for e in review.timeline(s, aid)] == ["raised", "claim", "assign"]


def test_the_second_supervisor_is_told_who_holds_the_alert(db):
    cam = _camera(db)
    aid, v = _alert(db, cam)
    with db.session() as s:
        review.claim(s, ALICE, aid, version=v)
    # Bob's screen showed the alert before Alice claimed it, and again after.
    with pytest.raises(review.AlertHeldError, match="held by alice"), db.session() as s:
        review.claim(s, BOB, aid, version=v)
    fresh = _get(db, aid)
    with pytest.raises(review.AlertHeldError, match="held by alice"), db.session() as s:
        review.claim(s, BOB, aid, version=fresh.version)
    with pytest.raises(review.AlertHeldError, match="held by alice"), db.session() as s:
        review.confirm(s, BOB, aid, version=fresh.version)
    assert _get(db, aid).claimed_by == "alice"


def test_two_supervisors_racing_for_one_alert_exactly_one_wins(db):
    cam = _camera(db)
    for _ in range(5):  # several rounds: the race must come out clean every time
        aid, v = _alert(db, cam, kind=f"k{_}")
        barrier = threading.Barrier(2)
        outcome: dict[str, object] = {}

        def attempt(actor, aid=aid, v=v, barrier=barrier, outcome=outcome):
            session = db.sessions()
            try:
                session.get(Alert, aid)  # both have the alert open at the same version
                barrier.wait()
                review.claim(session, actor, aid, version=v)
                session.commit()
                outcome[actor.username] = "won"
            except StaleEditError as exc:
                session.rollback()
                outcome[actor.username] = exc
            finally:
                session.close()

        threads = [threading.Thread(target=attempt, args=(a,)) for a in (ALICE, BOB)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        winners = [k for k, r in outcome.items() if r == "won"]
        assert len(winners) == 1, outcome
        loser = ({"alice", "bob"} - set(winners)).pop()
        assert winners[0] in str(outcome[loser])  # the loser is told who has it
        a = _get(db, aid)
        assert a.claimed_by == winners[0] and a.state == "in_review"
        with db.session() as s:
            assert [e.actor for e in review.timeline(s, aid) if e.action == "claim"] == [winners[0]]


def test_dismissing_a_false_positive_raises_that_cameras_threshold_until_reset(db):
    cam = _camera(db)
    other = _camera(db, "CAM-2")
    default = thresholds.default_for("lens_covered")
    for n in (1, 2):
        aid, v = _alert(db, cam)
        with db.session() as s:
            v = review.claim(s, ALICE, aid, version=v).version
        with db.session() as s:
            review.dismiss(s, ALICE, aid, version=v, reason="steam from the wok, not a hand")
        with db.session() as s:
            value, raised = review.threshold(s, cam, "lens_covered")
        assert raised and value == pytest.approx(default + n * thresholds.STEP)
    with db.session() as s:
        row = s.scalar(select(DetectorThreshold).where(DetectorThreshold.camera_id == cam))
        assert row.dismissals == 2 and row.updated_by == "alice"
        assert review.threshold(s, other, "lens_covered") == (default, False)  # other cameras untouched
        assert thresholds.for_camera(s, cam) == {"lens_covered": pytest.approx(default + 2 * thresholds.STEP)}
    # A dismissal that is not a false positive (a real event, handled) leaves the threshold alone.
    aid, v = _alert(db, other)
    with db.session() as s:
        v = review.claim(s, ALICE, aid, version=v).version
    with db.session() as s:
        review.dismiss(s, ALICE, aid, version=v, reason="duplicate of a phoned-in report", false_positive=False)
    with db.session() as s:
        assert review.threshold(s, other, "lens_covered") == (default, False)
        assert review.reset_threshold(s, ALICE, cam, "lens_covered") is True
    with db.session() as s:
        assert review.threshold(s, cam, "lens_covered") == (default, False)
        assert review.reset_threshold(s, ALICE, cam, "lens_covered") is False
        actions = set(s.scalars(select(AuditEvent.action).where(AuditEvent.entity == "detector_threshold")))
    assert actions == {"threshold.raise", "threshold.reset"}


def test_steps_the_state_does_not_allow_and_roles_without_review_are_refused(db):
    cam = _camera(db)
    aid, v = _alert(db, cam)
    with pytest.raises(review.TransitionError, match="cannot be confirm"), db.session() as s:
        review.confirm(s, ALICE, aid, version=v)
    with pytest.raises(PermissionDenied, match="review alert"), db.session() as s:
        review.claim(s, OLGA, aid, version=v)
    with db.session() as s:
        v = review.claim(s, ALICE, aid, version=v).version
    with pytest.raises(review.TransitionError, match="reason"), db.session() as s:
        review.dismiss(s, ALICE, aid, version=v, reason="  ")
    with db.session() as s:
        v = review.escalate(s, ALICE, aid, version=v, note="school canteen").version
        assert s.get(Alert, aid).severity == 4
    with pytest.raises(review.TransitionError, match="highest severity"), db.session() as s:
        review.escalate(s, ALICE, aid, version=v)
    a = _get(db, aid)
    assert a.state == "in_review" and a.version == v
    with db.session() as s:
        assert [e.action for e in review.timeline(s, aid)] == ["raised", "claim", "escalate"]


def test_bulk_actions_apply_to_each_alert_and_report_the_ones_that_fail(db):
    cam = _camera(db)
    ids = []
    for i in range(3):
        aid, v = _alert(db, cam, kind=f"kind{i}")
        with db.session() as s:
            ids.append((aid, review.claim(s, ALICE, aid, version=v).version))
    stale_id = ids[1][0]
    with db.session() as s:
        review.assign(s, BOB, stale_id, version=ids[1][1], to="inspector li")
    with db.session() as s:
        result = review.bulk_confirm(s, ALICE, ids)
    assert result.done == [ids[0][0], ids[2][0]] and list(result.failed) == [stale_id]
    assert "reload" in result.failed[stale_id].lower()
    states = {aid: _get(db, aid).state for aid, _ in ids}
    assert states == {ids[0][0]: "confirmed", stale_id: "in_review", ids[2][0]: "confirmed"}
    with db.session() as s:
        n = s.scalar(select(func.count()).select_from(AlertEvent).where(AlertEvent.alert_id == stale_id,
                                                                        AlertEvent.action == "confirm"))
    assert n == 0
    with pytest.raises(review.TransitionError, match="unknown review action"), db.session() as s:
        review.bulk(s, ALICE, "delete", ids)
