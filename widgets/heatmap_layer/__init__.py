"""The failure heatmap on the map canvas: an image layer computed in the background for the view,
and its colour-ramp legend. Points in, pixels out; no database."""

from widgets.heatmap_layer.layer import HeatmapLayer
from widgets.heatmap_layer.legend import HeatmapLegend

__all__ = ["HeatmapLayer", "HeatmapLegend"]
