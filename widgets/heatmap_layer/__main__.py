"""``python -m widgets.heatmap_layer``: the heatmap over the synthetic sample city, with its legend.

Failures are drawn at random sample markets, a few of them "hot"; ``--screenshot out.png``
renders once and quits.
"""

from __future__ import annotations

import argparse
import sys

import numpy as np


def sample_failures(seed: int = 3) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    from widgets.map_canvas.sample import sample_points

    rng = np.random.default_rng(seed)
    mlon, mlat = sample_points(99, rng)
    per_market = rng.poisson(4, len(mlon)) + np.where(rng.random(len(mlon)) < 0.08, 40, 0)
    lon = np.repeat(mlon, per_market)
    lat = np.repeat(mlat, per_market)
    return lon, lat, rng.uniform(1.0, 2.5, len(lon))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m widgets.heatmap_layer")
    ap.add_argument("--sigma", type=float, default=600.0, help="kernel size in metres")
    ap.add_argument("--screenshot", metavar="PNG")
    args = ap.parse_args(argv)

    from PySide6.QtWidgets import QApplication, QMainWindow

    from widgets.heatmap_layer import HeatmapLayer, HeatmapLegend
    from widgets.map_canvas import MapCanvas
    from widgets.map_canvas.frame_timing import prepare_offscreen
    from widgets.map_canvas.sample import BAOTOU_EXTENT, sample_city

    app = QApplication.instance() or QApplication(sys.argv)
    canvas = MapCanvas()
    city = sample_city(0.2)
    heat = HeatmapLayer("heatmap", "Failures (synthetic)", sigma_m=args.sigma)
    for layer in city.layers:
        canvas.add_layer(layer)
    canvas.add_layer(heat, 1)
    heat.set_points(*sample_failures())
    legend = HeatmapLegend(canvas)
    heat.imageChanged.connect(lambda: (legend.set_scale(heat.reference_peak, "Failures", "per km²"),
                                       legend.resize(legend.sizeHint()), legend.move(12, 12)))
    canvas.set_home_extent(*BAOTOU_EXTENT)
    if args.screenshot:
        prepare_offscreen(canvas, (1400, 900))
        canvas.zoom_home()
        prepare_offscreen(canvas, (1400, 900))
        canvas.grab()  # the first frame asks for the image of its view
        prepare_offscreen(canvas, (1400, 900))
        canvas.grab().save(args.screenshot)
        print(args.screenshot)
        return 0
    win = QMainWindow()
    win.setWindowTitle("Heatmap layer — synthetic sample data")
    win.setCentralWidget(canvas)
    win.resize(1400, 900)
    win.show()
    canvas.zoom_home()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
