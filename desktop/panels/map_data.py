"""The map's layers as the database holds them, read into plain arrays (no Qt).

Each ``read_*`` function takes a ``Database``, runs in a worker thread (``hub.run``) and returns
a frozen dataclass of numpy arrays and lists, which the GUI thread hands to the map layers as
they are. ``READERS`` names them by layer id, and ``LAYERS_OF_TABLE`` says which layers a change
to a table (``hub.changed``) makes stale. The bench reads through the same functions. They
read plain rows on a connection (no ORM session: a quarter faster for the big layers).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from sqlalchemy import select

from core.db.engine import Database
from core.db.models import (
    BUSINESS_KINDS,
    MARKET_KINDS,
    RISK_GRADES,
    SCHOOL_KINDS,
    Business,
    Camera,
    District,
    Market,
    Stall,
    TestLab,
    Vehicle,
    VendorZone,
)
from core.vehicles.hours import is_open

DISTRICTS, ZONES, STALLS, RESTAURANTS, CAMERAS, MARKETS, LABS = (
    "districts", "vendor_zones", "stalls", "restaurants", "cameras", "markets", "test_labs")
# bottom to top; cameras sit a few metres from their restaurant, under it, so a click on a
# restaurant at street zoom picks the restaurant
LAYER_IDS = (DISTRICTS, ZONES, STALLS, CAMERAS, RESTAURANTS, MARKETS, LABS)
# what the city view shows first is read first (stalls and cameras appear only closer in)
LOAD_ORDER = (DISTRICTS, RESTAURANTS, MARKETS, LABS, ZONES, STALLS, CAMERAS)
LAB_ROOM, LAB_VEHICLE = 0, 1
CAMERA_ONLINE, CAMERA_OFFLINE = 0, 1


@dataclass(frozen=True)
class Points:
    """Point features: ids, WGS-84 positions, a small integer category each, and labels."""

    ids: np.ndarray
    lon: np.ndarray
    lat: np.ndarray
    categories: np.ndarray
    labels: list[str]

    def __len__(self) -> int:
        return len(self.ids)

    def subset(self, mask: np.ndarray) -> Points:
        rows = np.flatnonzero(mask)
        return Points(self.ids[rows], self.lon[rows], self.lat[rows], self.categories[rows],
                      [self.labels[i] for i in rows.tolist()])


@dataclass(frozen=True)
class Businesses(Points):
    """Restaurants and canteens with what the map symbolises and filters on."""

    stars: np.ndarray  # 0–5
    kinds: np.ndarray  # index into BUSINESS_KINDS
    risk: np.ndarray  # index into RISK_GRADES (-1: none)

    @property
    def school(self) -> np.ndarray:
        return np.isin(self.kinds, [BUSINESS_KINDS.index(k) for k in SCHOOL_KINDS])

    def filtered(self, risk_grades=None, kinds=None, min_stars=None) -> Businesses:
        """The businesses passing every given filter (None: no filter on that)."""
        keep = np.ones(len(self.ids), dtype=bool)
        if risk_grades is not None:
            unknown = set(risk_grades) - set(RISK_GRADES)
            if unknown:
                raise ValueError(f"risk grades are {', '.join(RISK_GRADES)}, not {', '.join(sorted(unknown))}")
            keep &= np.isin(self.risk, [RISK_GRADES.index(g) for g in risk_grades])
        if kinds is not None:
            unknown = set(kinds) - set(BUSINESS_KINDS)
            if unknown:
                raise ValueError(f"unknown business kinds: {', '.join(sorted(unknown))}")
            keep &= np.isin(self.kinds, [BUSINESS_KINDS.index(k) for k in kinds])
        if min_stars is not None:
            if not 0 <= int(min_stars) <= 5:
                raise ValueError(f"min_stars must be 0–5, not {min_stars}")
            keep &= self.stars >= int(min_stars)
        rows = np.flatnonzero(keep)
        return Businesses(self.ids[rows], self.lon[rows], self.lat[rows], self.categories[rows],
                          [self.labels[i] for i in rows.tolist()], self.stars[rows], self.kinds[rows], self.risk[rows])


@dataclass(frozen=True)
class Areas:
    """Polygon features: ids, shapely geometries (WGS-84) and labels."""

    ids: np.ndarray
    geoms: list
    labels: list[str]

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(frozen=True)
class Zones(Areas):
    """Vendor zones with their local opening hours."""

    opens: list[str]
    closes: list[str]
    days: list[str]

    def open_at(self, at: datetime) -> np.ndarray:
        """Which zones are open at the aware time ``at`` (hours are Asia/Shanghai local)."""
        return np.array([_open(o, c, d, at) for o, c, d in zip(self.opens, self.closes, self.days, strict=True)],
                        dtype=bool)


def _open(opens: str, closes: str, days: str, at: datetime) -> bool:
    try:
        return is_open(opens, closes, days, at)
    except ValueError:
        return False  # unreadable hours: shown closed rather than breaking the layer


def _columns(rows, n: int) -> list[tuple]:
    return list(zip(*rows, strict=True)) if rows else [()] * n


def _ints(values) -> np.ndarray:
    return np.fromiter(values, dtype=np.int64, count=len(values))


def _floats(values) -> np.ndarray:
    return np.fromiter(values, dtype=np.float64, count=len(values))


def read_districts(db: Database) -> Areas:
    with db.engine.connect() as c:
        rows = c.execute(select(District.id, District.geom, District.name).order_by(District.id)).all()
    ids, geoms, names = _columns(rows, 3)
    return Areas(_ints(ids), list(geoms), list(names))


def read_zones(db: Database) -> Zones:
    with db.engine.connect() as c:
        rows = c.execute(select(VendorZone.id, VendorZone.geom, VendorZone.name, VendorZone.opens,
                                VendorZone.closes, VendorZone.days).order_by(VendorZone.id)).all()
    ids, geoms, names, opens, closes, days = _columns(rows, 6)
    return Zones(_ints(ids), list(geoms), list(names), list(opens), list(closes), list(days))


def read_markets(db: Database) -> Points:
    with db.engine.connect() as c:
        rows = c.execute(select(Market.id, Market.lon, Market.lat, Market.kind, Market.name)
                         .order_by(Market.id)).all()
    ids, lon, lat, kinds, names = _columns(rows, 5)
    cats = [MARKET_KINDS.index(k) if k in MARKET_KINDS else 0 for k in kinds]
    return Points(_ints(ids), _floats(lon), _floats(lat), _ints(cats), list(names))


def read_stalls(db: Database) -> Points:
    with db.engine.connect() as c:
        rows = c.execute(select(Stall.id, Stall.lon, Stall.lat, Stall.number, Stall.holder).order_by(Stall.id)).all()
    ids, lon, lat, numbers, holders = _columns(rows, 5)
    labels = [f"{n} {h}".strip() for n, h in zip(numbers, holders, strict=True)]
    return Points(_ints(ids), _floats(lon), _floats(lat), np.zeros(len(ids), dtype=np.int64), labels)


def read_businesses(db: Database) -> Businesses:
    """Every business with a location (one without a geocode is listed elsewhere, not mapped)."""
    with db.engine.connect() as c:
        rows = c.execute(select(Business.id, Business.lon, Business.lat, Business.stars, Business.kind,
                                Business.risk_grade, Business.name)
                         .where(Business.lon.is_not(None), Business.lat.is_not(None)).order_by(Business.id)).all()
    ids, lon, lat, stars, kinds, risk, names = _columns(rows, 7)
    kind_index = {k: i for i, k in enumerate(BUSINESS_KINDS)}
    risk_index = {g: i for i, g in enumerate(RISK_GRADES)}
    stars = np.clip(_ints([v or 0 for v in stars]), 0, 5)
    kinds = _ints([kind_index.get(k, -1) for k in kinds])
    school_codes = [kind_index[k] for k in SCHOOL_KINDS]
    categories = stars + 10 * np.isin(kinds, school_codes)  # symbology.restaurant_category
    return Businesses(_ints(ids), _floats(lon), _floats(lat), categories, list(names), stars, kinds,
                      _ints([risk_index.get(g, -1) for g in risk]))


def read_cameras(db: Database) -> Points:
    with db.engine.connect() as c:
        rows = c.execute(select(Camera.id, Camera.lon, Camera.lat, Camera.state, Camera.name)
                         .order_by(Camera.id)).all()
    ids, lon, lat, states, names = _columns(rows, 5)
    cats = [CAMERA_ONLINE if st == "online" else CAMERA_OFFLINE for st in states]
    return Points(_ints(ids), _floats(lon), _floats(lat), _ints(cats), list(names))


def read_labs(db: Database) -> Points:
    """Rapid-test rooms where they are; mobile test vehicles' labs at the vehicle's last fix."""
    with db.engine.connect() as c:
        rows = c.execute(select(TestLab.id, TestLab.lon, TestLab.lat, TestLab.kind, TestLab.name,
                                Vehicle.last_lon, Vehicle.last_lat)
                         .outerjoin(Vehicle, Vehicle.id == TestLab.vehicle_id).order_by(TestLab.id)).all()
    ids, lon, lat, kinds, names, vlon, vlat = _columns(rows, 7)
    lon = [v if v is not None else x for v, x in zip(vlon, lon, strict=True)]
    lat = [v if v is not None else y for v, y in zip(vlat, lat, strict=True)]
    cats = [LAB_VEHICLE if k == "vehicle" else LAB_ROOM for k in kinds]
    return Points(_ints(ids), _floats(lon), _floats(lat), _ints(cats), list(names))


READERS: dict[str, Callable[[Database], object]] = {
    DISTRICTS: read_districts, ZONES: read_zones, STALLS: read_stalls, RESTAURANTS: read_businesses,
    CAMERAS: read_cameras, MARKETS: read_markets, LABS: read_labs,
}

# what a change to a table (hub.changed) makes stale
LAYERS_OF_TABLE = {
    "business": (RESTAURANTS,), "star_rating": (RESTAURANTS,), "camera": (CAMERAS,), "market": (MARKETS,),
    "vendor_zone": (ZONES,), "stall": (STALLS,),
}


def read_all(db: Database) -> dict[str, object]:
    """Every layer at once (the bench, and exports)."""
    return {layer_id: read(db) for layer_id, read in READERS.items()}
