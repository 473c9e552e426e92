"""What the vehicle details show, as plain data the application fills from its database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# "Five musts" and "eight controls" of the banquet-truck rules, in the order they are read out.
FIVE_MUSTS = ("business_licence", "liability_insurance", "gps_video", "filing", "training")
EIGHT_CONTROLS = ("health_certificates", "raw_materials", "transport", "cooking", "sample_retention",
                  "disinfection", "hygiene", "kitchen_waste")
WARN_DAYS = (30, 7, 0)


@dataclass(frozen=True)
class CheckItem:
    item: str  # one of FIVE_MUSTS + EIGHT_CONTROLS
    ok: bool | None  # None: never checked
    evidence: str = ""
    checked_at: float | None = None  # epoch seconds
    checked_by: str = ""


@dataclass(frozen=True)
class CertificateRow:
    kind: str
    number: str
    holder: str
    issued: date | None
    expires: date | None
    days_left: int | None  # negative once expired; None without an expiry date
    renewed: bool = False  # a newer certificate of the same kind and holder replaces it

    @property
    def level(self) -> int | None:
        """30, 7 or 0: the tightest warning threshold reached; None when not yet warned."""
        if self.renewed or self.days_left is None or self.days_left > WARN_DAYS[0]:
            return None
        return next(w for w in reversed(WARN_DAYS) if self.days_left <= w)


@dataclass(frozen=True)
class JobRow:
    day: date
    venue: str
    occasion: str
    guests: int
    host: str
    sample_retained: bool
    status: str  # declared, done, cancelled
    starts_at: float | None = None  # epoch seconds


@dataclass(frozen=True)
class LedgerRow:
    kind: str  # purchase, disinfection
    at: float  # epoch seconds
    item: str
    quantity: float | None = None
    unit: str = ""
    supplier: str = ""
    note: str = ""


@dataclass(frozen=True)
class AlertRow:
    id: int
    raised_at: float  # epoch seconds
    kind: str
    title: str
    severity: int  # 0 info … 4 critical
    state: str
    ended: bool = False


@dataclass(frozen=True)
class VehicleDetails:
    id: int
    plate: str
    kind: str
    owner: str = ""
    phone: str = ""
    terminal_phone: str = ""
    last_time: float | None = None
    last_speed: float | None = None
    checks: list[CheckItem] = field(default_factory=list)
    certificates: list[CertificateRow] = field(default_factory=list)
    jobs: list[JobRow] = field(default_factory=list)
    ledgers: list[LedgerRow] = field(default_factory=list)
    alerts: list[AlertRow] = field(default_factory=list)

    def warnings(self) -> list[CertificateRow]:
        """Certificates within 30 days of expiry or expired, most urgent first."""
        return sorted((c for c in self.certificates if c.level is not None), key=lambda c: c.days_left)
