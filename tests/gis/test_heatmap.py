"""The failure heatmap: where the density peaks, how wide it spreads, how weights and the grid behave."""

from __future__ import annotations

import numpy as np
import pytest

from gis.crs import lonlat_to_mercator
from gis.heatmap import DEFAULT_RAMP, Cancelled, Extent, exceedance_weights, kde, kde_lonlat

BAOTOU = Extent.from_lonlat(109.75, 40.52, 110.10, 40.72)
CENTRE = (109.93, 40.61)


def _ground_sd(hm, row: int, along_x: bool = True) -> tuple[float, float]:
    """Mean position (projected metres) and standard deviation (ground metres) of one profile."""
    v = hm.values
    ext = hm.extent
    if along_x:
        prof = v[row].astype(np.float64)
        pos = ext.xmin + (np.arange(hm.width) + 0.5) * ext.width / hm.width
    else:
        prof = v[:, row].astype(np.float64)
        pos = ext.ymax - (np.arange(hm.height) + 0.5) * ext.height / hm.height
    mean = (prof * pos).sum() / prof.sum()
    sd = np.sqrt((prof * (pos - mean) ** 2).sum() / prof.sum())
    return mean, sd / ext.scale_factor()


@pytest.mark.parametrize("sigma_m", [40.0, 250.0, 1200.0])
def test_single_sample_peaks_where_it_is_with_the_spread_asked_for(sigma_m):
    x, y = lonlat_to_mercator(*CENTRE)
    hm = kde([x], [y], BAOTOU, (800, 600), sigma_m)
    r, c = np.unravel_index(int(hm.values.argmax()), hm.shape)
    want_r, want_c = hm.cell_of(x, y)
    cells_per_sigma = sigma_m * BAOTOU.scale_factor() / (BAOTOU.width / 800)
    tol = max(1, int(0.15 * cells_per_sigma))  # a wide kernel has a flat top
    assert abs(r - want_r) <= tol and abs(c - want_c) <= tol
    mean_x, sd_x = _ground_sd(hm, want_r, along_x=True)
    mean_y, sd_y = _ground_sd(hm, want_c, along_x=False)
    assert sd_x == pytest.approx(sigma_m, rel=0.05)
    assert sd_y == pytest.approx(sigma_m, rel=0.05)
    assert mean_x == pytest.approx(x, abs=0.1 * sigma_m)
    assert mean_y == pytest.approx(y, abs=0.1 * sigma_m)
    assert hm.values.max() == pytest.approx(1.0, abs=0.02)


def test_kernel_is_in_ground_metres_not_projected_metres():
    """Web Mercator stretches by 1/cos(latitude): at Baotou a 300 m kernel spans ~396 projected metres."""
    x, y = lonlat_to_mercator(*CENTRE)
    hm = kde([x], [y], BAOTOU, (1024, 1024), 300.0)
    _, sd = _ground_sd(hm, hm.cell_of(x, y)[0])
    projected = sd * BAOTOU.scale_factor()
    assert projected == pytest.approx(300.0 / np.cos(np.radians(CENTRE[1])), rel=0.05)
    assert sd == pytest.approx(300.0, rel=0.05)


def test_weights_scale_the_density():
    x, y = lonlat_to_mercator(np.array([109.85, 110.0]), np.array([40.60, 40.65]))
    one = kde(x, y, BAOTOU, (512, 512), 300.0)
    both_triple = kde(x, y, BAOTOU, (512, 512), 300.0, weights=[3.0, 3.0])
    assert both_triple.peak == pytest.approx(3 * one.peak, rel=1e-5)
    assert np.allclose(both_triple.values, one.values, atol=1e-5)
    uneven = kde(x, y, BAOTOU, (512, 512), 300.0, weights=[1.0, 3.0])
    a = uneven.values[uneven.cell_of(x[0], y[0])]
    b = uneven.values[uneven.cell_of(x[1], y[1])]
    assert b == pytest.approx(1.0, abs=0.02)
    assert a / b == pytest.approx(1 / 3, rel=0.05)
    assert uneven.total_weight == pytest.approx(4.0)


def test_peak_is_weight_per_square_kilometre_of_ground():
    """Ten failures stacked at one point under a 1 km kernel: 10 / (2π σ²) per km² at the centre."""
    x, y = lonlat_to_mercator(*CENTRE)
    hm = kde(np.full(10, x), np.full(10, y), BAOTOU, (1024, 1024), 1000.0)
    assert hm.peak == pytest.approx(10 / (2 * np.pi * 1.0**2), rel=0.05)


def test_empty_input_gives_zeros_and_a_transparent_image():
    hm = kde([], [], BAOTOU, (300, 200), 250.0)
    assert hm.shape == (200, 300)
    assert hm.peak == 0.0 and hm.count == 0
    assert not hm.values.any()
    assert not hm.rgba()[..., 3].any()


def test_grid_maps_the_extent_with_north_up():
    ext = Extent(0.0, 0.0, 10_000.0, 5_000.0)  # near the equator: projected and ground metres agree
    hm = kde([9_025.0], [4_475.0], ext, (200, 100), 150.0)  # north-east, mid-cell
    r, c = np.unravel_index(int(hm.values.argmax()), hm.shape)
    assert (r, c) == (10, 180)  # row = (ymax − y) / 50 m, column = x / 50 m
    hm = kde([1_025.0], [475.0], ext, (200, 100), 60.0)  # south-west, in the middle of cell (90, 20)
    assert np.unravel_index(int(hm.values.argmax()), hm.shape) == (90, 20)


def test_samples_just_outside_the_extent_warm_its_edge_and_far_ones_do_not():
    ext = Extent(0.0, 0.0, 10_000.0, 10_000.0)
    near = kde([-200.0], [5_000.0], ext, (100, 100), 300.0)
    assert near.count == 1 and near.values[50, 0] > 0.5
    far = kde([-50_000.0], [5_000.0], ext, (100, 100), 300.0)
    assert far.count == 0 and not far.values.any()


def test_bad_values_are_skipped_and_bad_arguments_refused():
    x, y = lonlat_to_mercator(*CENTRE)
    hm = kde([x, np.nan], [y, y], BAOTOU, (100, 100), 500.0)
    assert hm.count == 1
    with pytest.raises(ValueError):
        kde([x], [y], BAOTOU, (100, 100), 0.0)
    with pytest.raises(ValueError):
        kde([x], [y, y], BAOTOU, (100, 100), 100.0)
    with pytest.raises(ValueError):
        Extent(1.0, 0.0, 1.0, 5.0)


def test_a_cancelled_computation_stops():
    x, y = lonlat_to_mercator(*CENTRE)
    with pytest.raises(Cancelled):
        kde([x], [y], BAOTOU, (256, 256), 300.0, cancelled=lambda: True)


def test_lonlat_entry_point_matches_mercator():
    lon, lat = np.array([109.9, 109.95]), np.array([40.6, 40.63])
    x, y = lonlat_to_mercator(lon, lat)
    a = kde_lonlat(lon, lat, BAOTOU, (256, 256), 400.0)
    b = kde(x, y, BAOTOU, (256, 256), 400.0)
    assert np.array_equal(a.values, b.values)


def test_colours_follow_the_ramp_and_the_legend_reads_densities():
    x, y = lonlat_to_mercator(*CENTRE)
    hm = kde([x], [y], BAOTOU, (400, 400), 800.0, weights=[2.0])
    img = hm.rgba()
    assert img.shape == (400, 400, 4) and img.dtype == np.uint8
    r, c = hm.cell_of(x, y)
    assert [int(v) for v in img[r, c]] == pytest.approx(DEFAULT_RAMP.stops[-1][1], abs=12)
    assert img[0, 0, 3] == 0  # far from the failure: transparent
    legend = hm.legend(stops=5)
    assert [s.fraction for s in legend] == [0.0, 0.25, 0.5, 0.75, 1.0]
    assert legend[-1].value == pytest.approx(hm.peak)
    assert legend[0].rgba[3] == 0 and legend[-1].rgba == DEFAULT_RAMP.color_at(1.0)
    # Alpha rises with density along the profile away from the peak.
    alphas = img[r, c:c + 60, 3].astype(int)
    assert all(a >= b for a, b in zip(alphas, alphas[1:], strict=False))


def test_exceedance_weights():
    w = exceedance_weights([50.0, 100.0, 40.0, np.nan, 1000.0, 3.0], [50.0, 50.0, 50.0, 50.0, 50.0, None])
    assert list(w) == [1.0, 2.0, 1.0, 1.0, 5.0, 1.0]
