"""``python -m widgets.vehicle_list``: a synthetic fleet driving around Baotou, with the list."""

from __future__ import annotations

import sys
import time


def main(vehicles: int = 200) -> int:
    import numpy as np
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow

    from widgets.map_canvas.canvas import MapCanvas
    from widgets.map_canvas.sample import BAOTOU_EXTENT, sample_city, sample_points
    from widgets.vehicle_list import FleetLayers, FleetState, VehicleInfo, VehicleListWidget

    app = QApplication.instance() or QApplication(sys.argv)
    rng = np.random.default_rng(3)
    canvas = MapCanvas()
    for layer in sample_city().layers:
        if layer.id == "districts":
            canvas.add_layer(layer)
    lon, lat = sample_points(vehicles, rng)
    kinds = rng.choice(["banquet_truck", "test_vehicle"], size=vehicles, p=[0.9, 0.1])
    fleet = FleetState([VehicleInfo(i + 1, f"模{i + 1:05d}", str(k), "样例 (synthetic)", float(x), float(y))
                        for i, (k, x, y) in enumerate(zip(kinds, lon, lat, strict=True))])
    layers = FleetLayers(canvas, fleet)
    listing = VehicleListWidget(fleet)
    heading = rng.uniform(0, 360, vehicles)
    speed = rng.uniform(0, 60, vehicles) * (rng.random(vehicles) < 0.8)
    silent = rng.random(vehicles) < 0.05  # these stop reporting: offline after five minutes

    def second() -> None:
        nonlocal lon, lat, heading
        now = time.time()
        heading = (heading + rng.normal(0, 15, vehicles)) % 360
        d = speed / 3.6
        lat = lat + d * np.cos(np.radians(heading)) / 110574
        lon = lon + d * np.sin(np.radians(heading)) / (111320 * np.cos(np.radians(lat)))
        ok = ~silent
        fleet.apply_fixes(fleet.ids[ok], np.full(ok.sum(), now), lon[ok], lat[ok], speed[ok], heading[ok])
        listing.refresh(now)
        layers.refresh(now)

    def fly(vehicle_id: int) -> None:
        r = fleet.row_of(vehicle_id)
        plon, plat, _ = fleet.positions()
        canvas.center_on(float(plon[r]), float(plat[r]), 16)

    listing.activated.connect(fly)
    win = QMainWindow()
    win.setWindowTitle("Vehicles — synthetic sample data")
    win.setCentralWidget(canvas)
    dock = QDockWidget("车辆", win)
    dock.setWidget(listing)
    win.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    win.resize(1400, 860)
    win.show()
    canvas.zoom_to_extent(*BAOTOU_EXTENT)
    second()
    listing.reset(time.time())
    timer = QTimer(win, interval=1000, timeout=second)
    timer.start()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
