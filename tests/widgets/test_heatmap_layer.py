"""The heatmap layer on a real canvas: heat where the failures are and nowhere else, colours that
keep their meaning when the map moves, the newest data winning, the GCJ-02 shift, bad input."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QColor

from gis.heatmap import DEFAULT_RAMP
from widgets.heatmap_layer import HeatmapLayer, HeatmapLegend
from widgets.map_canvas import MapCanvas, PolygonLayer

W, H = 480, 360
LON, LAT = 109.85, 40.65
EAST_LON = 109.88  # about 2.5 km east of LON at this latitude


@pytest.fixture
def canvas(qtbot):
    c = MapCanvas()
    qtbot.addWidget(c)
    c.resize(W, H)
    c.show()
    c.center_on(LON, LAT, 13)
    return c


def settle(qtbot, canvas) -> None:
    """Draw until every layer (the heatmap too) has what it needs for the current view."""
    canvas.grab()
    qtbot.waitUntil(canvas.is_ready, timeout=10000)
    canvas.grab()
    qtbot.waitUntil(canvas.is_ready, timeout=10000)


def pixel(canvas, lon: float, lat: float) -> QColor:
    x, y = canvas.from_wgs84(lon, lat)
    sx, sy = canvas.view.to_screen(x, y)
    return canvas.grab().toImage().pixelColor(int(sx), int(sy))


def reddish(c: QColor) -> bool:
    return c.red() > 150 and c.green() < 110 and c.blue() < 110


def test_heat_sits_on_the_failures_and_nowhere_else(qtbot, canvas):
    layer = HeatmapLayer("heat", "Failures", sigma_m=300)
    canvas.add_layer(layer)
    layer.set_points(np.full(20, LON), np.full(20, LAT))
    settle(qtbot, canvas)
    hot = pixel(canvas, LON, LAT)
    assert reddish(hot), hot.name()
    far = pixel(canvas, EAST_LON, LAT)
    layer.set_visible(False)
    settle(qtbot, canvas)
    assert pixel(canvas, EAST_LON, LAT) == far  # 2.5 km away with a 300 m kernel: untouched
    assert pixel(canvas, LON, LAT) != hot


def test_a_wider_kernel_spreads_the_heat(qtbot, canvas):
    one_km_east = LON + 0.0118
    bare = pixel(canvas, one_km_east, LAT)
    layer = HeatmapLayer("heat", "Failures", sigma_m=150)
    canvas.add_layer(layer)
    layer.set_points([LON], [LAT])
    settle(qtbot, canvas)
    assert pixel(canvas, one_km_east, LAT) == bare  # 1 km is almost seven sigmas: nothing there
    layer.set_sigma(1200)
    settle(qtbot, canvas)
    assert pixel(canvas, one_km_east, LAT) != bare
    assert layer.sigma_m == 1200


def test_colours_keep_their_meaning_when_the_map_is_panned(qtbot, canvas):
    layer = HeatmapLayer("heat", "Failures", sigma_m=400)
    canvas.add_layer(layer)
    layer.set_points([LON, LON, EAST_LON], [LAT, LAT, LAT], [3.0, 3.0, 1.0])
    settle(qtbot, canvas)
    peak = layer.reference_peak
    strong, weak = pixel(canvas, LON, LAT), pixel(canvas, EAST_LON, LAT)
    assert peak and peak > 0
    canvas.pan_by(-W * 0.55, 0)  # the strong spot leaves the view; the weak one stays weak
    settle(qtbot, canvas)
    assert layer.reference_peak == pytest.approx(peak)
    moved_weak = pixel(canvas, EAST_LON, LAT)
    assert abs(moved_weak.red() - weak.red()) < 25 and abs(moved_weak.green() - weak.green()) < 25
    assert strong.red() > weak.red() or strong.green() < weak.green()


def test_new_points_replace_the_old_ones(qtbot, canvas):
    layer = HeatmapLayer("heat", "Failures", sigma_m=300)
    canvas.add_layer(layer)
    layer.set_points([LON], [LAT])
    layer.set_points([EAST_LON] * 5, [LAT] * 5)  # a newer request before the first was drawn
    settle(qtbot, canvas)
    assert reddish(pixel(canvas, EAST_LON, LAT))
    assert not reddish(pixel(canvas, LON, LAT))
    assert len(layer) == 5


def test_no_failures_draws_nothing_and_is_ready(qtbot, canvas):
    layer = HeatmapLayer("heat", "Failures")
    canvas.add_layer(layer)
    before = pixel(canvas, LON, LAT)
    layer.set_points([], [])
    settle(qtbot, canvas)
    assert pixel(canvas, LON, LAT) == before
    assert canvas.is_ready()


def test_heat_follows_the_gcj02_display_shift(qtbot, canvas):
    from gis import crs

    layer = HeatmapLayer("heat", "Failures", sigma_m=120)
    canvas.add_layer(layer)
    layer.set_points(np.full(10, LON), np.full(10, LAT))
    canvas.set_gcj02_display(True)
    canvas.center_on(LON, LAT, 15)
    settle(qtbot, canvas)
    # drawn where GCJ-02 puts the point (≈ 600 m off), i.e. where canvas.from_wgs84 maps it
    assert reddish(pixel(canvas, LON, LAT))
    glon, glat = crs.wgs84_to_gcj02(LON, LAT)
    x, y = crs.lonlat_to_mercator(LON, LAT)  # the unshifted place, in display metres
    sx, sy = canvas.view.to_screen(x, y)
    assert not reddish(canvas.grab().toImage().pixelColor(int(sx), int(sy)))
    assert abs(float(glon) - LON) > 1e-3


def test_bad_points_are_refused_and_the_old_ones_kept(qtbot, canvas):
    layer = HeatmapLayer("heat", "Failures")
    canvas.add_layer(layer)
    layer.set_points([LON, LON], [LAT, LAT])
    with pytest.raises(ValueError, match="weights"):
        layer.set_points([LON], [LAT], [1.0, 2.0])
    with pytest.raises(ValueError, match="negative"):
        layer.set_points([LON], [LAT], [-1.0])
    with pytest.raises(ValueError):
        layer.set_points([LON], [95.0])  # not a latitude
    with pytest.raises(ValueError, match="metres"):
        layer.set_sigma(0)
    assert len(layer) == 2


def test_layer_sits_under_the_markers_and_is_not_picked(qtbot, canvas):
    from widgets.map_canvas import PointLayer

    markets = PointLayer("markets", "Markets")
    markets.set_data([LON], [LAT], [7])
    canvas.add_layer(PolygonLayer("districts", "Districts", basemap=True))
    canvas.add_layer(markets)
    layer = HeatmapLayer("heat", "Failures")
    canvas.add_layer(layer, 1)
    layer.set_points([LON] * 3, [LAT] * 3)
    settle(qtbot, canvas)
    x, y = canvas.from_wgs84(LON, LAT)
    sx, sy = canvas.view.to_screen(x, y)
    hit = canvas.pick(float(sx), float(sy))
    assert hit is not None and hit.layer_id == "markets" and hit.feature_id == 7


def test_legend_reads_the_reference_peak(qtbot, canvas):
    layer = HeatmapLayer("heat", "Failures", sigma_m=500)
    canvas.add_layer(layer)
    layer.set_points([LON] * 4, [LAT] * 4)
    settle(qtbot, canvas)
    legend = HeatmapLegend()
    qtbot.addWidget(legend)
    legend.set_scale(layer.reference_peak, "Failures", "per km²")
    labels = legend.labels
    assert labels[0] == "0" and len(labels) == 5
    assert float(labels[-1].replace(",", "")) == pytest.approx(layer.reference_peak, rel=0.05)
    entries = layer.legend()
    assert len(entries) == 4 and all("km²" in e.label for e in entries)
    legend.resize(legend.sizeHint())
    img = legend.grab().toImage()
    # the ramp's top end is drawn in the ramp's own colour
    top = QColor(*DEFAULT_RAMP.color_at(1.0)[:3])
    right_of_bar = img.pixelColor(img.width() - 14, legend.fontMetrics().height() + 6 + HeatmapLegend.BAR_H // 2)
    assert abs(right_of_bar.red() - top.red()) < 40 and right_of_bar.green() < 80
