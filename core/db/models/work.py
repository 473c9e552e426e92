"""Rapid tests, inspectors and the tasks they are dispatched to."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.db.base import Base
from core.db.models._common import utcnow
from core.db.types import UTCDateTime

TEST_CATEGORIES = ("vegetables", "fruit", "meat", "aquatic", "eggs", "grain", "soy", "other")
TASK_KINDS = ("alert", "disposal", "retest", "inspection_due", "rectification", "other")
TASK_STATES = ("open", "assigned", "en_route", "on_site", "done", "cancelled")
INSPECTOR_STATES = ("free", "busy", "off")


class RapidTest(Base):
    """One sample through one test item at a rapid-test room."""

    __tablename__ = "rapid_test"
    __table_args__ = (Index("ix_rapid_test_market_time", "market_id", "tested_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sample_no: Mapped[str] = mapped_column(String(40), unique=True)  # natural key
    lab_id: Mapped[int | None] = mapped_column(ForeignKey("test_lab.id"), index=True)
    market_id: Mapped[int | None] = mapped_column(ForeignKey("market.id"))
    stall_id: Mapped[int | None] = mapped_column(ForeignKey("stall.id"), index=True)
    sample_name: Mapped[str] = mapped_column(String(64))
    category: Mapped[str] = mapped_column(String(16), index=True)
    item: Mapped[str] = mapped_column(String(48), index=True)
    value: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(16), default="")
    limit: Mapped[float | None] = mapped_column(Float)
    result: Mapped[str] = mapped_column(String(8), index=True)  # pass, fail
    tested_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    tester: Mapped[str] = mapped_column(String(64), default="")
    disposal: Mapped[str | None] = mapped_column(String(32))  # destroyed, returned, sealed…
    disposal_kg: Mapped[float | None] = mapped_column(Float)
    retest_of_id: Mapped[int | None] = mapped_column(ForeignKey("rapid_test.id"))
    lon: Mapped[float | None] = mapped_column(Float)
    lat: Mapped[float | None] = mapped_column(Float)


class Inspector(Base):
    __tablename__ = "inspector"

    id: Mapped[int] = mapped_column(primary_key=True)
    badge_no: Mapped[str] = mapped_column(String(24), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    phone: Mapped[str] = mapped_column(String(32), default="")
    district_id: Mapped[int | None] = mapped_column(ForeignKey("district.id"), index=True)
    lon: Mapped[float | None] = mapped_column(Float)
    lat: Mapped[float | None] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(8), default="free", index=True)
    username: Mapped[str | None] = mapped_column(String(64))


class DispatchTask(Base):
    """Work sent to an inspector: an alert to check, a failed sample to dispose of, a re-test."""

    __tablename__ = "dispatch_task"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    state: Mapped[str] = mapped_column(String(12), default="open", index=True)
    priority: Mapped[int] = mapped_column(Integer, default=2)
    title: Mapped[str] = mapped_column(String(256), default="")
    alert_id: Mapped[int | None] = mapped_column(ForeignKey("alert.id"), index=True)
    business_id: Mapped[int | None] = mapped_column(ForeignKey("business.id"), index=True)
    market_id: Mapped[int | None] = mapped_column(ForeignKey("market.id"), index=True)
    rapid_test_id: Mapped[int | None] = mapped_column(ForeignKey("rapid_test.id"), index=True)
    inspector_id: Mapped[int | None] = mapped_column(ForeignKey("inspector.id"), index=True)
    lon: Mapped[float | None] = mapped_column(Float)
    lat: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(64), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version}
