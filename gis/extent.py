"""Where a city's places are: the extent a map opens on and returns to with Home.

A municipality's boundary (Baotou's reaches the Mongolian border) is far larger than the city an
operator watches; the places themselves say where it is. Counted on a kilometre grid, the
densest cells that hold most of them are the city; the villages and the odd farm far away are
left out.
"""

from __future__ import annotations

import numpy as np

MIN_SPAN_DEG = 0.01  # about a kilometre: a single market still gets a street-level view
CELL_DEG = 0.01  # the grid places are counted on
GAP_CELLS = 2  # dense cells this close belong to one town
MAJOR = 0.25  # a second town at least this share of the largest is shown too


def dense_extent(lon, lat, share: float = 0.85, pad: float = 0.06) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) in degrees around the city's places (see ``_city_points``),
    padded by ``pad`` of its size on each side. With fewer than 20 points, all of them. None
    without a finite point. Bad arguments raise ValueError."""
    if not 0 < share <= 1:
        raise ValueError(f"share must be in (0, 1], not {share}")
    if pad < 0:
        raise ValueError(f"pad must not be negative, not {pad}")
    lon = np.asarray(lon, dtype=float).ravel()
    lat = np.asarray(lat, dtype=float).ravel()
    if lon.shape != lat.shape:
        raise ValueError("lon and lat must have the same length")
    ok = np.isfinite(lon) & np.isfinite(lat)
    lon, lat = lon[ok], lat[ok]
    if not len(lon):
        return None
    if len(lon) >= 20:
        keep = _city_points(lon, lat, share)
        lon, lat = lon[keep], lat[keep]
    west, east, south, north = lon.min(), lon.max(), lat.min(), lat.max()
    dx = max(east - west, MIN_SPAN_DEG) * (1 + 2 * pad)
    dy = max(north - south, MIN_SPAN_DEG) * (1 + 2 * pad)
    cx, cy = (west + east) / 2, (south + north) / 2
    return (float(cx - dx / 2), float(cy - dy / 2), float(cx + dx / 2), float(cy + dy / 2))


def _city_points(lon: np.ndarray, lat: np.ndarray, share: float) -> np.ndarray:
    """Mask of the points in the city: the densest cells holding ``share`` of the points, joined
    into clusters across gaps of up to ``GAP_CELLS``; the largest cluster and any other at least
    ``MAJOR`` its size (twin towns), not the villages."""
    cells = np.stack([np.floor(lon / CELL_DEG), np.floor(lat / CELL_DEG)], axis=1).astype(np.int64)
    keys, inverse, counts = np.unique(cells, axis=0, return_inverse=True, return_counts=True)
    inverse = inverse.ravel()
    order = np.argsort(-counts, kind="stable")
    needed = int(np.searchsorted(np.cumsum(counts[order]), share * len(lon))) + 1
    dense = {tuple(keys[i]): int(i) for i in order[:needed]}
    cluster = np.full(len(keys), -1)
    sizes: list[int] = []
    for start in order[:needed]:
        if cluster[start] >= 0:
            continue
        label, total, todo = len(sizes), 0, [int(start)]
        cluster[start] = label
        while todo:
            i = todo.pop()
            total += int(counts[i])
            x, y = keys[i]
            for dx in range(-GAP_CELLS, GAP_CELLS + 1):
                for dy in range(-GAP_CELLS, GAP_CELLS + 1):
                    j = dense.get((x + dx, y + dy))
                    if j is not None and cluster[j] < 0:
                        cluster[j] = label
                        todo.append(j)
        sizes.append(total)
    major = [c for c, n in enumerate(sizes) if n >= MAJOR * max(sizes)]
    return np.isin(cluster[inverse], major)
