"""How one kind of registry is read, validated, upserted and exported.

A kind lists its documented columns (with the other names files use for them: Chinese headers,
the San Francisco open-data names…), turns each row into model attributes or a RowError, and
upserts by its natural key, so importing the same file twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from shapely.geometry import Point
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.errors import RowError
from core.io import fields as F
from core.io.readers import Row
from gis import crs as crsmod


@dataclass(frozen=True)
class Col:
    name: str
    doc: str
    required: bool = False
    aliases: tuple[str, ...] = ()


# Names other files use for the same columns.
COMMON_ALIASES = {
    "lon": ("lng", "longitude", "经度", "x", "business_longitude"),
    "lat": ("latitude", "纬度", "y", "business_latitude"),
    "name": ("名称", "business_name"),
    "address": ("地址", "business_address"),
    "phone": ("电话", "联系电话", "business_phone_number"),
    "district": ("区县", "所属区县", "adcode", "district_adcode"),
}


@dataclass
class Context:
    """What a row parser may look up: the session, the file's CRS, districts and references."""

    session: Session
    crs: str = crsmod.WGS84
    _cache: dict = field(default_factory=dict)

    def lookup(self, model, key_attr: str, value: str):
        """Id of the row of ``model`` whose ``key_attr`` equals ``value`` (cached per import)."""
        table = self._cache.setdefault((model, key_attr), {})
        if not table:
            col = getattr(model, key_attr)
            table.update({k: i for k, i in self.session.execute(select(col, model.id))})
            table[None] = None
        return table.get(value)

    def remember(self, model, key_attr: str, value: str, placeholder) -> None:
        """A row earlier in the same file creates what a later row refers to."""
        self._cache.setdefault((model, key_attr), {})[value] = placeholder

    def districts(self):
        if "districts" not in self._cache:
            from core.db.models import District
            from gis.districts import Boundary, DistrictLocator

            rows = self.session.execute(select(District.id, District.adcode, District.name, District.geom)).all()
            self._cache["district_ids"] = {r.adcode: r.id for r in rows} | {r.name: r.id for r in rows}
            bounds = [Boundary(r.adcode, r.name, "district", None, r.geom) for r in rows]
            self._cache["districts"] = DistrictLocator(bounds) if bounds else None
        return self._cache["districts"]

    def district_id(self, given: str, lon: float | None, lat: float | None) -> int | None:
        loc = self.districts()
        ids = self._cache["district_ids"]
        if given:
            if given not in ids:
                raise RowError(f"unknown district {given!r} (give its adcode or name)")
            return ids[given]
        if loc is None or lon is None or lat is None:
            return None
        hit = loc.locate(lon, lat)
        return ids[hit.adcode] if hit else None

    def point(self, row: Row, lon_col: str = "lon", lat_col: str = "lat", required: bool = True):
        """(lon, lat) in WGS-84 from a point geometry or lon/lat columns in the file's CRS."""
        if isinstance(row.geometry, Point):
            return row.geometry.x, row.geometry.y
        if row.geometry is not None:
            c = row.geometry.representative_point()
            return c.x, c.y
        v = row.values
        if not required and not F.text(v.get(lon_col)) and not F.text(v.get(lat_col)):
            return None, None
        x, y = F.lonlat(v.get(lon_col), v.get(lat_col))
        if self.crs != crsmod.WGS84:
            x, y = crsmod.convert(x, y, self.crs, crsmod.WGS84)
        return float(x), float(y)


@dataclass
class Kind:
    name: str
    model: type
    key: str  # natural key attribute on the model
    columns: tuple[Col, ...]
    parse: Callable[[Row, Context], dict]
    export: Callable[[Session], tuple[list[dict], list | None]]
    apply: Callable | None = None  # custom writer (grouped kinds); default: upsert by key
    on_insert: Callable[[dict, Context], dict] | None = None  # defaults for new rows
    after_write: Callable | None = None  # (session, records, ctx, actor): work the new rows set off
    doc: str = ""

    def aliases(self) -> dict[str, str]:
        out = {}
        for c in self.columns:
            out[c.name.lower()] = c.name
            for a in c.aliases + COMMON_ALIASES.get(c.name, ()):
                out[a.lower()] = c.name
        return out

    def canonical(self, row: Row) -> Row:
        names = self.aliases()
        values = {}
        for k, v in row.values.items():
            canon = names.get(k)
            if canon and (canon not in values or not F.text(values[canon])):
                values[canon] = v
        return Row(row.number, values, row.geometry)
