"""Column helpers shared by the model modules."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Float, Index
from sqlalchemy.orm import Mapped, mapped_column


def utcnow() -> datetime:
    return datetime.now(UTC)


class PointMixin:
    """A place given by one WGS-84 point. On PostgreSQL the migrations add a GiST index on
    ST_SetSRID(ST_MakePoint(lon, lat), 4326), so PostGIS queries on points need no second copy."""

    lon: Mapped[float] = mapped_column(Float, nullable=False)
    lat: Mapped[float] = mapped_column(Float, nullable=False)


class BBoxMixin:
    """Bounding box of a geometry column, the SQLite stand-in for a spatial index."""

    min_lon: Mapped[float] = mapped_column(Float, nullable=False)
    min_lat: Mapped[float] = mapped_column(Float, nullable=False)
    max_lon: Mapped[float] = mapped_column(Float, nullable=False)
    max_lat: Mapped[float] = mapped_column(Float, nullable=False)

    def set_bbox(self, geom) -> None:
        self.min_lon, self.min_lat, self.max_lon, self.max_lat = (float(v) for v in geom.bounds)


def lonlat_index(table: str) -> Index:
    return Index(f"ix_{table}_lonlat", "lon", "lat")
