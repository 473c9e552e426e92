"""Raising alerts into the shared queue, whatever the source (camera, vehicle, test, system).

An ongoing condition raises one alert, not one per frame or fix: callers pass a ``dedup_key``
(e.g. ``camera:17:lens_covered``) and while an alert with that key is still open it is
refreshed instead of duplicated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import audit
from core.auth import Actor
from core.db.models import SEVERITY, Alert, AlertEvent, AlertMedia
from core.db.models._common import utcnow

OPEN_STATES = ("new", "in_review", "confirmed", "rectification")


@dataclass
class Raised:
    alert: Alert
    created: bool  # False when an open alert with the same dedup key was refreshed


def severity_value(severity: int | str) -> int:
    if isinstance(severity, int):
        return severity
    return SEVERITY[severity]


def raise_alert(
    session: Session,
    actor: Actor,
    *,
    kind: str,
    source: str,
    severity: int | str = "medium",
    title: str = "",
    dedup_key: str | None = None,
    at: datetime | None = None,
    snapshot_jpeg: bytes | None = None,
    clip_mp4: bytes | None = None,
    **fields,
) -> Raised:
    """Create an alert (or refresh the open one with the same dedup key) in the caller's transaction."""
    actor.require("raise_alert")
    at = at or utcnow()
    if dedup_key:
        existing = session.scalar(
            select(Alert).where(Alert.dedup_key == dedup_key, Alert.state.in_(OPEN_STATES))
            .order_by(Alert.id.desc()).limit(1)
        )
        if existing is not None:
            detail = dict(existing.detail or {})
            detail["last_seen"] = at.isoformat()
            detail["repeats"] = int(detail.get("repeats", 0)) + 1
            existing.detail = detail
            if "score" in fields and fields["score"] is not None:
                existing.score = max(existing.score or 0.0, fields["score"])
            return Raised(existing, False)
    alert = Alert(kind=kind, source=source, severity=severity_value(severity), title=title or kind,
                  dedup_key=dedup_key, raised_at=at, state="new", **fields)
    session.add(alert)
    session.flush()
    session.add(AlertEvent(alert_id=alert.id, at=at, actor=actor.username, action="raised",
                           from_state=None, to_state="new", note=title))
    if snapshot_jpeg:
        session.add(AlertMedia(alert_id=alert.id, kind="snapshot", mime="image/jpeg", data=snapshot_jpeg))
    if clip_mp4:
        session.add(AlertMedia(alert_id=alert.id, kind="clip", mime="video/mp4", data=clip_mp4))
    audit.record(session, actor, "alert.raise", alert)
    return Raised(alert, True)


def end_condition(session: Session, dedup_key: str, at: datetime | None = None) -> Alert | None:
    """Mark the open alert's condition as cleared (the lens is uncovered, the truck left)."""
    alert = session.scalar(
        select(Alert).where(Alert.dedup_key == dedup_key, Alert.state.in_(OPEN_STATES), Alert.ended_at.is_(None))
        .order_by(Alert.id.desc()).limit(1)
    )
    if alert is not None:
        alert.ended_at = at or utcnow()
    return alert
