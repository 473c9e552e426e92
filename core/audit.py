"""The audit trail: every state change made through a service writes who, when, what, before, after."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session

from core.auth import Actor
from core.db.models import AuditEvent

_SKIP = {"geom", "password_hash", "data"}


def _jsonable(v: Any) -> Any:
    if isinstance(v, (datetime, date)):
        return v.isoformat()
    if isinstance(v, bytes):
        return f"<{len(v)} bytes>"
    if isinstance(v, (str, int, float, bool, type(None), list, dict)):
        return v
    return str(v)


def snapshot(obj) -> dict:
    """Column values of a mapped object, JSON-safe, without geometry, blobs or secrets."""
    mapper = sa_inspect(obj).mapper
    return {c.key: _jsonable(getattr(obj, c.key)) for c in mapper.column_attrs if c.key not in _SKIP}


def record(session: Session, actor: Actor, action: str, obj=None, *, entity: str | None = None,
           entity_id=None, before: dict | None = None, after: dict | None = None, note: str = "") -> AuditEvent:
    """Add an audit row to the caller's transaction: it commits or rolls back with the change."""
    if obj is not None:
        entity = entity or obj.__tablename__
        if entity_id is None:
            session.flush([obj]) if obj in session.new else None
            entity_id = getattr(obj, "id", None)
        if after is None:
            after = snapshot(obj)
    ev = AuditEvent(actor=actor.username, action=action, entity=entity or "?",
                    entity_id=None if entity_id is None else str(entity_id),
                    before=before, after=after, note=note)
    session.add(ev)
    return ev
