"""Kitchen cameras and the alerts raised by vision workers, vehicle rules and tests."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db.base import Base
from core.db.models._common import PointMixin, lonlat_index, utcnow
from core.db.types import UTCDateTime

CAMERA_STATES = ("unknown", "online", "stalled", "offline")

ALERT_STATES = ("new", "in_review", "confirmed", "dismissed", "rectification", "closed")
ALERT_SOURCES = ("camera", "vehicle", "rapid_test", "inspection", "system")
# Severity is an ordered integer so queues sort and filter on it.
SEVERITY = {"info": 0, "low": 1, "medium": 2, "high": 3, "critical": 4}


class Camera(PointMixin, Base):
    __tablename__ = "camera"
    __table_args__ = (lonlat_index("camera"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(128))
    business_id: Mapped[int | None] = mapped_column(ForeignKey("business.id"), index=True)
    area: Mapped[str] = mapped_column(String(32), default="")  # hot kitchen, prep, washing, store…
    url: Mapped[str] = mapped_column(String(512), default="")  # may hold a password: never log it
    state: Mapped[str] = mapped_column(String(12), default="unknown", index=True)
    state_since: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_frame_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_from: Mapped[str] = mapped_column(String(5), default="22:00")  # local closed hours
    closed_to: Mapped[str] = mapped_column(String(5), default="06:00")
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    lease_owner: Mapped[str | None] = mapped_column(String(64), index=True)
    lease_expires: Mapped[datetime | None] = mapped_column(UTCDateTime)


class DetectorThreshold(Base):
    """Per-camera, per-kind threshold; dismissals as false positives raise it, a reset clears it."""

    __tablename__ = "detector_threshold"

    id: Mapped[int] = mapped_column(primary_key=True)
    camera_id: Mapped[int] = mapped_column(ForeignKey("camera.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    threshold: Mapped[float] = mapped_column(Float)
    dismissals: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(64), default="")


class Alert(Base):
    """One alert in the shared review queue, whatever raised it."""

    __tablename__ = "alert"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    severity: Mapped[int] = mapped_column(Integer, default=2, index=True)
    state: Mapped[str] = mapped_column(String(16), default="new", index=True)
    source: Mapped[str] = mapped_column(String(16), default="camera", index=True)
    title: Mapped[str] = mapped_column(String(256), default="")
    camera_id: Mapped[int | None] = mapped_column(ForeignKey("camera.id"), index=True)
    business_id: Mapped[int | None] = mapped_column(ForeignKey("business.id"), index=True)
    vehicle_id: Mapped[int | None] = mapped_column(ForeignKey("vehicle.id"), index=True)
    market_id: Mapped[int | None] = mapped_column(ForeignKey("market.id"), index=True)
    rapid_test_id: Mapped[int | None] = mapped_column(ForeignKey("rapid_test.id"), index=True)
    district_id: Mapped[int | None] = mapped_column(ForeignKey("district.id"), index=True)
    lon: Mapped[float | None] = mapped_column(Float)
    lat: Mapped[float | None] = mapped_column(Float)
    raised_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # when the condition cleared
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    score: Mapped[float | None] = mapped_column(Float)
    box: Mapped[list | None] = mapped_column(JSON)  # [x, y, w, h] in snapshot pixels
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
    dedup_key: Mapped[str | None] = mapped_column(String(96), index=True)  # one alert per ongoing event
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    assignee: Mapped[str | None] = mapped_column(String(64))
    dismiss_reason: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    events: Mapped[list[AlertEvent]] = relationship(
        back_populates="alert", order_by="AlertEvent.id", cascade="all, delete-orphan"
    )
    __mapper_args__ = {"version_id_col": version}


class AlertEvent(Base):
    """The append-only timeline of an alert: every step with who and when."""

    __tablename__ = "alert_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alert.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(64), default="")
    action: Mapped[str] = mapped_column(String(24))
    from_state: Mapped[str | None] = mapped_column(String(16))
    to_state: Mapped[str | None] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")

    alert: Mapped[Alert] = relationship(back_populates="events")


class AlertMedia(Base):
    """Snapshot (JPEG) and clip (MP4) of an alert, kept in the database so every workstation sees them."""

    __tablename__ = "alert_media"

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alert.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(12))  # snapshot, clip
    mime: Mapped[str] = mapped_column(String(32))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    notes: Mapped[str] = mapped_column(Text, default="")
