"""The city's layers on a map canvas, filled from ``map_data`` arrays.

One object owns the layers the map panel puts on the canvas (districts as the offline basemap,
vendor zones, stalls, restaurants and canteens, kitchen cameras, markets, test rooms and test
vehicles), in drawing order, with the command center's standard symbols. It turns data into
layer data: vendor zones coloured open or closed at a given time, restaurants filtered, and a
reload that only restyles (a star changed, a camera went offline) when nothing moved. The
desktop and ``shian bench map`` build the map through this same class.
"""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
from PySide6.QtCore import QObject

from desktop.panels import map_data as md
from widgets.map_canvas import PointLayer, PolygonLayer, Symbol
from widgets.map_canvas import symbology as sy


class CityLayers(QObject):
    def __init__(self, canvas, parent: QObject | None = None):
        super().__init__(parent)
        self.canvas = canvas
        lab_symbols = {
            md.LAB_ROOM: sy.test_room_symbols()[0],
            md.LAB_VEHICLE: Symbol("diamond", 14, "#7c3aed", "#ffffff", 1.5,
                                   self.tr("Mobile test vehicle (last position)"), z=3),
        }
        self.layers = {
            md.DISTRICTS: PolygonLayer(md.DISTRICTS, self.tr("Districts"), basemap=True, label_max_zoom=14.5,
                                       min_label_px=90),
            md.ZONES: PolygonLayer(md.ZONES, self.tr("Vendor zones"), styles=sy.zone_styles(), label_min_zoom=15),
            md.STALLS: PointLayer(md.STALLS, self.tr("Stalls"), symbols=sy.stall_symbols(), cluster_color="#db2777",
                                  min_zoom=13, label_min_zoom=19),
            md.RESTAURANTS: PointLayer(md.RESTAURANTS, self.tr("Restaurants and canteens"),
                                       symbols=sy.restaurant_symbols(), cluster_color="#ea580c",
                                       label_min_zoom=16.5),
            md.CAMERAS: PointLayer(md.CAMERAS, self.tr("Kitchen cameras"), symbols=sy.camera_symbols(),
                                   cluster_color="#0284c7", min_zoom=15.5, label_min_zoom=30),
            md.MARKETS: PointLayer(md.MARKETS, self.tr("Markets"), symbols=sy.market_symbols(), cluster=False,
                                   label_min_zoom=13.5),
            md.LABS: PointLayer(md.LABS, self.tr("Test rooms and test vehicles"), symbols=lab_symbols, cluster=False,
                                label_min_zoom=14.5),
        }
        for layer_id in md.LAYER_IDS:
            canvas.add_layer(self.layers[layer_id])
        self.data: dict[str, object] = {}  # as read, before filters
        self.shown: dict[str, object] = {}  # what the layer holds now
        self.business_filter: dict = {}
        self.zone_open: np.ndarray = np.zeros(0, dtype=bool)

    def feature_count(self) -> int:
        return sum(len(d) for d in self.shown.values())

    # --- data in -------------------------------------------------------------------------------

    def apply(self, layer_id: str, data, now: datetime | None = None) -> None:
        """Show freshly read data (``map_data.READERS[layer_id]``'s result) on its layer."""
        self.data[layer_id] = data
        if layer_id == md.RESTAURANTS:
            data = data.filtered(**self.business_filter)
        elif layer_id == md.ZONES:
            self.zone_open = data.open_at(now or datetime.now(UTC))
        self._show(layer_id, data)

    def _show(self, layer_id: str, data) -> None:
        layer = self.layers[layer_id]
        old = self.shown.get(layer_id)
        self.shown[layer_id] = data
        if isinstance(data, md.Zones):
            labels = [f"{n} {o}–{c}" for n, o, c in zip(data.labels, data.opens, data.closes, strict=True)]
            cats = np.where(self.zone_open, sy.ZONE_OPEN, sy.ZONE_CLOSED)
            layer.set_data(data.geoms, ids=data.ids, categories=cats, labels=labels)
        elif isinstance(data, md.Areas):
            layer.set_data(data.geoms, ids=data.ids, labels=data.labels)
        elif _same_places(old, data):
            layer.set_categories(data.categories)  # a restyle: no level-of-detail rebuild
        else:
            layer.set_data(data.lon, data.lat, data.ids, categories=data.categories, labels=data.labels)

    def set_business_filter(self, risk_grades=None, kinds=None, min_stars=None) -> None:
        """Only the restaurants and canteens of these risk grades, kinds and at least so many stars
        (None: every one). Invalid values raise ValueError and change nothing."""
        flt = {k: v for k, v in (("risk_grades", risk_grades), ("kinds", kinds), ("min_stars", min_stars))
               if v is not None}
        shown = self.data.get(md.RESTAURANTS, _EMPTY_BUSINESSES).filtered(**flt)  # validates first
        self.business_filter = flt
        if md.RESTAURANTS in self.data:
            self._show(md.RESTAURANTS, shown)

    def refresh_zone_hours(self, now: datetime) -> bool:
        """Re-colour vendor zones open or closed at ``now``; True if any changed."""
        zones = self.data.get(md.ZONES)
        if zones is None:
            return False
        is_open = zones.open_at(now)
        if np.array_equal(is_open, self.zone_open):
            return False
        self.zone_open = is_open
        self.layers[md.ZONES].set_categories(np.where(is_open, sy.ZONE_OPEN, sy.ZONE_CLOSED))
        return True

    def set_raster_basemap(self, on: bool) -> None:
        """Over raster tiles the districts keep only their outlines and names."""
        self.layers[md.DISTRICTS].set_land(not on)

    # --- questions -----------------------------------------------------------------------------

    def label(self, layer_id: str, feature_id) -> str:
        data = self.data.get(layer_id)
        if data is None:
            return ""
        rows = np.flatnonzero(data.ids == feature_id)
        return data.labels[int(rows[0])] if len(rows) else ""

    def position(self, layer_id: str, feature_id) -> tuple[float, float] | None:
        """WGS-84 lon, lat of a feature (a polygon's inner point), if this map holds it."""
        data = self.data.get(layer_id)
        if data is None:
            return None
        rows = np.flatnonzero(data.ids == feature_id)
        if not len(rows):
            return None
        row = int(rows[0])
        if isinstance(data, md.Areas):
            p = data.geoms[row].representative_point()
            return float(p.x), float(p.y)
        return float(data.lon[row]), float(data.lat[row])

    def area_at(self, layer_id: str, lon: float, lat: float):
        """The id of the polygon of ``layer_id`` containing a WGS-84 point, or None."""
        import shapely

        data = self.data.get(layer_id)
        if not isinstance(data, md.Areas) or not len(data):
            return None
        inside = shapely.contains_xy(np.asarray(data.geoms, dtype=object), lon, lat)
        rows = np.flatnonzero(inside)
        return data.ids[int(rows[-1])].item() if len(rows) else None


def _same_places(old, new) -> bool:
    return (isinstance(old, md.Points) and len(old) == len(new) and np.array_equal(old.ids, new.ids)
            and np.array_equal(old.lon, new.lon) and np.array_equal(old.lat, new.lat) and old.labels == new.labels)


_EMPTY_BUSINESSES = md.Businesses(*(np.zeros(0, dtype=np.int64),) * 4, [], *(np.zeros(0, dtype=np.int64),) * 3)
