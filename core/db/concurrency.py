"""Optimistic locking for records two people can edit (alerts, tasks, star ratings).

The UI remembers the version it showed; the service refuses the edit if the row has moved on.
SQLAlchemy's ``version_id_col`` closes the remaining race: the UPDATE carries
``WHERE version = :seen`` and a lost race raises StaleDataError, turned here into StaleEditError.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from core.errors import StaleEditError


def _who(obj) -> tuple[str | None, object]:
    by = getattr(obj, "claimed_by", None) or getattr(obj, "rated_by", None) or getattr(obj, "decided_by", None)
    at = getattr(obj, "updated_at", None) or getattr(obj, "rated_at", None)
    return by, at


def check_version(obj, seen_version: int | None) -> None:
    """Refuse an edit based on an older read of ``obj``."""
    if seen_version is not None and obj.version != seen_version:
        by, at = _who(obj)
        raise StaleEditError(obj.__tablename__, obj.id, by=by, at=at)


@contextmanager
def guarded(session: Session, obj) -> Iterator[None]:
    """Flush inside; a concurrent update that won the race becomes a StaleEditError."""
    try:
        yield
        session.flush()
    except StaleDataError:
        session.rollback()
        fresh = session.get(type(obj), obj.id)
        by, at = _who(fresh) if fresh is not None else (None, None)
        raise StaleEditError(obj.__tablename__, obj.id, by=by, at=at) from None
