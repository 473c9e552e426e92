"""Banquet-catering trucks and mobile test vehicles, their GPS positions, jobs and ledgers."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db.base import Base
from core.db.models._common import utcnow
from core.db.types import UTCDateTime

VEHICLE_KINDS = ("banquet_truck", "test_vehicle")

# "Five musts" and "eight controls" of the banquet-truck rules (三统一、五必须、八把控).
FIVE_MUSTS = ("business_licence", "liability_insurance", "gps_video", "filing", "training")
EIGHT_CONTROLS = (
    "health_certificates", "raw_materials", "transport", "cooking", "sample_retention",
    "disinfection", "hygiene", "kitchen_waste",
)


class Vehicle(Base):
    __tablename__ = "vehicle"

    id: Mapped[int] = mapped_column(primary_key=True)
    plate: Mapped[str] = mapped_column(String(16), unique=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    terminal_phone: Mapped[str] = mapped_column(String(20), unique=True)  # JT/T 808 BCD number
    terminal_id: Mapped[str] = mapped_column(String(32), default="")
    auth_code: Mapped[str] = mapped_column(String(64), default="")
    owner: Mapped[str] = mapped_column(String(128), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    business_id: Mapped[int | None] = mapped_column(ForeignKey("business.id"), index=True)
    district_id: Mapped[int | None] = mapped_column(ForeignKey("district.id"), index=True)
    home_lon: Mapped[float | None] = mapped_column(Float)
    home_lat: Mapped[float | None] = mapped_column(Float)
    # Last known fix, kept on the vehicle so the live map reads one row per vehicle.
    last_time: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_lon: Mapped[float | None] = mapped_column(Float)
    last_lat: Mapped[float | None] = mapped_column(Float)
    last_speed: Mapped[float | None] = mapped_column(Float)
    last_heading: Mapped[float | None] = mapped_column(Float)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    jobs: Mapped[list[CateringJob]] = relationship(back_populates="vehicle")


class Position(Base):
    """One GPS fix as received. Stays WGS-84; invalid fixes are kept but flagged."""

    __tablename__ = "position"
    __table_args__ = (Index("ix_position_vehicle_time", "vehicle_id", "time"),)

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    vehicle_id: Mapped[int] = mapped_column(ForeignKey("vehicle.id"))
    time: Mapped[datetime] = mapped_column(UTCDateTime)
    lon: Mapped[float]
    lat: Mapped[float]
    altitude_m: Mapped[float | None] = mapped_column(Float)
    speed_kmh: Mapped[float | None] = mapped_column(Float)
    heading: Mapped[float | None] = mapped_column(Float)
    valid: Mapped[bool] = mapped_column(Boolean, default=True)
    alarm: Mapped[int] = mapped_column(BigInteger, default=0)
    status: Mapped[int] = mapped_column(BigInteger, default=0)
    mileage_km: Mapped[float | None] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(12), default="jt808")  # jt808, import, demo
    received_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class CateringJob(Base):
    """A declared rural banquet: where, when, how many guests, whether samples were kept."""

    __tablename__ = "catering_job"

    id: Mapped[int] = mapped_column(primary_key=True)
    vehicle_id: Mapped[int] = mapped_column(ForeignKey("vehicle.id"), index=True)
    venue: Mapped[str] = mapped_column(String(128))
    venue_lon: Mapped[float]
    venue_lat: Mapped[float]
    radius_m: Mapped[float] = mapped_column(Float, default=300.0)
    day: Mapped[date] = mapped_column(Date, index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    guests: Mapped[int] = mapped_column(Integer, default=0)
    host: Mapped[str] = mapped_column(String(64), default="")
    occasion: Mapped[str] = mapped_column(String(32), default="")
    sample_retained: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), default="declared")

    vehicle: Mapped[Vehicle] = relationship(back_populates="jobs")


class VehicleLedger(Base):
    """Purchase and disinfection ledger lines of a truck."""

    __tablename__ = "vehicle_ledger"

    id: Mapped[int] = mapped_column(primary_key=True)
    vehicle_id: Mapped[int] = mapped_column(ForeignKey("vehicle.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # purchase, disinfection
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    item: Mapped[str] = mapped_column(String(128))
    quantity: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(12), default="")
    supplier: Mapped[str] = mapped_column(String(128), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class VehicleCheck(Base):
    """One item of the five-musts / eight-controls checklist, with its evidence."""

    __tablename__ = "vehicle_check"

    id: Mapped[int] = mapped_column(primary_key=True)
    vehicle_id: Mapped[int] = mapped_column(ForeignKey("vehicle.id"), index=True)
    item: Mapped[str] = mapped_column(String(32))
    ok: Mapped[bool] = mapped_column(Boolean, default=True)
    evidence: Mapped[str] = mapped_column(Text, default="")
    checked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    checked_by: Mapped[str] = mapped_column(String(64), default="")
    severity: Mapped[int] = mapped_column(SmallInteger, default=0)
