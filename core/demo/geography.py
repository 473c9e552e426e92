"""Where the synthetic city puts things: inside real districts, mostly in the urban core,
never in the Yellow River (every point keeps a margin inside the city's outer boundary, whose
southern edge is the river)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import Polygon

from gis import crs
from gis.districts import Boundary, DistrictLocator

KM_PER_DEG_LAT = 110.574
INNER_MARGIN_DEG = 0.012  # about 1 km inside the city outline


@dataclass(frozen=True)
class Hotspot:
    lon: float  # WGS-84
    lat: float
    sigma_km: float
    weight: float
    urban: bool


def _gcj(lon: float, lat: float) -> tuple[float, float]:
    return crs.gcj02_to_wgs84(lon, lat)


def baotou_hotspots() -> list[Hotspot]:
    """Baotou: the three urban districts along the Yellow River's north bank carry most activity;
    the banners and counties cluster around their seats. Seats as published by Amap (GCJ-02)."""
    urban = [
        (109.822932, 40.661345, 3.2, 0.22),  # Kundulun seat
        (109.860, 40.640, 3.0, 0.10),  # Kundulun south / Hademen
        (109.880049, 40.668558, 3.0, 0.20),  # Qingshan seat
        (109.930, 40.650, 2.5, 0.07),  # Qingshan east / Wanqing
        (110.026895, 40.587056, 3.0, 0.17),  # Donghe seat
        (110.060, 40.610, 2.0, 0.04),  # Donghe north / Beiliang
        (109.968122, 40.600581, 2.6, 0.07),  # Jiuyuan seat / new city
    ]
    rural = [
        (110.272565, 40.672094, 2.0, 0.020),  # Shiguai
        (109.97016, 41.769246, 1.6, 0.010),  # Bayan Obo
        (110.526766, 40.566434, 2.5, 0.045),  # Tumed Right (Salaqi)
        (110.063421, 41.030004, 2.0, 0.025),  # Guyang (Jinshan)
        (110.438452, 41.702836, 1.8, 0.015),  # Darhan (Bailingmiao)
        (109.700, 40.580, 3.0, 0.010),  # Jiuyuan west (Harin Gol)
    ]
    spots = []
    for group, is_urban in ((urban, True), (rural, False)):
        for lon, lat, s, w in group:
            wl, wa = _gcj(lon, lat)
            spots.append(Hotspot(wl, wa, s, w, is_urban))
    return spots


def generic_hotspots(boundaries: list[Boundary]) -> list[Hotspot]:
    """Any other city: smaller districts are denser (urban), each clustered around an inner point."""
    spots = []
    for b in boundaries:
        p = b.geometry.point_on_surface()
        area = max(b.geometry.area, 1e-4)
        spots.append(Hotspot(p.x, p.y, max(1.5, min(6.0, (area**0.5) * 25)), 1.0 / area**0.5, area < 0.1))
    return spots


class Sampler:
    def __init__(self, boundaries: list[Boundary], rng: np.random.Generator, city_adcode: str):
        self.rng = rng
        self.locator = DistrictLocator(boundaries)
        outline = shapely.union_all([b.geometry for b in boundaries])
        self.inner = outline.buffer(-INNER_MARGIN_DEG)
        shapely.prepare(self.inner)
        self.spots = baotou_hotspots() if city_adcode == "150200" else generic_hotspots(boundaries)
        w = np.array([s.weight for s in self.spots])
        self.p = w / w.sum()

    def points(self, n: int, urban_only: bool = False, spread: float = 1.0) -> tuple[np.ndarray, np.ndarray, list[str]]:
        """n points as (lon, lat, adcode); every one inside a district and off the river."""
        spots = self.spots
        p = self.p
        if urban_only:
            mask = np.array([s.urban for s in spots])
            p = np.where(mask, p, 0.0)
            p = p / p.sum()
        lons, lats, codes = [], [], []
        need = n
        while need > 0:
            k = max(64, int(need * 1.6))
            idx = self.rng.choice(len(spots), size=k, p=p)
            lon0 = np.array([spots[i].lon for i in idx])
            lat0 = np.array([spots[i].lat for i in idx])
            sig = np.array([spots[i].sigma_km for i in idx]) * spread
            dlat = self.rng.normal(0, 1, k) * sig / KM_PER_DEG_LAT
            dlon = self.rng.normal(0, 1, k) * sig / (KM_PER_DEG_LAT * np.cos(np.radians(lat0)))
            lon, lat = lon0 + dlon, lat0 + dlat
            ok = shapely.contains_xy(self.inner, lon, lat)
            lon, lat = lon[ok], lat[ok]
            found = self.locator.locate_many(lon, lat)
            keep = [i for i, c in enumerate(found) if c is not None][:need]
            lons.append(lon[keep])
            lats.append(lat[keep])
            codes.extend(found[i] for i in keep)
            need -= len(keep)
        return np.concatenate(lons), np.concatenate(lats), codes

    def zone_polygon(self, lon: float, lat: float) -> Polygon:
        """A street-side rectangle 80–220 m long and 18–40 m wide, at a random bearing."""
        length_m = self.rng.uniform(80, 220)
        width_m = self.rng.uniform(18, 40)
        theta = self.rng.uniform(0, np.pi)
        dx, dy = np.cos(theta), np.sin(theta)
        m_lat = 1000 * KM_PER_DEG_LAT
        m_lon = m_lat * np.cos(np.radians(lat))
        hl, hw = length_m / 2, width_m / 2
        corners = [(+hl, +hw), (-hl, +hw), (-hl, -hw), (+hl, -hw)]
        pts = [(lon + (a * dx - b * dy) / m_lon, lat + (a * dy + b * dx) / m_lat) for a, b in corners]
        return Polygon(pts)
