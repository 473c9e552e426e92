"""Coordinate systems used by Chinese maps, and Web Mercator.

Positions are stored in WGS-84. AMap and Tencent tiles are in GCJ-02 (an obfuscated offset of
WGS-84 defined only inside mainland China); Baidu adds its own BD-09 offset on top of GCJ-02 and
its own Mercator (BD-09MC). The forward shifts are the public formulas; the inverses are solved
iteratively to sub-millimetre agreement instead of the usual one-step approximation (~5 m off).

Every function takes scalars or numpy arrays and returns the same shape.
"""

from __future__ import annotations

import math
from typing import Final

import numpy as np

WGS84: Final = "wgs84"
GCJ02: Final = "gcj02"
BD09: Final = "bd09"
WEBMERCATOR: Final = "webmercator"
BD09MC: Final = "bd09mc"
GCJ02MC: Final = "gcj02mc"  # Baidu's Mercator polynomials applied to GCJ-02 (gcoord's GCJ02MC)
LONLAT_CRS: Final = (WGS84, GCJ02, BD09)
ALL_CRS: Final = (WGS84, GCJ02, BD09, WEBMERCATOR, BD09MC, GCJ02MC)

_A = 6378245.0  # Krasovsky 1940 semi-major axis used by GCJ-02
_EE = 0.00669342162296594323  # its first eccentricity squared
_X_PI = math.pi * 3000.0 / 180.0
_R_MERC = 6378137.0
_MAX_LAT_MERC = 85.0511287798066

_ITER_TOL_DEG = 1e-10
_ITER_MAX = 30


def _arr(v):
    return np.asarray(v, dtype=np.float64)


def _ret(template, a):
    """Scalars in, scalars out; arrays in, arrays out."""
    return float(a) if np.ndim(template) == 0 else a


def out_of_china(lon, lat):
    """GCJ-02 is the identity outside a rough mainland-China rectangle, as every reference does."""
    lon, lat = _arr(lon), _arr(lat)
    return (lon < 72.004) | (lon > 137.8347) | (lat < 0.8293) | (lat > 55.8271)


def _delta(lon, lat):
    x = lon - 105.0
    y = lat - 35.0
    sx = 20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)
    dlat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x))
    dlat = dlat + (sx + 20.0 * np.sin(y * np.pi) + 40.0 * np.sin(y / 3.0 * np.pi)) * 2.0 / 3.0
    dlat = dlat + (160.0 * np.sin(y / 12.0 * np.pi) + 320.0 * np.sin(y * np.pi / 30.0)) * 2.0 / 3.0
    dlon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x))
    dlon = dlon + (sx + 20.0 * np.sin(x * np.pi) + 40.0 * np.sin(x / 3.0 * np.pi)) * 2.0 / 3.0
    dlon = dlon + (150.0 * np.sin(x / 12.0 * np.pi) + 300.0 * np.sin(x / 30.0 * np.pi)) * 2.0 / 3.0
    radlat = lat / 180.0 * np.pi
    magic = 1.0 - _EE * np.sin(radlat) ** 2
    sqrtmagic = np.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1.0 - _EE)) / (magic * sqrtmagic) * np.pi)
    dlon = (dlon * 180.0) / (_A / sqrtmagic * np.cos(radlat) * np.pi)
    return dlon, dlat


def wgs84_to_gcj02(lon, lat):
    lo, la = _arr(lon), _arr(lat)
    dlon, dlat = _delta(lo, la)
    outside = out_of_china(lo, la)
    glon = np.where(outside, lo, lo + dlon)
    glat = np.where(outside, la, la + dlat)
    return _ret(lon, glon), _ret(lat, glat)


def _invert(forward, lon, lat):
    """Solve forward(x) = (lon, lat) by fixed-point iteration; the shifts are smooth and small."""
    tlon, tlat = _arr(lon), _arr(lat)
    x, y = tlon.copy(), tlat.copy()
    for _ in range(_ITER_MAX):
        fx, fy = forward(x, y)
        ex, ey = np.asarray(fx) - tlon, np.asarray(fy) - tlat
        x, y = x - ex, y - ey
        if np.all(np.abs(ex) < _ITER_TOL_DEG) and np.all(np.abs(ey) < _ITER_TOL_DEG):
            break
    return _ret(lon, x), _ret(lat, y)


def gcj02_to_wgs84(lon, lat):
    return _invert(wgs84_to_gcj02, lon, lat)


def gcj02_to_bd09(lon, lat):
    x, y = _arr(lon), _arr(lat)
    z = np.sqrt(x * x + y * y) + 0.00002 * np.sin(y * _X_PI)
    theta = np.arctan2(y, x) + 0.000003 * np.cos(x * _X_PI)
    return _ret(lon, z * np.cos(theta) + 0.0065), _ret(lat, z * np.sin(theta) + 0.006)


def bd09_to_gcj02(lon, lat):
    return _invert(gcj02_to_bd09, lon, lat)


def bd09_to_gcj02_approx(lon, lat):
    """Baidu's published one-step inverse (about 2 cm off); kept to match peers bit for bit."""
    x, y = _arr(lon) - 0.0065, _arr(lat) - 0.006
    z = np.sqrt(x * x + y * y) - 0.00002 * np.sin(y * _X_PI)
    theta = np.arctan2(y, x) - 0.000003 * np.cos(x * _X_PI)
    return _ret(lon, z * np.cos(theta)), _ret(lat, z * np.sin(theta))


def wgs84_to_bd09(lon, lat):
    return gcj02_to_bd09(*wgs84_to_gcj02(lon, lat))


def bd09_to_wgs84(lon, lat):
    return gcj02_to_wgs84(*bd09_to_gcj02(lon, lat))


def lonlat_to_mercator(lon, lat):
    """Spherical Web Mercator (EPSG:3857) metres; latitude clamped to the square world."""
    lo = _arr(lon)
    la = np.clip(_arr(lat), -_MAX_LAT_MERC, _MAX_LAT_MERC)
    x = _R_MERC * np.radians(lo)
    y = _R_MERC * np.log(np.tan(np.pi / 4.0 + np.radians(la) / 2.0))
    return _ret(lon, x), _ret(lat, y)


def mercator_to_lonlat(x, y):
    xa, ya = _arr(x), _arr(y)
    lon = np.degrees(xa / _R_MERC)
    lat = np.degrees(2.0 * np.arctan(np.exp(ya / _R_MERC)) - np.pi / 2.0)
    return _ret(x, lon), _ret(y, lat)


# Baidu Mercator: Baidu's published piecewise polynomials by latitude band (its map API's
# LL2MC / MC2LL tables). Coefficients: x = c0 + c1*|lon|; y = sum(c2..c8 * (|lat|/c9)^k).
_LL_BANDS = (75.0, 60.0, 45.0, 30.0, 15.0, 0.0)
_MC_BANDS = (12890594.86, 8362377.87, 5591021.0, 3481989.83, 1678043.12, 0.0)
_LL2MC = np.array([
    [-0.0015702102444, 111320.7020616939, 1704480524535203, -10338987376042340, 26112667856603880,
     -35149669176653700, 26595700718403920, -10725012454188240, 1800819912950474, 82.5],
    [0.0008277824516172526, 111320.7020463578, 647795574.6671607, -4082003173.641316, 10774905663.51142,
     -15171875531.51559, 12053065338.62167, -5124939663.577472, 913311935.9512032, 67.5],
    [0.00337398766765, 111320.7020202162, 4481351.045890365, -23393751.19931662, 79682215.47186455,
     -115964993.2797253, 97236711.15602145, -43661946.33752821, 8477230.501135234, 52.5],
    [0.00220636496208, 111320.7020209128, 51751.86112841131, 3796837.749470245, 992013.7397791013,
     -1221952.21711287, 1340652.697009075, -620943.6990984312, 144416.9293806241, 37.5],
    [-0.0003441963504368392, 111320.7020576856, 278.2353980772752, 2485758.690035394, 6070.750963243378,
     54821.18345352118, 9540.606633304236, -2710.55326746645, 1405.483844121726, 22.5],
    [-0.0003218135878613132, 111320.7020701615, 0.00369383431289, 823725.6402795718, 0.46104986909093,
     2351.343141331292, 1.58060784298199, 8.77738589078284, 0.37238884252424, 7.45],
])
_MC2LL = np.array([
    [1.410526172116255e-8, 0.00000898305509648872, -1.9939833816331, 200.9824383106796, -187.2403703815547,
     91.6087516669843, -23.38765649603339, 2.57121317296198, -0.03801003308653, 17337981.2],
    [-7.435856389565537e-9, 0.000008983055097726239, -0.78625201886289, 96.32687599759846,
     -1.85204757529826, -59.36935905485877, 47.40033549296737, -16.50741931063887, 2.28786674699375,
     10260144.86],
    [-3.030883460898826e-8, 0.00000898305509983578, 0.30071316287616, 59.74293618442277, 7.357984074871,
     -25.38371002664745, 13.45380521110908, -3.29883767235584, 0.32710905363475, 6856817.37],
    [-1.981981304930552e-8, 0.000008983055099779535, 0.03278182852591, 40.31678527705744, 0.65659298677277,
     -4.44255534477492, 0.85341911805263, 0.12923347998204, -0.04625736007561, 4482777.06],
    [3.09191371068437e-9, 0.000008983055096812155, 0.00006995724062, 23.10934304144901, -0.00023663490511,
     -0.6321817810242, -0.00663494467273, 0.03430082397953, -0.00466043876332, 2555164.4],
    [2.890871144776878e-9, 0.000008983055095805407, -3.068298e-8, 7.47137025468032, -0.00000353937994,
     -0.02145144861037, -0.00001234426596, 0.00010322952773, -0.00000323890364, 826088.5],
])


def _baidu_poly(x, y, table, bands):
    x, y = _arr(x), _arr(y)
    band = np.zeros(np.shape(y), dtype=int)
    for i in reversed(range(len(bands))):
        band = np.where(np.abs(y) >= bands[i], i, band)
    c = table[band]
    cc = np.abs(y) / c[..., 9]
    xt = (c[..., 0] + c[..., 1] * np.abs(x)) * np.where(x < 0, -1.0, 1.0)
    poly = sum(c[..., 2 + k] * cc**k for k in range(7))
    yt = poly * np.where(y < 0, -1.0, 1.0)
    return xt, yt


def bd09_to_bd09mc(lon, lat):
    x, y = _baidu_poly(lon, lat, _LL2MC, _LL_BANDS)
    return _ret(lon, x), _ret(lat, y)


def bd09mc_to_bd09(x, y):
    lon, lat = _baidu_poly(x, y, _MC2LL, _MC_BANDS)
    return _ret(x, lon), _ret(y, lat)


def _to_wgs84(crs: str, x, y):
    if crs == WGS84:
        return x, y
    if crs == GCJ02:
        return gcj02_to_wgs84(x, y)
    if crs == BD09:
        return bd09_to_wgs84(x, y)
    if crs == WEBMERCATOR:
        return mercator_to_lonlat(x, y)
    if crs == BD09MC:
        return bd09_to_wgs84(*bd09mc_to_bd09(x, y))
    if crs == GCJ02MC:
        return gcj02_to_wgs84(*bd09mc_to_bd09(x, y))
    raise ValueError(f"unknown coordinate system {crs!r}; use one of {', '.join(ALL_CRS)}")


def _from_wgs84(crs: str, lon, lat):
    if crs == WGS84:
        return lon, lat
    if crs == GCJ02:
        return wgs84_to_gcj02(lon, lat)
    if crs == BD09:
        return wgs84_to_bd09(lon, lat)
    if crs == WEBMERCATOR:
        return lonlat_to_mercator(lon, lat)
    if crs == BD09MC:
        return bd09_to_bd09mc(*wgs84_to_bd09(lon, lat))
    if crs == GCJ02MC:
        return bd09_to_bd09mc(*wgs84_to_gcj02(lon, lat))
    raise ValueError(f"unknown coordinate system {crs!r}; use one of {', '.join(ALL_CRS)}")


_DIRECT = {
    (GCJ02, BD09): gcj02_to_bd09,
    (BD09, GCJ02): bd09_to_gcj02,
    (BD09, BD09MC): bd09_to_bd09mc,
    (BD09MC, BD09): bd09mc_to_bd09,
    (GCJ02, GCJ02MC): bd09_to_bd09mc,
    (GCJ02MC, GCJ02): bd09mc_to_bd09,
}


def normalize_crs(name: str) -> str:
    key = name.strip().lower().replace("-", "").replace("_", "")
    aliases = {
        "wgs84": WGS84, "epsg4326": WGS84, "4326": WGS84,
        "gcj02": GCJ02, "gcj": GCJ02, "amap": GCJ02, "mars": GCJ02,
        "bd09": BD09, "baidu": BD09, "bd09ll": BD09,
        "webmercator": WEBMERCATOR, "epsg3857": WEBMERCATOR, "3857": WEBMERCATOR, "mercator": WEBMERCATOR,
        "bd09mc": BD09MC, "gcj02mc": GCJ02MC,
    }
    try:
        return aliases[key]
    except KeyError:
        raise ValueError(f"unknown coordinate system {name!r}; use one of {', '.join(ALL_CRS)}") from None


def convert(x, y, src: str, dst: str):
    """Convert between any two of wgs84, gcj02, bd09, webmercator, bd09mc, gcj02mc."""
    src, dst = normalize_crs(src), normalize_crs(dst)
    if src == dst:
        return x, y
    direct = _DIRECT.get((src, dst))
    if direct is not None:
        return direct(x, y)
    return _from_wgs84(dst, *_to_wgs84(src, x, y))


def transform_geometry(geom, src: str, dst: str):
    """A shapely geometry with every vertex converted; used for GCJ-02 boundary sources."""
    import shapely

    def fn(coords):
        x, y = convert(coords[:, 0], coords[:, 1], src, dst)
        return np.column_stack([x, y])

    return shapely.transform(geom, fn)


def haversine_m(lon1, lat1, lon2, lat2):
    """Great-circle distance in metres on the WGS-84 mean radius."""
    lon1, lat1, lon2, lat2 = (np.radians(_arr(v)) for v in (lon1, lat1, lon2, lat2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    d = 2 * 6371008.8 * np.arcsin(np.sqrt(np.minimum(a, 1.0)))
    return float(d) if d.ndim == 0 else d
