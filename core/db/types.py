"""Column types that behave the same on SQLite and PostgreSQL.

Times are stored in UTC and always come back timezone-aware. Geometry is a shapely object in
Python; on PostgreSQL it is a PostGIS ``geometry(…, 4326)`` column (indexed with GiST by the
migrations), on SQLite plain WKB next to bounding-box columns the queries filter on.
"""

from __future__ import annotations

from datetime import UTC, datetime

import shapely
from sqlalchemy import DateTime, LargeBinary
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator):
    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: pass an aware time (UTC is stored)")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class GeometryType(TypeDecorator):
    """A shapely geometry in WGS-84 (EPSG:4326)."""

    impl = LargeBinary
    cache_ok = True
    spatial_index = False  # the migrations create the GiST indexes themselves

    def __init__(self, geometry_type: str = "GEOMETRY", **kw):
        super().__init__(**kw)
        self.geometry_type = geometry_type

    def load_dialect_impl(self, dialect):
        if dialect is None:  # asked without a dialect (GeoAlchemy2's DDL hooks)
            return LargeBinary()
        if dialect.name == "postgresql":
            from geoalchemy2 import Geometry as PostGISGeometry  # only PostgreSQL needs it (slow to import)

            return dialect.type_descriptor(
                PostGISGeometry(geometry_type=self.geometry_type, srid=4326, spatial_index=False)
            )
        return dialect.type_descriptor(LargeBinary())

    def bind_expression(self, bindvalue):
        return bindvalue

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if dialect.name == "postgresql":
            return shapely.to_wkb(shapely.set_srid(value, 4326), hex=True, include_srid=True)
        return shapely.to_wkb(value)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if hasattr(value, "data"):  # geoalchemy2 WKBElement
            value = bytes(value.data) if not isinstance(value.data, str) else value.data
        return shapely.set_srid(shapely.from_wkb(value), 0)

    def column_expression(self, col):
        return col
