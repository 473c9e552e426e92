"""Measurements on the WGS-84 ellipsoid agree with closed-form values, not with the map plane."""

import math

import numpy as np
import pytest

from gis.crs import lonlat_to_mercator
from gis.geometry_tools import path_length_m, polygon_area_m2, segment_lengths_m

A = 6378137.0
F = 1 / 298.257223563
B = A * (1 - F)
E = math.sqrt(1 - (B / A) ** 2)


def zone_area(lat_deg: float) -> float:
    """Ellipsoid area from the equator to ``lat_deg`` for one degree of longitude (closed form)."""
    s = math.sin(math.radians(lat_deg))
    q = s / (1 - E * E * s * s) + math.log((1 + E * s) / (1 - E * s)) / (2 * E)
    return math.pi * B * B * q / 360.0


def test_one_degree_of_longitude_on_the_equator():
    # the equator is a circle of radius a: one degree is a * pi / 180
    assert path_length_m([0, 1], [0, 0]) == pytest.approx(A * math.pi / 180, rel=1e-9)


def test_a_one_degree_cell_near_baotou_has_its_ellipsoidal_area():
    area, perimeter = polygon_area_m2([109, 110, 110, 109], [40, 40, 41, 41])
    # the east-west edges are geodesics, which bow slightly poleward of the parallels: 1e-5
    assert area == pytest.approx(zone_area(41) - zone_area(40), rel=1e-4)
    assert perimeter > 0


def test_ring_direction_does_not_change_the_area():
    lon, lat = [109.8, 109.9, 109.9, 109.8], [40.6, 40.6, 40.7, 40.7]
    assert polygon_area_m2(lon, lat)[0] == pytest.approx(polygon_area_m2(lon[::-1], lat[::-1])[0])


def test_ground_distance_is_shorter_than_mercator_metres_by_cos_latitude():
    lon, lat = np.array([109.80, 109.95]), np.array([40.65, 40.65])
    x, _ = lonlat_to_mercator(lon, lat)
    ground = path_length_m(lon, lat)
    assert ground == pytest.approx((x[1] - x[0]) * math.cos(math.radians(40.65)), rel=3e-3)


def test_legs_add_up_to_the_path():
    lon, lat = [109.8, 109.85, 109.9], [40.6, 40.62, 40.6]
    assert segment_lengths_m(lon, lat).sum() == pytest.approx(path_length_m(lon, lat))


@pytest.mark.parametrize("lon,lat,msg", [
    ([109.8], [40.6], "at least 2"),
    ([109.8, float("nan")], [40.6, 40.7], "finite"),
    ([109.8, 109.9], [40.6, 140.0], "longitude/latitude"),
    ([109.8, 109.9], [40.6], "latitudes"),
])
def test_bad_input_is_refused_with_a_reason(lon, lat, msg):
    with pytest.raises(ValueError, match=msg):
        path_length_m(lon, lat)


def test_an_area_needs_three_points():
    with pytest.raises(ValueError, match="at least 3"):
        polygon_area_m2([109.8, 109.9], [40.6, 40.7])
