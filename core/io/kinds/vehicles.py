"""Banquet trucks and mobile test vehicles with their GPS terminals."""

from __future__ import annotations

import re

from sqlalchemy import select

from core.db.models import VEHICLE_KINDS, Business, Vehicle
from core.errors import RowError
from core.io import fields as F
from core.io.spec import Col, Context, Kind

KIND_NAMES = {k: k for k in VEHICLE_KINDS} | {"流动餐车": "banquet_truck", "餐车": "banquet_truck",
                                              "快检车": "test_vehicle", "检测车": "test_vehicle"}


def parse_vehicle(row, ctx: Context) -> dict:
    v = row.values
    phone = F.required(v, "terminal_phone")
    if not re.fullmatch(r"\d{1,20}", phone):
        raise RowError(f"'terminal_phone' is the terminal's SIM number, digits only: {phone!r}")
    licence = F.text(v.get("business"))
    bid = ctx.lookup(Business, "licence_no", licence) if licence else None
    if licence and bid is None:
        raise RowError(f"no business with licence number {licence!r}")
    plate = F.required(v, "plate").replace("·", "").replace(" ", "")
    phone = phone.zfill(12)
    holder = ctx.lookup(Vehicle, "terminal_phone", phone)
    if holder is not None and holder != ctx.lookup(Vehicle, "plate", plate):
        raise RowError(f"terminal {phone} already belongs to another vehicle")
    lon, lat = ctx.point(row, "home_lon", "home_lat", required=False)
    return dict(plate=plate,
                kind=F.choice(v.get("kind"), "kind", KIND_NAMES), terminal_phone=phone,
                terminal_id=F.text(v.get("terminal_id")), owner=F.text(v.get("owner")), phone=F.text(v.get("phone")),
                business_id=bid, home_lon=lon, home_lat=lat,
                district_id=ctx.district_id(F.text(v.get("district")), lon, lat))


def export_vehicles(session):
    licences = dict(session.execute(select(Business.id, Business.licence_no)).all())
    rows = [dict(plate=x.plate, kind=x.kind, terminal_phone=x.terminal_phone, terminal_id=x.terminal_id,
                 owner=x.owner, phone=x.phone, business=licences.get(x.business_id, ""),
                 home_lon=x.home_lon, home_lat=x.home_lat, last_time=F.local_iso(x.last_time),
                 last_lon=x.last_lon, last_lat=x.last_lat)
            for x in session.scalars(select(Vehicle).order_by(Vehicle.plate))]
    return rows, None


VEHICLES = Kind(
    "vehicles", Vehicle, "plate",
    (Col("plate", "number plate, unique (natural key)", True, ("车牌号", "车牌")),
     Col("kind", "banquet_truck | test_vehicle (流动餐车 / 快检车)", True, ("类型",)),
     Col("terminal_phone", "JT/T 808 terminal SIM number (digits), unique", True, ("终端手机号", "sim")),
     Col("terminal_id", ""), Col("owner", "operator", aliases=("所属单位",)), Col("phone", ""),
     Col("business", "licence number of the operating business"), Col("district", ""),
     Col("home_lon", "base location"), Col("home_lat", "")),
    parse_vehicle, export_vehicles,
    doc="Vehicles with GPS terminals; a terminal registers only when its SIM number is known here.",
)
