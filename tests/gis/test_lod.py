"""Level of detail: clusters keep every point counted, coarsen with zoom, and give way to single
points when zoomed in; extent queries agree with a brute-force scan."""

import numpy as np
import pytest

from gis.crs import lonlat_to_mercator
from gis.lod import PointPyramid
from gis.tiles.tilemath import resolution


def city(n: int, seed: int = 3):
    rng = np.random.default_rng(seed)
    lon = np.concatenate([rng.normal(109.83, 0.02, n // 2), rng.normal(110.03, 0.02, n - n // 2)])
    lat = np.concatenate([rng.normal(40.66, 0.01, n // 2), rng.normal(40.59, 0.01, n - n // 2)])
    return lonlat_to_mercator(lon, lat)


def test_every_level_counts_every_point_once():
    x, y = city(20_000)
    pyr = PointPyramid(x, y)
    assert pyr.levels, "a dense city must cluster at some zoom"
    for level in pyr.levels.values():
        assert level.count.sum() == 20_000
        assert (level.count >= 1).all()


def test_clusters_coarsen_as_the_map_zooms_out():
    x, y = city(20_000)
    pyr = PointPyramid(x, y)
    sizes = [len(pyr.levels[z]) for z in sorted(pyr.levels)]
    assert sizes == sorted(sizes)
    city_level = pyr.level_for(11.2)
    assert city_level is not None and len(city_level) < 200


def test_single_points_come_back_at_street_zoom():
    x, y = city(2_000)
    pyr = PointPyramid(x, y)
    assert pyr.level_for(19) is None  # points drawn one by one
    assert pyr.level_for(10) is not None


def test_a_lone_point_stays_itself():
    x, y = city(5_000)
    lx, ly = lonlat_to_mercator(109.5, 40.9)  # far from both centres
    pyr = PointPyramid(np.append(x, lx), np.append(y, ly))
    level = pyr.level_for(12)
    i = int(np.argmin(np.hypot(level.x - lx, level.y - ly)))
    assert level.count[i] == 1 and level.first[i] == 5_000
    assert (level.x[i], level.y[i]) == pytest.approx((lx, ly))


def test_cluster_centroid_is_the_mean_of_its_points():
    x0, y0 = lonlat_to_mercator(109.9, 40.63)
    rng = np.random.default_rng(1)
    x = x0 + rng.normal(0, 5, 100)
    y = y0 + rng.normal(0, 5, 100)
    level = PointPyramid(x, y).level_for(12)
    assert len(level) == 1
    assert (level.x[0], level.y[0]) == pytest.approx((x.mean(), y.mean()))


def test_a_dense_spot_on_a_grid_line_is_one_cluster_not_two():
    z = 12
    cell = 80 * resolution(z)
    # a grid line of every level (they nest) passes through x = 0 of the Web Mercator world
    x0 = -20037508.342789244 + round((1.2e7 + 20037508.342789244) / cell) * cell
    y0 = 4.96e6
    rng = np.random.default_rng(5)
    x = x0 + rng.normal(0, cell * 0.05, 400)
    y = y0 + rng.normal(0, cell * 0.05, 400)
    level = PointPyramid(x, y).level_for(z)
    assert len(level) == 1 and level.count[0] == 400


def test_cells_in_extent_match_a_full_scan():
    x, y = city(30_000)
    pyr = PointPyramid(x, y)
    cx, cy = lonlat_to_mercator(109.84, 40.66)
    for z, half in ((12, 8000.0), (14, 2500.0)):
        level = pyr.levels[z]
        box = (cx - half, cy - half * 0.6, cx + half, cy + half * 0.6)
        got = set(level.in_extent(*box).tolist())
        want = set(np.flatnonzero((level.x >= box[0]) & (level.x <= box[2])
                                  & (level.y >= box[1]) & (level.y <= box[3])).tolist())
        assert got == want


def test_points_in_extent_match_a_full_scan():
    x, y = city(30_000)
    pyr = PointPyramid(x, y)
    cx, cy = lonlat_to_mercator(110.03, 40.59)
    box = (cx - 900, cy - 500, cx + 900, cy + 500)
    got = pyr.points_in_extent(*box)
    want = np.flatnonzero((x >= box[0]) & (x <= box[2]) & (y >= box[1]) & (y <= box[3]))
    assert np.array_equal(got, want)


def test_ten_times_the_city_builds_and_stays_exact():
    x, y = city(235_000)
    pyr = PointPyramid(x, y)
    assert pyr.n == 235_000
    for level in pyr.levels.values():
        assert level.count.sum() == 235_000


def test_bad_coordinates_are_refused():
    with pytest.raises(ValueError, match="finite"):
        PointPyramid(np.array([1.0, np.nan]), np.array([1.0, 2.0]))
    with pytest.raises(ValueError, match="same length"):
        PointPyramid(np.array([1.0, 2.0]), np.array([1.0]))


def test_an_empty_layer_has_no_clusters():
    pyr = PointPyramid(np.empty(0), np.empty(0))
    assert pyr.level_for(12) is None
    assert len(pyr.points_in_extent(-1, -1, 1, 1)) == 0
