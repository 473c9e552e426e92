"""Real district boundaries: lookups pass the published check points."""

import json

import pytest
import shapely

from gis import crs
from gis.districts import BoundaryError, DistrictLocator, city_boundary, city_districts
from tests.conftest import shared_data

# Seats of government and centroids from ../shared/data/README.md §1, in GCJ-02.
SEATS = {
    "150202": (110.026895, 40.587056), "150203": (109.822932, 40.661345), "150204": (109.880049, 40.668558),
    "150205": (110.272565, 40.672094), "150206": (109.97016, 41.769246), "150207": (109.968122, 40.600581),
    "150221": (110.526766, 40.566434), "150222": (110.063421, 41.030004), "150223": (110.438452, 41.702836),
}
CENTROIDS = {
    "150202": (110.207275, 40.57604), "150203": (109.755359, 40.686374), "150204": (109.93886, 40.647268),
    "150205": (110.286154, 40.747287), "150206": (109.938644, 41.767761), "150207": (109.600392, 40.608426),
    "150221": (110.688082, 40.518635), "150222": (110.146314, 41.113731), "150223": (110.472676, 41.954988),
}


@pytest.fixture(scope="module")
def baotou():
    return city_districts("150200")


def test_nine_valid_units_with_names(baotou):
    assert [b.adcode for b in baotou] == sorted(SEATS)
    names = {b.adcode: b.name for b in baotou}
    assert names["150203"] == "昆都仑区" and names["150223"] == "达尔罕茂明安联合旗"
    assert all(b.geometry.is_valid and b.geometry.geom_type == "MultiPolygon" for b in baotou)


@pytest.mark.parametrize("table", [SEATS, CENTROIDS], ids=["seats", "centroids"])
def test_check_points_fall_in_their_district(baotou, table):
    loc = DistrictLocator(baotou)
    for adcode, (glon, glat) in table.items():
        lon, lat = crs.convert(glon, glat, "gcj02", "wgs84")
        hit = loc.locate(lon, lat)
        assert hit is not None and hit.adcode == adcode, f"{adcode}: found {hit and hit.adcode}"


def test_boundaries_are_stored_in_wgs84_not_gcj02(baotou):
    # Amap outlines are GCJ-02; after conversion each vertex moves ~0.006° west.
    raw = json.loads(shared_data("boundaries", "cnmaps_amap_150203.geojson").read_text(encoding="utf-8"))
    gcj = shapely.geometry.shape(raw)
    ours = next(b for b in baotou if b.adcode == "150203").geometry
    dx = ours.centroid.x - gcj.centroid.x
    assert -0.008 < dx < -0.004


def test_invalid_published_outline_is_repaired_and_usable():
    # The DataV copy of 150223 is invalid by OGC rules; ours from the package must be valid and
    # agree with it in area after repair.
    raw = json.loads(shared_data("boundaries", "datav_baotou_150200_districts.geojson").read_text(encoding="utf-8"))
    datav = next(f for f in raw["features"] if str(f["properties"]["adcode"]) == "150223")
    g = shapely.geometry.shape(datav["geometry"])
    assert not g.is_valid
    ours = next(b for b in city_districts("150200") if b.adcode == "150223").geometry
    assert ours.is_valid
    assert abs(shapely.make_valid(g).area - crs.transform_geometry(ours, "wgs84", "gcj02").area) < 0.01


def test_city_outline_and_union_agree(baotou):
    city = city_boundary("150200").geometry
    minx, miny, maxx, maxy = city.bounds
    assert 109.2 < minx < 109.3 and 42.7 < maxy < 42.75
    union = shapely.union_all([b.geometry for b in baotou])
    assert city.symmetric_difference(union).area < 0.01


def test_another_city_works_the_same_way():
    hohhot = city_districts("150100")
    assert len(hohhot) >= 9 and all(b.adcode.startswith("1501") for b in hohhot)
    loc = DistrictLocator(hohhot)
    # Hohhot's old town (Huimin district) near 111.66 E 40.82 N.
    hit = loc.locate(111.66, 40.82)
    assert hit is not None and hit.name.endswith("区")


@pytest.mark.parametrize("bad", ["15020", "150201x", "999900"])
def test_bad_adcode_is_a_clear_error(bad):
    with pytest.raises(BoundaryError):
        city_districts(bad)
