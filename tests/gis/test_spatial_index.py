"""Spatial indexes answer hover, pick and box selection like a brute-force scan would."""

import numpy as np
import shapely

from gis.spatial_index import PointIndex, ShapeIndex


def test_nearest_point_within_the_pick_distance():
    rng = np.random.default_rng(2)
    x, y = rng.uniform(0, 1000, 5000), rng.uniform(0, 1000, 5000)
    idx = PointIndex(x, y)
    for qx, qy in ((10.0, 10.0), (500.0, 500.0), (999.0, 3.0)):
        d = np.hypot(x - qx, y - qy)
        best = int(np.argmin(d))
        got = idx.nearest(qx, qy, max_distance=float(d[best]) + 1e-9)
        assert got == best
        assert idx.nearest(qx, qy, max_distance=float(d[best]) * 0.5) is None


def test_points_in_a_box_are_exactly_those_a_scan_finds():
    rng = np.random.default_rng(4)
    x, y = rng.uniform(0, 100, 2000), rng.uniform(0, 100, 2000)
    got = PointIndex(x, y).in_box(20, 30, 45, 70)
    want = np.flatnonzero((x >= 20) & (x <= 45) & (y >= 30) & (y <= 70))
    assert np.array_equal(got, want)


def test_polygons_containing_a_point_and_meeting_a_box():
    zones = [shapely.box(0, 0, 10, 10), shapely.box(5, 5, 15, 15), shapely.box(20, 20, 30, 30)]
    idx = ShapeIndex(zones)
    assert idx.containing(7, 7).tolist() == [0, 1]
    assert idx.containing(25, 25).tolist() == [2]
    assert idx.containing(17, 17).tolist() == []
    assert idx.in_box(12, 12, 21, 21).tolist() == [1, 2]


def test_empty_indexes_answer_nothing():
    assert PointIndex(np.empty(0), np.empty(0)).nearest(0, 0, 10) is None
    assert len(PointIndex(np.empty(0), np.empty(0)).in_box(0, 0, 1, 1)) == 0
    assert len(ShapeIndex([]).containing(0, 0)) == 0
