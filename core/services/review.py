"""The supervisor's review of alerts: a state machine with an append-only timeline.

States: ``new`` → ``in_review`` (claimed by one supervisor) → ``confirmed`` or ``dismissed`` →
``rectification`` (ordered, after a confirmation) → ``closed``. Every step checks the
``review_alert`` permission, refuses an edit made on an older read of the alert (the version the
caller saw), appends an AlertEvent (who, when, from, to) and writes an audit row, all in the
caller's transaction.

Claiming is atomic in the database: the UPDATE carries ``WHERE version = :seen``, so of two
supervisors pressing "claim" at once exactly one wins; the other is told who holds the alert.
A dismissal as a false positive raises that camera's threshold for that kind (a visible
DetectorThreshold row that ``reset_threshold`` removes), so the same false alarm comes back
less often.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from core import audit
from core.auth import Actor
from core.db.models import SEVERITY, Alert, AlertEvent, Camera, DetectorThreshold
from core.db.models._common import utcnow
from core.errors import NotFound, ShianError, StaleEditError
from core.ratings import propose_for_alert, recompute_risk
from core.vision import thresholds as _thresholds

TRANSITIONS: dict[str, tuple[str, ...]] = {
    "claim": ("new",),
    "release": ("in_review",),
    "confirm": ("in_review",),
    "dismiss": ("in_review",),
    "order_rectification": ("confirmed",),
    "close": ("confirmed", "dismissed", "rectification"),
}
OPEN_FOR_NOTES = ("new", "in_review", "confirmed", "dismissed", "rectification")
_MAX_SEVERITY = max(SEVERITY.values())


class AlertHeldError(StaleEditError):
    """The alert is being reviewed by another supervisor; nothing was written."""

    def __init__(self, alert_id: int, holder: str, since: datetime | None):
        when = f" since {since:%H:%M:%S}" if since else ""
        ShianError.__init__(self, f"alert {alert_id} is held by {holder}{when}; it was not claimed. "
                                  "Pick another alert or ask them to release it.")
        self.entity, self.entity_id, self.by, self.at = "alert", alert_id, holder, since


class TransitionError(ShianError):
    """A step that the alert's state does not allow (confirming a closed alert…)."""

    exit_code = 2


def _load(session: Session, alert_id: int) -> Alert:
    alert = session.get(Alert, alert_id, populate_existing=True)
    if alert is None:
        raise NotFound(f"alert {alert_id} does not exist")
    return alert


def _state_of(session: Session, alert_id: int) -> tuple[str | None, str | None, datetime | None]:
    row = session.execute(select(Alert.state, Alert.claimed_by, Alert.claimed_at).where(Alert.id == alert_id)).first()
    return (row[0], row[1], row[2]) if row else (None, None, None)


def _lost_write_race(session: Session, exc: OperationalError) -> bool:
    """SQLite refuses a write on a snapshot another connection has since changed ("locked"):
    the same lost race as a stale version on PostgreSQL."""
    return session.get_bind().dialect.name == "sqlite" and "locked" in str(exc.orig).lower()


def _check_version(session: Session, alert: Alert, seen: int | None) -> None:
    """Refuse an edit on an older read, naming who made the last step and when (from the timeline)."""
    if seen is None or alert.version == seen:
        return
    last = session.scalar(select(AlertEvent).where(AlertEvent.alert_id == alert.id)
                          .order_by(AlertEvent.id.desc()).limit(1))
    raise StaleEditError("alert", alert.id, by=last.actor if last else None, at=last.at if last else None)


def _step(session: Session, actor: Actor, alert_id: int, version: int | None, action: str,
          to_state: str | None, change: Callable[[Alert], None], note: str = "",
          own_claim: bool = True) -> Alert:
    """Check, change, log and flush one step; a lost race becomes StaleEditError / AlertHeldError."""
    actor.require("review_alert")
    alert = _load(session, alert_id)
    if action == "claim" and alert.state == "in_review" and alert.claimed_by != actor.username:
        raise AlertHeldError(alert.id, alert.claimed_by or "?", alert.claimed_at)
    _check_version(session, alert, version)
    allowed = TRANSITIONS.get(action)
    if allowed is not None and alert.state not in allowed:
        if action == "claim" and alert.state == "in_review" and alert.claimed_by != actor.username:
            raise AlertHeldError(alert.id, alert.claimed_by or "?", alert.claimed_at)
        raise TransitionError(f"alert {alert.id} is {alert.state}; it cannot be {action.replace('_', ' ')}ed "
                              f"(allowed from: {', '.join(allowed)})")
    if (own_claim and alert.state == "in_review" and alert.claimed_by
            and alert.claimed_by != actor.username and actor.role != "admin"):
        raise AlertHeldError(alert.id, alert.claimed_by, alert.claimed_at)
    before = audit.snapshot(alert)
    from_state = alert.state
    change(alert)
    if to_state is not None:
        alert.state = to_state
    alert.updated_at = utcnow()
    try:
        session.flush()
    except (StaleDataError, OperationalError) as exc:
        if isinstance(exc, OperationalError) and not _lost_write_race(session, exc):
            raise
        nested = session.get_nested_transaction()
        (nested or session).rollback()
        state, holder, since = _state_of(session, alert_id)
        if state == "in_review" and holder and holder != actor.username:
            raise AlertHeldError(alert_id, holder, since) from None
        raise StaleEditError("alert", alert_id, by=holder) from None
    session.add(AlertEvent(alert_id=alert.id, at=alert.updated_at, actor=actor.username, action=action,
                           from_state=from_state, to_state=alert.state, note=note))
    audit.record(session, actor, f"alert.{action}", alert, before=before, note=note)
    session.flush()
    return alert


def claim(session: Session, actor: Actor, alert_id: int, *, version: int | None) -> Alert:
    """Take a new alert into review. Another supervisor's claim wins only if it was first."""

    def change(a: Alert) -> None:
        a.claimed_by, a.claimed_at = actor.username, utcnow()

    return _step(session, actor, alert_id, version, "claim", "in_review", change)


def release(session: Session, actor: Actor, alert_id: int, *, version: int | None) -> Alert:
    """Give an alert in review back to the queue."""

    def change(a: Alert) -> None:
        a.claimed_by, a.claimed_at = None, None

    return _step(session, actor, alert_id, version, "release", "new", change)


def confirm(session: Session, actor: Actor, alert_id: int, *, version: int | None, note: str = "") -> Alert:
    """Uphold the alert. It then counts against the business: the rating rules may propose taking
    a star (a confirmed preparation alert: the 制作放心星), and its risk grade is computed again."""
    alert = _step(session, actor, alert_id, version, "confirm", "confirmed", lambda a: None, note)
    propose_for_alert(session, alert, actor)
    business_id = alert.business_id
    if business_id is None and alert.camera_id is not None:
        business_id = session.scalar(select(Camera.business_id).where(Camera.id == alert.camera_id))
    if business_id is not None:
        recompute_risk(session, actor, [business_id])
    return alert


def dismiss(session: Session, actor: Actor, alert_id: int, *, version: int | None, reason: str,
            false_positive: bool = True) -> Alert:
    """Dismiss with a reason. As a false positive of a camera, that camera's threshold for the
    kind rises one step, so the same thing alerts less readily."""
    if not reason or not reason.strip():
        raise TransitionError("a dismissal needs a reason")

    def change(a: Alert) -> None:
        a.dismiss_reason = reason.strip()
        detail = dict(a.detail or {})
        detail["false_positive"] = bool(false_positive)
        a.detail = detail

    alert = _step(session, actor, alert_id, version, "dismiss", "dismissed", change, reason.strip())
    if false_positive and alert.camera_id is not None:
        _raise_threshold(session, actor, alert.camera_id, alert.kind, alert.id)
    return alert


def escalate(session: Session, actor: Actor, alert_id: int, *, version: int | None, note: str = "") -> Alert:
    """One severity step up (to critical at most); the state stays."""

    def change(a: Alert) -> None:
        if a.severity >= _MAX_SEVERITY:
            raise TransitionError(f"alert {a.id} is already at the highest severity")
        a.severity += 1

    return _step(session, actor, alert_id, version, "escalate", None, change, note, own_claim=False)


def assign(session: Session, actor: Actor, alert_id: int, *, version: int | None, to: str) -> Alert:
    if not to or not to.strip():
        raise TransitionError("assign to whom? the name is empty")

    def change(a: Alert) -> None:
        a.assignee = to.strip()

    return _step(session, actor, alert_id, version, "assign", None, change, f"assigned to {to.strip()}",
                 own_claim=False)


def note(session: Session, actor: Actor, alert_id: int, text: str, *, version: int | None = None) -> Alert:
    """A note on the timeline. Notes never conflict, so the version is optional."""
    if not text or not text.strip():
        raise TransitionError("the note is empty")
    actor.require("review_alert")
    alert = _load(session, alert_id)
    _check_version(session, alert, version)
    if alert.state not in OPEN_FOR_NOTES:
        raise TransitionError(f"alert {alert.id} is {alert.state}; notes are closed")
    session.add(AlertEvent(alert_id=alert.id, at=utcnow(), actor=actor.username, action="note",
                           from_state=alert.state, to_state=alert.state, note=text.strip()))
    audit.record(session, actor, "alert.note", entity="alert", entity_id=alert.id, after=None, note=text.strip())
    session.flush()
    return alert


def order_rectification(session: Session, actor: Actor, alert_id: int, *, version: int | None,
                        note: str = "") -> Alert:
    return _step(session, actor, alert_id, version, "order_rectification", "rectification", lambda a: None, note,
                 own_claim=False)


def close(session: Session, actor: Actor, alert_id: int, *, version: int | None, note: str = "") -> Alert:
    def change(a: Alert) -> None:
        if a.ended_at is None:
            a.ended_at = utcnow()

    return _step(session, actor, alert_id, version, "close", "closed", change, note, own_claim=False)


# ---------------------------------------------------------------------------------------------
# Thresholds fed by dismissals


def _raise_threshold(session: Session, actor: Actor, camera_id: int, kind: str, alert_id: int) -> DetectorThreshold:
    row = session.scalar(select(DetectorThreshold).where(DetectorThreshold.camera_id == camera_id,
                                                         DetectorThreshold.kind == kind))
    before = audit.snapshot(row) if row is not None else None
    if row is None:
        row = DetectorThreshold(camera_id=camera_id, kind=kind, threshold=_thresholds.default_for(kind), dismissals=0)
        session.add(row)
    row.threshold = _thresholds.raised(float(row.threshold))
    row.dismissals = int(row.dismissals or 0) + 1
    row.updated_at = utcnow()
    row.updated_by = actor.username
    session.flush()
    audit.record(session, actor, "threshold.raise", row, before=before, note=f"dismissal of alert {alert_id}")
    return row


def threshold(session: Session, camera_id: int, kind: str) -> tuple[float, bool]:
    """The camera's threshold for the kind and whether it is raised above the default."""
    row = session.scalar(select(DetectorThreshold).where(DetectorThreshold.camera_id == camera_id,
                                                         DetectorThreshold.kind == kind))
    if row is None:
        return _thresholds.default_for(kind), False
    return float(row.threshold), True


def reset_threshold(session: Session, actor: Actor, camera_id: int, kind: str) -> bool:
    """Back to the default for that camera and kind; returns False when nothing was raised."""
    actor.require("review_alert")
    row = session.scalar(select(DetectorThreshold).where(DetectorThreshold.camera_id == camera_id,
                                                         DetectorThreshold.kind == kind))
    if row is None:
        return False
    before = audit.snapshot(row)
    session.delete(row)
    audit.record(session, actor, "threshold.reset", entity="detector_threshold", entity_id=before["id"],
                 before=before, after=None)
    session.flush()
    return True


# ---------------------------------------------------------------------------------------------
# Bulk actions: each alert in its own savepoint, so one stale alert does not undo the others


@dataclass
class BulkResult:
    done: list[int] = field(default_factory=list)
    failed: dict[int, str] = field(default_factory=dict)


_ACTIONS: dict[str, Callable[..., Alert]] = {
    "claim": claim, "release": release, "confirm": confirm, "dismiss": dismiss, "escalate": escalate,
    "assign": assign, "order_rectification": order_rectification, "close": close,
}


def bulk(session: Session, actor: Actor, action: str, items: Iterable[tuple[int, int | None]], **kw) -> BulkResult:
    """Apply one action to many ``(alert_id, seen_version)`` pairs; failures are reported, not raised."""
    fn = _ACTIONS.get(action)
    if fn is None:
        raise TransitionError(f"unknown review action {action!r}; known: {', '.join(_ACTIONS)}")
    actor.require("review_alert")
    result = BulkResult()
    for alert_id, version in items:
        savepoint = session.begin_nested()
        try:
            fn(session, actor, alert_id, version=version, **kw)
            savepoint.commit()
            result.done.append(alert_id)
        except ShianError as exc:
            if savepoint.is_active:
                savepoint.rollback()
            result.failed[alert_id] = str(exc)
    return result


def bulk_confirm(session, actor, items, **kw) -> BulkResult:
    return bulk(session, actor, "confirm", items, **kw)


def bulk_dismiss(session, actor, items, *, reason: str, false_positive: bool = True) -> BulkResult:
    return bulk(session, actor, "dismiss", items, reason=reason, false_positive=false_positive)


def bulk_close(session, actor, items, **kw) -> BulkResult:
    return bulk(session, actor, "close", items, **kw)


def timeline(session: Session, alert_id: int) -> list[AlertEvent]:
    return list(session.scalars(select(AlertEvent).where(AlertEvent.alert_id == alert_id).order_by(AlertEvent.id)))
