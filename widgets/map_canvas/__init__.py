"""A fast native map canvas for the command center, with layers given as plain data.

Typical use::

    canvas = MapCanvas(theme="dark")
    districts = PolygonLayer("districts", "行政区", basemap=True)
    districts.set_data(polygons_wgs84, ids=adcodes, labels=names)
    canvas.add_layer(districts)
    shops = PointLayer("restaurants", "餐饮单位", symbols=restaurant_symbols())
    shops.set_data(lon, lat, ids, categories=restaurant_category(stars, school), labels=names)
    canvas.add_layer(shops)
    canvas.featureClicked.connect(show_details)
    canvas.set_basemap(tianditu(key), cache_dir=cache)   # or None for the offline basemap
"""

from widgets.map_canvas.canvas import MapCanvas, MapContext
from widgets.map_canvas.frame_timing import FrameReport, Step, default_script, measure_frames, measure_live
from widgets.map_canvas.layer import Hit, LegendEntry, MapLayer
from widgets.map_canvas.live_layer import LivePointLayer, LiveStyle
from widgets.map_canvas.point_layer import PointLayer
from widgets.map_canvas.polygon_layer import FillStyle, PolygonLayer
from widgets.map_canvas.sprites import Symbol
from widgets.map_canvas.tile_layer import TileLayer
from widgets.map_canvas.tools import TOOL_NAMES
from widgets.map_canvas.view import MapView

__all__ = [
    "TOOL_NAMES", "FillStyle", "FrameReport", "Hit", "LegendEntry", "LivePointLayer", "LiveStyle", "MapCanvas",
    "MapContext", "MapLayer", "MapView", "PointLayer", "PolygonLayer", "Step", "Symbol", "TileLayer",
    "default_script", "measure_frames", "measure_live",
]
