"""Live changes reach every workstation.

Every flush that touches a watched table appends to ``change_log`` in the same transaction; on
PostgreSQL it also sends ``NOTIFY shian_changes`` (delivered at commit). Workstations LISTEN on
PostgreSQL and poll ``change_log`` by id on SQLite; both see the same stream.
"""

from __future__ import annotations

from sqlalchemy import event, func, insert, select, text
from sqlalchemy.orm import Session

from core.db.models import ChangeLog

CHANNEL = "shian_changes"
WATCHED = {
    "alert", "alert_event", "dispatch_task", "star_rating", "star_proposal", "rapid_test",
    "vehicle", "camera", "business", "market", "vendor_zone", "stall", "inspection", "inspector",
}


def _rows_for(session: Session) -> list[dict]:
    rows = []
    for op, objs in (("insert", session.new), ("update", session.dirty), ("delete", session.deleted)):
        for obj in objs:
            table = getattr(obj, "__tablename__", None)
            if table in WATCHED and (op != "update" or session.is_modified(obj)):
                rows.append({"entity": table, "op": op, "obj": obj})
    return rows


@event.listens_for(Session, "before_flush")
def _collect(session: Session, _ctx, _instances) -> None:
    session.info.setdefault("_shian_changes", []).extend(_rows_for(session))


@event.listens_for(Session, "after_flush_postexec")
def _write(session: Session, _ctx) -> None:
    pending = session.info.pop("_shian_changes", [])
    if not pending:
        return
    values = [{"entity": r["entity"], "entity_id": str(getattr(r["obj"], "id", "") or ""), "op": r["op"]}
              for r in pending]
    notify(session, values)


def notify(session: Session, values: list[dict]) -> None:
    """Append change-log rows (and NOTIFY on PostgreSQL) inside the caller's transaction."""
    if not values:
        return
    from core.db.models._common import utcnow

    now = utcnow()
    conn = session.connection()
    conn.execute(insert(ChangeLog), [{**v, "at": now} for v in values])
    if conn.dialect.name == "postgresql":
        entities = sorted({v["entity"] for v in values})
        conn.execute(text("SELECT pg_notify(:c, :p)"), {"c": CHANNEL, "p": ",".join(entities)})


def latest_change_id(session: Session) -> int:
    return int(session.scalar(select(func.max(ChangeLog.id))) or 0)


def changes_since(session: Session, after_id: int, limit: int = 5000) -> list[ChangeLog]:
    return list(session.scalars(select(ChangeLog).where(ChangeLog.id > after_id).order_by(ChangeLog.id).limit(limit)))
