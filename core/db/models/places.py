"""Districts, markets, vendor zones, stalls and test rooms: the fixed places of the map."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db.base import Base
from core.db.models._common import BBoxMixin, PointMixin, lonlat_index, utcnow
from core.db.types import GeometryType, UTCDateTime

MARKET_KINDS = ("farmers", "collective", "convenience")
LAB_KINDS = ("room", "vehicle")


class District(BBoxMixin, Base):
    """A county-level administrative unit (区/县/旗) with its real boundary in WGS-84."""

    __tablename__ = "district"

    id: Mapped[int] = mapped_column(primary_key=True)
    adcode: Mapped[str] = mapped_column(String(12), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    parent_adcode: Mapped[str | None] = mapped_column(String(12))
    level: Mapped[str] = mapped_column(String(16), default="district")
    geom = mapped_column(GeometryType("MULTIPOLYGON"), nullable=False)
    center_lon: Mapped[float]
    center_lat: Mapped[float]
    source: Mapped[str] = mapped_column(String(64), default="")


class Market(PointMixin, Base):
    __tablename__ = "market"
    __table_args__ = (lonlat_index("market"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(128))
    kind: Mapped[str] = mapped_column(String(16), index=True)
    district_id: Mapped[int | None] = mapped_column(ForeignKey("district.id"), index=True)
    address: Mapped[str] = mapped_column(String(256), default="")
    operator: Mapped[str] = mapped_column(String(128), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    stall_count: Mapped[int] = mapped_column(Integer, default=0)
    has_screen: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    district: Mapped[District | None] = relationship()
    stalls: Mapped[list[Stall]] = relationship(back_populates="market")


class VendorZone(BBoxMixin, Base):
    """A designated street-vendor zone: fixed place, fixed hours (定点定时)."""

    __tablename__ = "vendor_zone"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(128))
    district_id: Mapped[int | None] = mapped_column(ForeignKey("district.id"), index=True)
    address: Mapped[str] = mapped_column(String(256), default="")
    geom = mapped_column(GeometryType("POLYGON"), nullable=False)
    lon: Mapped[float]
    lat: Mapped[float]
    opens: Mapped[str] = mapped_column(String(5))  # local time "HH:MM", Asia/Shanghai
    closes: Mapped[str] = mapped_column(String(5))  # may be past midnight: closes < opens
    days: Mapped[str] = mapped_column(String(7), default="1234567")  # ISO weekdays open
    capacity: Mapped[int] = mapped_column(Integer, default=0)
    manager: Mapped[str] = mapped_column(String(64), default="")

    district: Mapped[District | None] = relationship()
    stalls: Mapped[list[Stall]] = relationship(back_populates="zone")


class Stall(PointMixin, Base):
    """A stall in a vendor zone or a market."""

    __tablename__ = "stall"
    __table_args__ = (lonlat_index("stall"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    number: Mapped[str] = mapped_column(String(16))
    zone_id: Mapped[int | None] = mapped_column(ForeignKey("vendor_zone.id"), index=True)
    market_id: Mapped[int | None] = mapped_column(ForeignKey("market.id"), index=True)
    holder: Mapped[str] = mapped_column(String(64), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    goods: Mapped[str] = mapped_column(String(32), default="")
    permit_no: Mapped[str] = mapped_column(String(32), default="")
    permit_expires: Mapped[date | None] = mapped_column(Date)

    zone: Mapped[VendorZone | None] = relationship(back_populates="stalls")
    market: Mapped[Market | None] = relationship(back_populates="stalls")


class TestLab(PointMixin, Base):
    """A fixed rapid-test room (usually inside a market) or a mobile test vehicle's lab."""

    __tablename__ = "test_lab"
    __test__ = False  # not a pytest class

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(128))
    kind: Mapped[str] = mapped_column(String(16))
    market_id: Mapped[int | None] = mapped_column(ForeignKey("market.id"), index=True)
    vehicle_id: Mapped[int | None] = mapped_column(ForeignKey("vehicle.id"), index=True)
    district_id: Mapped[int | None] = mapped_column(ForeignKey("district.id"), index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
