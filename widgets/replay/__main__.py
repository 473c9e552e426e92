"""``python -m widgets.replay``: the replay dock and map with a synthetic three-hour track."""

from __future__ import annotations

import sys


def sample_track():
    """A made-up day's morning in Baotou: drive, park at a venue for 40 minutes, drive on, a
    20-minute hole in the data, drive home."""
    import numpy as np

    from widgets.replay.track import ReplayTrack, StopSpan, TripSpan

    t0 = 1_750_000_000.0
    rng = np.random.default_rng(5)
    legs = [(1800, 10.0), (2400, 0.0), (1500, 8.0), (1200, None), (1800, 9.0)]  # seconds, m/s (None: no data)
    t, lon, lat, speed = [t0], [109.84], [40.65], [0.0]
    heading = 60.0
    for dur, v in legs:
        if v is None:
            t.append(t[-1] + dur)
            lon.append(lon[-1])
            lat.append(lat[-1])
            speed.append(np.nan)
            continue
        for _ in range(int(dur / 10)):
            heading = (heading + rng.normal(0, 10)) % 360
            d = v * 10
            lat.append(lat[-1] + d * np.cos(np.radians(heading)) / 110574 + (rng.normal(0, 3e-6) if v == 0 else 0))
            lon.append(lon[-1] + d * np.sin(np.radians(heading)) / (111320 * np.cos(np.radians(lat[-1]))))
            t.append(t[-1] + 10)
            speed.append(v * 3.6)
    t, lon, lat, speed = (np.array(a, dtype=float) for a in (t, lon, lat, speed))
    park = slice(180, 420)
    stops = [StopSpan(t[180], t[420], float(lon[park].mean()), float(lat[park].mean()), 240)]
    trips = [TripSpan(t[0], t[180], 18000.0, 181), TripSpan(t[420], t[570], 12000.0, 151),
             TripSpan(t[571], t[-1], 16200.0, 180)]
    return ReplayTrack(1, "模00001", t, lon, lat, speed, stops, trips)


def main() -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow

    from widgets.map_canvas.canvas import MapCanvas
    from widgets.map_canvas.sample import sample_city
    from widgets.replay import ReplayLayers, ReplayWidget

    app = QApplication.instance() or QApplication(sys.argv)
    canvas = MapCanvas()
    for layer in sample_city().layers:
        if layer.id == "districts":
            canvas.add_layer(layer)
    layers = ReplayLayers(canvas)
    replay = ReplayWidget()
    track = sample_track()
    replay.set_vehicles([(track.vehicle_id, track.plate)])
    replay.momentChanged.connect(lambda m: layers.move_to(track.vehicle_id, m))
    win = QMainWindow()
    win.setWindowTitle("Replay — synthetic sample track")
    win.setCentralWidget(canvas)
    dock = QDockWidget("轨迹回放", win)
    dock.setWidget(replay)
    win.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    win.resize(1400, 900)
    win.show()
    layers.show(track)
    replay.set_track(track)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
