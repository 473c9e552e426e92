"""A replay on the map: the track, its stops, and an arrow where the vehicle was at the slider's time.

The track and the stops are part of the cached map (they change only with the replay); the
arrow is a live layer, so playing at 60× moves it every frame without redrawing the track. The
three layers are on the map only while a replay is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from widgets.map_canvas.live_layer import LivePointLayer, LiveStyle
from widgets.map_canvas.point_layer import PointLayer
from widgets.map_canvas.sprites import Symbol
from widgets.replay.track import Moment, ReplayTrack
from widgets.replay.track_layer import LineStyle, PolylineLayer

TRACK_ID, STOPS_ID, CURSOR_ID = "replay_track", "replay_stops", "replay_cursor"
TRACK_COLOUR = "#7c3aed"
STOP_COLOUR = "#f59e0b"


def stop_label(minutes: float) -> str:
    return QCoreApplication.translate("ReplayLayers", "Stop, %1 min").replace("%1", f"{minutes:.0f}")


class ReplayLayers:
    def __init__(self, canvas):
        self.canvas = canvas
        self.track = PolylineLayer(TRACK_ID, QCoreApplication.translate("ReplayLayers", "Replay track"),
                                   styles={0: LineStyle(TRACK_COLOUR, 3.0)})
        stop = QCoreApplication.translate("ReplayLayers", "Stop")
        self.stops = PointLayer(STOPS_ID, QCoreApplication.translate("ReplayLayers", "Replay stops"), cluster=False,
                                label_min_zoom=11.0, symbols={0: Symbol("circle", 14, STOP_COLOUR, "#ffffff", 2.0, stop, z=5)})
        vehicle = QCoreApplication.translate("ReplayLayers", "Replayed vehicle")
        self.cursor = LivePointLayer(CURSOR_ID, vehicle, trail_length=1, size=22.0, label_min_zoom=0.0,
                                     states={0: LiveStyle(TRACK_COLOUR, vehicle)})

    @property
    def shown(self) -> bool:
        return self.canvas.layer(TRACK_ID) is self.track

    def show(self, track: ReplayTrack, fly: bool = True) -> None:
        """Draw a track and its stops, put the arrow at its start, and fit the map to it."""
        self.track.set_lines([(track.lon, track.lat)])
        self.stops.set_data([s.lon for s in track.stops], [s.lat for s in track.stops],
                            list(range(len(track.stops))),
                            labels=[stop_label((s.end - s.start) / 60) for s in track.stops])
        self.cursor.set_fleet([track.vehicle_id], labels=[track.plate])
        b = track.bounds()
        if b is None:
            self.clear()
            return
        if not self.shown:
            for layer in (self.track, self.stops, self.cursor):
                self.canvas.add_layer(layer)
        if fly:
            w, s, e, n = b
            pad_x, pad_y = max((e - w) * 0.08, 0.002), max((n - s) * 0.08, 0.002)
            self.canvas.zoom_to_extent(w - pad_x, s - pad_y, e + pad_x, n + pad_y)

    def move_to(self, vehicle_id: int, m: Moment) -> None:
        if self.shown:
            self.cursor.update_positions([vehicle_id], [m.lon], [m.lat], [m.heading])

    def clear(self) -> None:
        """Take the replay off the map (and out of the layer list)."""
        if self.shown:
            for layer in (self.track, self.stops, self.cursor):
                self.canvas.remove_layer(layer.id)
