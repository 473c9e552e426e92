"""Search as the map's search box asks it (no Qt): names, licence numbers, addresses, plates.

``search(db, text)`` returns the best matches across businesses, markets, vendor zones,
vehicles, test labs, cameras and districts: exact matches first, then those starting with the
text, then those containing it; each with where it is (WGS-84) and which map layer shows it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, select

from core.db.engine import Database
from core.db.models import Business, Camera, District, Market, TestLab, Vehicle, VendorZone

MAX_QUERY = 64
PER_KIND = 8


@dataclass(frozen=True)
class SearchHit:
    kind: str  # business, market, zone, vehicle, lab, camera, district
    layer_id: str  # the map layer that shows it
    id: int
    title: str
    detail: str  # licence number, plate, address: what matched or where it is
    lon: float | None
    lat: float | None
    rank: int = 4  # see _rank: lower is better


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _rank(text: str, title: str, others: list[str | None]) -> int:
    """0 the title or a code is the text, 1 the title starts with it, 2 a code or address starts
    with it, 3 the title contains it, 4 something else does."""
    t = text.lower()
    title = (title or "").lower()
    vals = [v.lower() for v in others if v]
    if title == t or t in vals:
        return 0
    if title.startswith(t):
        return 1
    if any(v.startswith(t) for v in vals):
        return 2
    return 3 if t in title else 4


# kind, layer, model, id, title, detail, lon, lat, searched columns
def _sources():
    return (
        ("district", "districts", District.id, District.name, District.adcode, District.center_lon,
         District.center_lat, (District.adcode,)),
        ("market", "markets", Market.id, Market.name, Market.address, Market.lon, Market.lat,
         (Market.address, Market.code)),
        ("zone", "vendor_zones", VendorZone.id, VendorZone.name, VendorZone.address, VendorZone.lon,
         VendorZone.lat, (VendorZone.address, VendorZone.code)),
        ("vehicle", "vehicles", Vehicle.id, Vehicle.plate, Vehicle.owner, Vehicle.last_lon, Vehicle.last_lat,
         (Vehicle.owner,)),
        ("lab", "test_labs", TestLab.id, TestLab.name, TestLab.code, TestLab.lon, TestLab.lat, (TestLab.code,)),
        ("business", "restaurants", Business.id, Business.name, Business.licence_no, Business.lon, Business.lat,
         (Business.licence_no, Business.address)),
        ("camera", "cameras", Camera.id, Camera.name, Camera.code, Camera.lon, Camera.lat, (Camera.code,)),
    )


def search(db: Database, text: str, limit: int = 12) -> list[SearchHit]:
    """The best ``limit`` matches for ``text`` (blank text: none)."""
    text = " ".join(text.split())[:MAX_QUERY]
    if not text:
        return []
    esc = _escaped(text)
    hits: list[SearchHit] = []
    with db.session() as s:
        for kind, layer, id_, title, detail, lon, lat, others in _sources():
            cond = title.ilike(f"%{esc}%", escape="\\")
            for col in others:
                cond = cond | col.ilike(f"%{esc}%", escape="\\")
            # the best matches of each kind first, so the limit never cuts them off
            best = case((func.lower(title) == text.lower(), 0), (title.ilike(f"{esc}%", escape="\\"), 1), else_=2)
            rows = s.execute(select(id_, title, detail, lon, lat, *others).where(cond)
                             .order_by(best, func.length(title), title).limit(PER_KIND * 2)).all()
            for r in rows:
                rank = _rank(text, r[1], [str(v) for v in r[5:] if v is not None])
                hits.append(SearchHit(kind, layer, int(r[0]), r[1], r[2] or "", r[3], r[4], rank))
    order = {src[0]: i for i, src in enumerate(_sources())}
    hits.sort(key=lambda h: (h.rank, order[h.kind], len(h.title), h.title))
    return hits[:limit]
