"""Certificate expiry warnings, 30, 7 and 0 days ahead, for the vehicle details and the wall.

Only the latest certificate of a kind counts for a holder: a renewed licence silences the warning
of the one it replaces. Dates are local (Asia/Shanghai) calendar days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.db.models import Certificate
from core.vehicles.hours import local

WARN_DAYS = (30, 7, 0)


@dataclass(frozen=True)
class CertificateWarning:
    certificate_id: int
    kind: str
    number: str
    holder: str
    vehicle_id: int | None
    business_id: int | None
    expires: date
    days_left: int  # negative once expired
    level: int  # 30, 7 or 0: the tightest threshold reached

    @property
    def expired(self) -> bool:
        return self.days_left < 0


def certificate_warnings(session: Session, today: date | None = None, *, vehicle_id: int | None = None,
                         business_id: int | None = None, vehicles_only: bool = False) -> list[CertificateWarning]:
    """Certificates that expire within 30 days, or have expired, most urgent first."""
    today = today or local(datetime.now(UTC)).date()
    q = select(Certificate).where(Certificate.expires.is_not(None))
    if vehicle_id is not None:
        q = q.where(Certificate.vehicle_id == vehicle_id)
    if business_id is not None:
        q = q.where(Certificate.business_id == business_id)
    if vehicles_only:
        q = q.where(Certificate.vehicle_id.is_not(None))
    latest: dict[tuple, Certificate] = {}
    for c in session.scalars(q):
        key = (c.vehicle_id, c.business_id, c.kind, c.holder)
        if key not in latest or c.expires > latest[key].expires:
            latest[key] = c
    out = []
    for c in latest.values():
        days = (c.expires - today).days
        if days > WARN_DAYS[0]:
            continue
        level = next(w for w in reversed(WARN_DAYS) if days <= w)
        out.append(CertificateWarning(c.id, c.kind, c.number, c.holder, c.vehicle_id, c.business_id,
                                      c.expires, days, level))
    return sorted(out, key=lambda w: (w.days_left, w.certificate_id))
