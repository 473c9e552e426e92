"""``python -m widgets.map_canvas``: the canvas alone, with synthetic data around Baotou.

Options: --theme dark, --scale 10, --screenshot out.png (render and quit), --bench (print the
frame timings as JSON and quit), --zoom/--lon/--lat to choose the view.
"""

from __future__ import annotations

import argparse
import json
import sys


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m widgets.map_canvas")
    ap.add_argument("--theme", default="light", choices=("light", "dark"))
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--size", default="1600x900", help="window size WxH")
    ap.add_argument("--lon", type=float, default=109.90)
    ap.add_argument("--lat", type=float, default=40.628)
    ap.add_argument("--zoom", type=float, default=12.6)
    ap.add_argument("--screenshot", metavar="PNG")
    ap.add_argument("--bench", action="store_true", help="time the frame script at 1920×1080 and print JSON")
    args = ap.parse_args(argv)
    w, h = (int(v) for v in args.size.lower().split("x"))

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    from widgets.map_canvas.canvas import MapCanvas
    from widgets.map_canvas.frame_timing import measure_frames, measure_live, prepare_offscreen
    from widgets.map_canvas.sample import BAOTOU_EXTENT, sample_city

    app = QApplication.instance() or QApplication(sys.argv)
    canvas = MapCanvas(theme=args.theme)
    city = sample_city(args.scale)
    for layer in city.layers:
        canvas.add_layer(layer)
    canvas.set_home_extent(*BAOTOU_EXTENT)

    if args.bench:
        frames = measure_frames(canvas).summary()
        live = measure_live(canvas).summary()
        print(json.dumps({"scale": args.scale, "features": city.feature_count, **frames,
                          "live_1000_vehicles": {k: v for k, v in live.items() if k != "levels"}}))
        return 0
    if args.screenshot:
        prepare_offscreen(canvas, (w, h))
        canvas.center_on(args.lon, args.lat, args.zoom)
        canvas.settle()
        canvas.grab().save(args.screenshot)
        print(args.screenshot)
        return 0

    win = QMainWindow()
    win.setWindowTitle("Map canvas — synthetic sample data (Baotou)")
    win.setCentralWidget(canvas)
    status = QLabel()
    win.statusBar().addPermanentWidget(status)
    canvas.cursorMoved.connect(lambda lon, lat, _g: status.setText(f"{lon:.5f}, {lat:.5f}"))
    canvas.featureClicked.connect(lambda lid, fid: win.statusBar().showMessage(f"{lid}: {fid}", 4000))
    canvas.measured.connect(lambda kind, v, _pts: win.statusBar().showMessage(f"{kind}: {v:,.1f}", 8000))
    win.resize(w, h)
    win.show()
    canvas.center_on(args.lon, args.lat, args.zoom)
    timer = QTimer(interval=1000)
    timer.timeout.connect(lambda: city.fleet.step(1.0))
    timer.start()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
