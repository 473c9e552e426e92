"""Cameras are shared between vision workers by leases on the camera rows.

A worker owns a camera while ``lease_owner`` is its name and ``lease_expires`` is in the future;
it renews its leases every cycle (a third of the lease time). A worker that dies stops renewing,
its leases run out, and the others take the cameras over on their next cycle.

Each live worker announces itself with a presence row in ``meta`` (``vision.worker.<name>`` →
expiry), so every worker knows how many share the cameras and aims for its fair share
(all enabled cameras / live workers, capped by ``max_cameras``): one holding more than its share
releases the excess, one holding fewer takes free or expired cameras.

On PostgreSQL free cameras are taken with ``SELECT … FOR UPDATE SKIP LOCKED``, so workers on
several machines never block on or double-take a camera; times are the database server's clock,
so the machines' clocks need not agree. On SQLite (the embedded default) there is one worker; the
same code runs, without row locks, and SQLite's single writer keeps it consistent.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.orm import Session

from core.db.models import Camera, Meta
from core.db.models._common import utcnow

PRESENCE = "vision.worker."


@dataclass
class Cycle:
    held: list[int] = field(default_factory=list)  # cameras this worker owns after the cycle
    taken: list[int] = field(default_factory=list)
    released: list[int] = field(default_factory=list)
    workers: int = 1
    share: int = 0


def db_now(session: Session) -> datetime:
    """The database's clock on PostgreSQL (shared by every machine), this machine's on SQLite."""
    if session.get_bind().dialect.name == "postgresql":
        return session.scalar(select(func.now()))
    return utcnow()


def _free(now: datetime):
    return or_(Camera.lease_owner.is_(None), Camera.lease_expires.is_(None), Camera.lease_expires < now)


def _announce(session: Session, owner: str, until: datetime) -> None:
    key = PRESENCE + owner
    row = session.get(Meta, key)
    if row is None:
        session.add(Meta(key=key, value=until.isoformat()))
    else:
        row.value = until.isoformat()
    session.flush()


def live_workers(session: Session, now: datetime) -> list[str]:
    out = []
    for key, value in session.execute(select(Meta.key, Meta.value).where(Meta.key.like(PRESENCE + "%"))):
        try:
            alive = datetime.fromisoformat(value) > now
        except ValueError:
            alive = False
        if alive:
            out.append(key[len(PRESENCE):])
    return sorted(out)


def cycle(session: Session, owner: str, *, lease_seconds: float, max_cameras: int | None = None) -> Cycle:
    """Renew, rebalance and take leases for ``owner`` in the caller's transaction."""
    now = db_now(session)
    until = now + timedelta(seconds=lease_seconds)
    _announce(session, owner, until)
    prune_presence(session, now)
    workers = max(1, len(live_workers(session, now)))
    total = session.scalar(select(func.count()).select_from(Camera).where(Camera.enabled.is_(True))) or 0
    share = math.ceil(total / workers)
    if max_cameras is not None:
        share = min(share, max_cameras)
    result = Cycle(workers=workers, share=share)

    mine = list(session.scalars(
        select(Camera.id).where(Camera.lease_owner == owner, Camera.enabled.is_(True)).order_by(Camera.id)))
    # Cameras disabled while held are let go at once.
    session.execute(update(Camera).where(Camera.lease_owner == owner, Camera.enabled.is_(False))
                    .values(lease_owner=None, lease_expires=None))
    if len(mine) > share:
        result.released = mine[share:]
        mine = mine[:share]
        session.execute(update(Camera).where(Camera.id.in_(result.released), Camera.lease_owner == owner)
                        .values(lease_owner=None, lease_expires=None))
    if mine:
        session.execute(update(Camera).where(Camera.id.in_(mine), Camera.lease_owner == owner)
                        .values(lease_expires=until))
    want = share - len(mine)
    if want > 0:
        q = select(Camera.id).where(Camera.enabled.is_(True), _free(now)).order_by(Camera.id).limit(want)
        if session.get_bind().dialect.name == "postgresql":
            q = q.with_for_update(skip_locked=True)
        candidates = list(session.scalars(q))
        if candidates:
            got = session.execute(
                update(Camera).where(Camera.id.in_(candidates), and_(Camera.enabled.is_(True), _free(now)))
                .values(lease_owner=owner, lease_expires=until).returning(Camera.id))
            result.taken = sorted(r[0] for r in got)
    result.held = sorted(mine + result.taken)
    session.flush()
    return result


def leave(session: Session, owner: str) -> list[int]:
    """Give every camera back at once and withdraw the presence row (a clean shutdown). Nobody
    watches them until another worker takes them, so their state is unknown again."""
    ids = list(session.scalars(select(Camera.id).where(Camera.lease_owner == owner)))
    session.execute(update(Camera).where(Camera.lease_owner == owner)
                    .values(lease_owner=None, lease_expires=None, state="unknown", state_since=utcnow()))
    session.execute(delete(Meta).where(Meta.key == PRESENCE + owner))
    return ids


def prune_presence(session: Session, now: datetime, older_than: timedelta = timedelta(hours=1)) -> int:
    """Remove presence rows of workers gone for long (killed machines leave them behind)."""
    gone = [PRESENCE + w for w in _expired(session, now - older_than)]
    if gone:
        session.execute(delete(Meta).where(Meta.key.in_(gone)))
    return len(gone)


def _expired(session: Session, before: datetime) -> list[str]:
    out = []
    for key, value in session.execute(select(Meta.key, Meta.value).where(Meta.key.like(PRESENCE + "%"))):
        try:
            if datetime.fromisoformat(value) < before:
                out.append(key[len(PRESENCE):])
        except ValueError:
            out.append(key[len(PRESENCE):])
    return out
