"""Inspectors."""

from __future__ import annotations

from sqlalchemy import select

from core.db.models import INSPECTOR_STATES, District, Inspector
from core.io import fields as F
from core.io.spec import Col, Context, Kind


def parse_inspector(row, ctx: Context) -> dict:
    v = row.values
    lon, lat = ctx.point(row, required=False)
    return dict(badge_no=F.required(v, "badge_no"), name=F.required(v, "name"), phone=F.text(v.get("phone")),
                district_id=ctx.district_id(F.text(v.get("district")), lon, lat), lon=lon, lat=lat,
                status=F.choice(v.get("status"), "status", {"free": "free", "busy": "busy", "off": "off",
                                                             "空闲": "free", "忙碌": "busy", "休息": "off"}, default="free"),
                username=F.text(v.get("username")) or None)


def export_inspectors(session):
    adcodes = dict(session.execute(select(District.id, District.adcode)).all())
    rows = [dict(badge_no=i.badge_no, name=i.name, phone=i.phone, district=adcodes.get(i.district_id, ""),
                 lon=i.lon, lat=i.lat, status=i.status, username=i.username or "")
            for i in session.scalars(select(Inspector).order_by(Inspector.badge_no))]
    return rows, None


INSPECTORS = Kind(
    "inspectors", Inspector, "badge_no",
    (Col("badge_no", "badge (enforcement certificate) number, unique (natural key)", True, ("执法证号", "工号")),
     Col("name", "", True, ("姓名",)), Col("phone", ""), Col("district", "home district"),
     Col("lon", "base location"), Col("lat", ""), Col("status", f"{' | '.join(INSPECTOR_STATES)}"),
     Col("username", "login name, when the inspector uses the desktop")),
    parse_inspector, export_inspectors,
    doc="Inspectors who can be dispatched from the map.",
)
