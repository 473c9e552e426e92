"""Markets, vendor zones and stalls."""

from __future__ import annotations

import shapely
from shapely.geometry import Polygon
from sqlalchemy import select

from core.db.models import Market, Stall, VendorZone
from core.errors import RowError
from core.io import fields as F
from core.io.spec import Col, Context, Kind
from gis import crs as crsmod

MARKET_KIND_NAMES = {
    "farmers": "farmers", "农贸市场": "farmers", "collective": "collective", "集贸市场": "collective",
    "convenience": "convenience", "便民市场": "convenience",
}


def _district_name(session) -> dict:
    from core.db.models import District

    return dict(session.execute(select(District.id, District.adcode)).all())


def parse_market(row, ctx: Context) -> dict:
    v = row.values
    lon, lat = ctx.point(row)
    return dict(
        code=F.required(v, "code"), name=F.required(v, "name"),
        kind=F.choice(v.get("kind"), "kind", MARKET_KIND_NAMES), lon=lon, lat=lat,
        district_id=ctx.district_id(F.text(v.get("district")), lon, lat), address=F.text(v.get("address")),
        operator=F.text(v.get("operator")), phone=F.text(v.get("phone")),
        stall_count=F.integer(v.get("stall_count"), "stall_count") or 0,
    )


def export_markets(session):
    adcodes = _district_name(session)
    rows = [dict(code=m.code, name=m.name, kind=m.kind, lon=m.lon, lat=m.lat, district=adcodes.get(m.district_id, ""),
                 address=m.address, operator=m.operator, phone=m.phone, stall_count=m.stall_count)
            for m in session.scalars(select(Market).order_by(Market.code))]
    return rows, None


MARKETS = Kind(
    "markets", Market, "code",
    (Col("code", "market code, unique (natural key)", True, ("编号", "市场编号")),
     Col("name", "market name", True),
     Col("kind", "farmers | collective | convenience (or 农贸市场 / 集贸市场 / 便民市场)", True, ("类型", "市场类型")),
     Col("lon", "longitude (WGS-84 unless --crs)", True), Col("lat", "latitude", True),
     Col("district", "adcode or district name; located from the point when empty"),
     Col("address", ""), Col("operator", "the market's operator", aliases=("开办方",)), Col("phone", ""),
     Col("stall_count", "number of stalls", aliases=("摊位数",))),
    parse_market, export_markets,
    doc="Farmers', collective and convenience markets.",
)


def _polygon(row, ctx: Context) -> Polygon:
    g = row.geometry
    if g is None:
        wkt = F.text(row.values.get("wkt"))
        if not wkt:
            raise RowError("no polygon: give a Polygon geometry (GeoJSON/GPKG) or a 'wkt' column")
        try:
            g = shapely.from_wkt(wkt)
        except shapely.errors.GEOSException as exc:
            raise RowError(f"'wkt' is not valid WKT: {exc}") from None
        if ctx.crs != crsmod.WGS84:
            g = crsmod.transform_geometry(g, ctx.crs, crsmod.WGS84)
    if g.geom_type == "MultiPolygon" and len(g.geoms) == 1:
        g = g.geoms[0]
    if g.geom_type != "Polygon":
        raise RowError(f"a vendor zone must be a Polygon, not {g.geom_type}")
    if not g.is_valid:
        g = shapely.make_valid(g)
        if g.geom_type != "Polygon":
            raise RowError("the zone polygon is self-intersecting and cannot be repaired into one polygon")
    minx, miny, maxx, maxy = g.bounds
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        raise RowError("the zone polygon lies outside longitude/latitude range (wrong --crs?)")
    return g


def parse_zone(row, ctx: Context) -> dict:
    v = row.values
    poly = _polygon(row, ctx)
    c = poly.representative_point()
    days = F.text(v.get("days")) or "1234567"
    if not set(days) <= set("1234567"):
        raise RowError(f"'days' lists ISO weekdays 1–7 (1 = Monday), e.g. 12345: {days!r}")
    minx, miny, maxx, maxy = poly.bounds
    return dict(
        code=F.required(v, "code"), name=F.required(v, "name"), geom=poly, lon=c.x, lat=c.y,
        min_lon=minx, min_lat=miny, max_lon=maxx, max_lat=maxy,
        opens=F.hhmm(F.required(v, "opens"), "opens"), closes=F.hhmm(F.required(v, "closes"), "closes"),
        days="".join(sorted(set(days))), district_id=ctx.district_id(F.text(v.get("district")), c.x, c.y),
        address=F.text(v.get("address")), capacity=F.integer(v.get("capacity"), "capacity") or 0,
        manager=F.text(v.get("manager")),
    )


def export_zones(session):
    adcodes = _district_name(session)
    rows, geoms = [], []
    for z in session.scalars(select(VendorZone).order_by(VendorZone.code)):
        rows.append(dict(code=z.code, name=z.name, opens=z.opens, closes=z.closes, days=z.days,
                         district=adcodes.get(z.district_id, ""), address=z.address, capacity=z.capacity,
                         manager=z.manager, wkt=z.geom.wkt))
        geoms.append(z.geom)
    return rows, geoms


VENDOR_ZONES = Kind(
    "vendor-zones", VendorZone, "code",
    (Col("code", "zone code, unique (natural key)", True, ("编号",)), Col("name", "zone name", True),
     Col("opens", "opening time HH:MM, Beijing time", True, ("开放时间", "开始时间")),
     Col("closes", "closing time HH:MM (earlier than opens = past midnight)", True, ("关闭时间", "结束时间")),
     Col("days", "ISO weekdays open, e.g. 1234567 or 67"), Col("district", ""), Col("address", ""),
     Col("capacity", "number of stalls allowed"), Col("manager", "", aliases=("负责人",)),
     Col("wkt", "the polygon as WKT (CSV/XLSX); GeoJSON/GPKG carry it as geometry", aliases=("geometry",))),
    parse_zone, export_zones,
    doc="Designated street-vendor zones (polygons) with their fixed hours.",
)


def parse_stall(row, ctx: Context) -> dict:
    v = row.values
    zone_code, market_code = F.text(v.get("zone")), F.text(v.get("market"))
    zone_id = ctx.lookup(VendorZone, "code", zone_code) if zone_code else None
    market_id = ctx.lookup(Market, "code", market_code) if market_code else None
    if zone_code and zone_id is None:
        raise RowError(f"no vendor zone with code {zone_code!r} (import vendor-zones first)")
    if market_code and market_id is None:
        raise RowError(f"no market with code {market_code!r} (import markets first)")
    if not zone_code and not market_code:
        raise RowError("a stall belongs to a vendor zone or a market: give 'zone' or 'market'")
    lon, lat = ctx.point(row)
    code = F.required(v, "code")
    return dict(code=code, number=F.text(v.get("number")) or code.rsplit("-", 1)[-1], zone_id=zone_id,
                market_id=market_id, holder=F.text(v.get("holder")), phone=F.text(v.get("phone")),
                goods=F.text(v.get("goods")), lon=lon, lat=lat, permit_no=F.text(v.get("permit_no")),
                permit_expires=F.day(v.get("permit_expires"), "permit_expires"))


def export_stalls(session):
    zones = dict(session.execute(select(VendorZone.id, VendorZone.code)).all())
    markets = dict(session.execute(select(Market.id, Market.code)).all())
    rows = [dict(code=s.code, number=s.number, zone=zones.get(s.zone_id, ""), market=markets.get(s.market_id, ""),
                 holder=s.holder, phone=s.phone, goods=s.goods, lon=s.lon, lat=s.lat, permit_no=s.permit_no,
                 permit_expires=s.permit_expires.isoformat() if s.permit_expires else "")
            for s in session.scalars(select(Stall).order_by(Stall.code))]
    return rows, None


STALLS = Kind(
    "stalls", Stall, "code",
    (Col("code", "stall code, unique (natural key)", True, ("摊位编号",)), Col("number", "number within its zone"),
     Col("zone", "vendor-zone code"), Col("market", "market code"), Col("holder", "stall holder", aliases=("摊主",)),
     Col("phone", ""), Col("goods", "what it sells", aliases=("经营品类",)), Col("lon", "", True), Col("lat", "", True),
     Col("permit_no", ""), Col("permit_expires", "YYYY-MM-DD")),
    parse_stall, export_stalls,
    doc="Stalls in vendor zones or markets.",
)
