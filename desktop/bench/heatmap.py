"""``shian bench heatmap``: 50,000 weighted failures onto a 1024×1024 grid, density and colours.

The samples cluster around a few hundred market-like centres over Baotou's built-up area, with
weights for how far past the limit they went, as the heatmap layer's worker thread gets them.
One measured run is the whole job the layer does per request: density, normalisation and the
RGBA image. Needs no database and no Qt.
"""

from __future__ import annotations

import time

import numpy as np

BUDGET_MS = 50.0  # DESIGN.md §6
EXTENT_LONLAT = (109.70, 40.50, 110.20, 40.80)  # Baotou's built-up area, west-south-east-north


def add_arguments(p) -> None:
    p.add_argument("--heatmap-samples", type=int, default=50000, metavar="N", help="heatmap: weighted samples")
    p.add_argument("--heatmap-grid", type=int, default=1024, metavar="PX", help="heatmap: grid width and height")
    p.add_argument("--heatmap-sigma", type=float, default=300.0, metavar="M", help="heatmap: kernel sigma in metres")
    p.add_argument("--heatmap-repeats", type=int, default=30, metavar="N", help="heatmap: measured runs")


def _samples(n: int, seed: int = 7) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    from gis.crs import lonlat_to_mercator
    from gis.heatmap import exceedance_weights

    rng = np.random.default_rng(seed)
    w, s, e, nn = EXTENT_LONLAT
    centres = rng.uniform((w, s), (e, nn), size=(300, 2))
    which = rng.integers(0, len(centres), n)
    lon = centres[which, 0] + rng.normal(0, 0.004, n)
    lat = centres[which, 1] + rng.normal(0, 0.003, n)
    limits = np.full(n, 50.0)
    values = limits * rng.uniform(1.0, 2.5, n)
    x, y = lonlat_to_mercator(lon, lat)
    return x, y, exceedance_weights(values, limits)


def run(args) -> dict:
    from gis.heatmap import Extent, kde

    n = getattr(args, "heatmap_samples", 50000)
    size = getattr(args, "heatmap_grid", 1024)
    sigma = getattr(args, "heatmap_sigma", 300.0)
    repeats = max(3, getattr(args, "heatmap_repeats", 30))
    x, y, wts = _samples(n)
    extent = Extent.from_lonlat(*EXTENT_LONLAT)
    kde(x, y, extent, (size, size), sigma, wts).rgba()  # warm-up: imports, LUT, OpenCV buffers
    total, density = [], []
    for _ in range(repeats):
        t0 = time.perf_counter()
        hm = kde(x, y, extent, (size, size), sigma, wts)
        t1 = time.perf_counter()
        hm.rgba()
        t2 = time.perf_counter()
        density.append((t1 - t0) * 1000)
        total.append((t2 - t0) * 1000)
    median = float(np.median(total))
    return {
        "heatmap_ms": round(median, 2),
        "heatmap_p95_ms": round(float(np.percentile(total, 95)), 2),
        "density_ms": round(float(np.median(density)), 2),
        "samples": n,
        "grid": f"{size}x{size}",
        "sigma_m": sigma,
        "repeats": repeats,
        "budget_ms": BUDGET_MS,
        "within_budget": median <= BUDGET_MS,
    }
