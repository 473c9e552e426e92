"""Coordinate conversions against published vectors (gcoord, eviltransform, coordtransform)."""

import json
import math

import numpy as np
import pytest

from gis import crs
from tests.conftest import shared_data

# Tolerances from ../shared/data/README.md §4.
TOL = {("WGS84", "GCJ02"): 5e-5, ("GCJ02", "WGS84"): 5e-5, ("GCJ02", "BD09"): 5e-6, ("BD09", "GCJ02"): 5e-6}
NAMES = {"WGS84": "wgs84", "GCJ02": "gcj02", "BD09": "bd09", "EPSG3857": "webmercator", "BD09MC": "bd09mc",
         "GCJ02MC": "gcj02mc"}
# Tolerances of the README's table; a vector's own 1e-9 only reflects a README print-out.
README_TOL = {("BD09", "GCJ02"): 5e-6, ("GCJ02", "BD09"): 5e-6}


def _cities():
    return json.loads(shared_data("coords", "gcoord_china_cities_subset.json").read_text(encoding="utf-8"))


def test_every_city_vector_in_every_direction():
    cities = _cities()
    assert len(cities) >= 100
    worst = {}
    for city in cities:
        c = city["coords"]
        for (src, dst), tol in TOL.items():
            x, y = crs.convert(*c[src], NAMES[src], NAMES[dst])
            err = max(abs(x - c[dst][0]), abs(y - c[dst][1]))
            worst[(src, dst)] = max(worst.get((src, dst), 0), err)
            assert err < tol, f"{city['attrs']['name']} {src}->{dst} off by {err:.2e}°"
        # Web Mercator to 5 mm, Baidu Mercator to 1 m, as upstream holds them.
        mx, my = crs.convert(*c["WGS84"], "wgs84", "webmercator")
        assert abs(mx - c["EPSG3857"][0]) < 5e-3 and abs(my - c["EPSG3857"][1]) < 5e-3
        gx, gy = crs.convert(*c["GCJ02"], "gcj02", "gcj02mc")
        assert abs(gx - c["GCJ02MC"][0]) < 1.0 and abs(gy - c["GCJ02MC"][1]) < 1.0
        bx, by = crs.convert(*c["BD09"], "bd09", "bd09mc")
        assert abs(bx - c["BD09MC"][0]) < 1.0 and abs(by - c["BD09MC"][1]) < 1.0
    assert worst


def test_vectorised_matches_scalar():
    cities = _cities()
    lon = np.array([c["coords"]["WGS84"][0] for c in cities])
    lat = np.array([c["coords"]["WGS84"][1] for c in cities])
    vx, vy = crs.convert(lon, lat, "wgs84", "bd09")
    for i in (0, len(cities) // 2, len(cities) - 1):
        sx, sy = crs.convert(float(lon[i]), float(lat[i]), "wgs84", "bd09")
        assert vx[i] == pytest.approx(sx, abs=1e-12) and vy[i] == pytest.approx(sy, abs=1e-12)


def _peer_vectors():
    data = json.loads(shared_data("coords", "coord_conversion_vectors.json").read_text(encoding="utf-8"))
    return data["vectors"]


def _metres(lon1, lat1, lon2, lat2):
    return crs.haversine_m(lon1, lat1, lon2, lat2)


def test_peer_vectors_with_their_own_tolerances():
    checked = 0
    for v in _peer_vectors():
        src, dst = NAMES[v["from_crs"]], NAMES[v["to_crs"]]
        x, y = crs.convert(v["input"]["lon"], v["input"]["lat"], src, dst)
        tol = v["tolerance"].get("abs_deg", 0.0)
        if (v["from_crs"], v["to_crs"]) == ("BD09", "GCJ02") and tol < 1e-8:
            # Printed by a peer that uses Baidu's one-step inverse: the same formula matches to
            # the last digit, the exact inverse to the README's GCJ↔BD tolerance.
            ax, ay = crs.bd09_to_gcj02_approx(v["input"]["lon"], v["input"]["lat"])
            assert abs(ax - v["expected"]["lon"]) <= tol and abs(ay - v["expected"]["lat"]) <= tol, v["id"]
            tol = README_TOL[("BD09", "GCJ02")]
        if v.get("variant") == "eviltransform":
            # A different BD-09 formula: we follow gcoord/coordtransform, about 10 m away.
            d = _metres(x, y, v["expected"]["lon"], v["expected"]["lat"])
            assert 1.0 < d < 30.0, f"{v['id']}: {d:.1f} m from the eviltransform variant"
            continue
        if tol == 0.0:
            assert (x, y) == (v["expected"]["lon"], v["expected"]["lat"]), v["id"]
        else:
            assert abs(x - v["expected"]["lon"]) <= tol and abs(y - v["expected"]["lat"]) <= tol, v["id"]
        inv = v.get("inverse_check")
        if inv:
            bx, by = crs.convert(x, y, NAMES[inv["from_crs"]], NAMES[inv["to_crs"]])
            d = _metres(bx, by, v["input"]["lon"], v["input"]["lat"])
            assert d <= inv["tolerance"]["max_distance_m_exact"], f"{v['id']} exact inverse {d:.3f} m"
        checked += 1
    assert checked >= 7


@pytest.mark.parametrize("pair", [("gcj02", "wgs84"), ("bd09", "wgs84"), ("bd09", "gcj02"), ("webmercator", "wgs84")])
def test_inverse_is_exact_round_trip(pair):
    rng = np.random.default_rng(3)
    lon = rng.uniform(75, 134, 500)
    lat = rng.uniform(18, 53, 500)
    fwd = crs.convert(lon, lat, pair[1], pair[0])
    back = crs.convert(*fwd, pair[0], pair[1])
    d = crs.haversine_m(lon, lat, *back)
    assert float(np.max(d)) < 0.01  # centimetres, not the 5 m of a one-step inverse


def test_outside_china_is_identity_and_unknown_crs_is_refused():
    assert crs.convert(-104.9903, 39.7392, "wgs84", "gcj02") == (-104.9903, 39.7392)
    with pytest.raises(ValueError, match="unknown coordinate system"):
        crs.convert(1, 2, "wgs84", "utm")


def test_baotou_shift_is_about_half_a_kilometre():
    x, y = crs.convert(109.8346293, 40.6562212, "wgs84", "gcj02")
    d = crs.haversine_m(109.8346293, 40.6562212, x, y)
    assert 300 < d < 800 and math.isclose(x, 109.8403529, abs_tol=5e-5)
