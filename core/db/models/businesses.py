"""Food businesses, their five stars, inspections and certificates."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db.base import Base
from core.db.models._common import lonlat_index, utcnow
from core.db.types import UTCDateTime

BUSINESS_KINDS = (
    "restaurant", "small_eatery", "canteen_school", "canteen_kindergarten", "canteen_other",
    "workshop", "supermarket", "catering",
)
SCHOOL_KINDS = ("canteen_school", "canteen_kindergarten")
RISK_GRADES = ("A", "B", "C", "D")

# The five independent stars, in the order the city publishes them.
STARS = ("compliance", "dining", "kitchen", "preparation", "management")
STAR_NAMES_ZH = {
    "compliance": "合规星",
    "dining": "餐区整洁星",
    "kitchen": "厨房达标星",
    "preparation": "制作放心星",
    "management": "优秀管理星",
}
STAR_NAMES_EN = {
    "compliance": "Compliance",
    "dining": "Clean dining area",
    "kitchen": "Kitchen up to standard",
    "preparation": "Safe preparation",
    "management": "Excellent management",
}


class Business(Base):
    """A licensed food business; one shop, one QR code (qr_token). Registries do not always
    carry a geocode, so the location may be missing (such a business is listed, not mapped)."""

    __tablename__ = "business"
    __table_args__ = (lonlat_index("business"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lon: Mapped[float | None] = mapped_column(Float)
    lat: Mapped[float | None] = mapped_column(Float)
    licence_no: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(128), index=True)
    kind: Mapped[str] = mapped_column(String(24), index=True)
    district_id: Mapped[int | None] = mapped_column(ForeignKey("district.id"), index=True)
    address: Mapped[str] = mapped_column(String(256), default="")
    postal_code: Mapped[str] = mapped_column(String(12), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    legal_person: Mapped[str] = mapped_column(String(64), default="")
    licence_expires: Mapped[date | None] = mapped_column(Date)
    on_platform: Mapped[bool] = mapped_column(Boolean, default=False)  # bright-kitchen platform
    qr_token: Mapped[str] = mapped_column(String(32), unique=True)
    risk_grade: Mapped[str] = mapped_column(String(1), default="B", index=True)
    risk_reasons: Mapped[list] = mapped_column(JSON, default=list)
    stars: Mapped[int] = mapped_column(Integer, default=0, index=True)  # current count, 0–5
    employees: Mapped[int] = mapped_column(Integer, default=0)
    source: Mapped[str] = mapped_column(String(32), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    rating: Mapped[StarRating | None] = relationship(back_populates="business", uselist=False)
    inspections: Mapped[list[Inspection]] = relationship(back_populates="business")


class StarRating(Base):
    """The current five stars of a business (each awarded independently)."""

    __tablename__ = "star_rating"

    id: Mapped[int] = mapped_column(primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("business.id"), unique=True)
    compliance: Mapped[bool] = mapped_column(Boolean, default=False)
    dining: Mapped[bool] = mapped_column(Boolean, default=False)
    kitchen: Mapped[bool] = mapped_column(Boolean, default=False)
    preparation: Mapped[bool] = mapped_column(Boolean, default=False)
    management: Mapped[bool] = mapped_column(Boolean, default=False)
    rated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    rated_by: Mapped[str] = mapped_column(String(64), default="")
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    business: Mapped[Business] = relationship(back_populates="rating")
    __mapper_args__ = {"version_id_col": version}

    def count(self) -> int:
        return sum(bool(getattr(self, s)) for s in STARS)


class StarChange(Base):
    """History of every star given or taken: who, when, why."""

    __tablename__ = "star_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("business.id"), index=True)
    star: Mapped[str] = mapped_column(String(16))
    old: Mapped[bool | None] = mapped_column(Boolean)
    new: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(24), default="manual")
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    by_user: Mapped[str] = mapped_column(String(64), default="")


class StarProposal(Base):
    """A rule's proposal to raise or lower one star, for a supervisor to apply or reject."""

    __tablename__ = "star_proposal"

    id: Mapped[int] = mapped_column(primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("business.id"), index=True)
    star: Mapped[str] = mapped_column(String(16))
    new: Mapped[bool] = mapped_column(Boolean)
    rule: Mapped[str] = mapped_column(String(48))
    reason: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[dict] = mapped_column(JSON, default=dict)
    state: Mapped[str] = mapped_column(String(12), default="proposed", index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by: Mapped[str] = mapped_column(String(64), default="")
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version}


class Inspection(Base):
    """A routine or follow-up inspection, as recorded by scanning the shop's QR code."""

    __tablename__ = "inspection"

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str | None] = mapped_column(String(48), unique=True)  # external id, natural key
    business_id: Mapped[int] = mapped_column(ForeignKey("business.id"), index=True)
    inspector_id: Mapped[int | None] = mapped_column(ForeignKey("inspector.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    kind: Mapped[str] = mapped_column(String(24), default="routine")
    score: Mapped[float | None] = mapped_column(Float)
    result: Mapped[str] = mapped_column(String(16), default="pass")  # pass, rectify, fail
    risk_grade: Mapped[str | None] = mapped_column(String(1))
    checklist: Mapped[dict] = mapped_column(JSON, default=dict)
    notes: Mapped[str] = mapped_column(Text, default="")

    business: Mapped[Business] = relationship(back_populates="inspections")
    violations: Mapped[list[Violation]] = relationship(
        back_populates="inspection", cascade="all, delete-orphan"
    )


class Violation(Base):
    __tablename__ = "violation"

    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspection.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(48), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    risk: Mapped[str] = mapped_column(String(16), default="")  # low, moderate, high

    inspection: Mapped[Inspection] = relationship(back_populates="violations")


CERTIFICATE_KINDS = (
    "business_licence", "liability_insurance", "health_certificate", "filing", "training",
    "gps_video", "vehicle_licence",
)


class Certificate(Base):
    """A licence, insurance policy or staff health certificate, with its expiry."""

    __tablename__ = "certificate"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(24), index=True)
    number: Mapped[str] = mapped_column(String(48), default="")
    holder: Mapped[str] = mapped_column(String(64), default="")
    vehicle_id: Mapped[int | None] = mapped_column(ForeignKey("vehicle.id"), index=True)
    business_id: Mapped[int | None] = mapped_column(ForeignKey("business.id"), index=True)
    issued: Mapped[date | None] = mapped_column(Date)
    expires: Mapped[date | None] = mapped_column(Date, index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
