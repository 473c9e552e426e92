"""The fleet on the map: heading arrows coloured by state, with short trails behind them.

Both are live layers, painted over the cached city each frame, so a second's worth of reports
moves the vehicles without redrawing anything else. The arrows are the canvas's own live point
layer (without its breadcrumbs: those advance one step per update, so at 1 Hz they would show
seconds, not minutes); the trails are polylines of the fleet's two-minute trail points, left out
while so many vehicles are in view that they would cost the frame.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication

from widgets.map_canvas.live_layer import LivePointLayer
from widgets.map_canvas.symbology import vehicle_states
from widgets.replay.track_layer import LineStyle, PolylineLayer
from widgets.vehicle_list.fleet import FleetState

ARROWS_ID = "vehicles"
TRAILS_ID = "vehicle_trails"
# Trails drawn per frame at most. Each costs about five microseconds whatever its length (measured
# by ``shian bench map --live``): a crowded view (the whole city with a thousand vehicles) shows
# only the arrows, and the trails come back as the map zooms in.
MAX_TRAILS = 400


class FleetLayers:
    def __init__(self, canvas, fleet: FleetState, *, arrow_size: float = 16.0):
        self.canvas = canvas
        self.fleet = fleet
        states = vehicle_states()
        self.arrows = LivePointLayer(ARROWS_ID, QCoreApplication.translate("FleetLayers", "Vehicles"), states=states,
                                     trail_length=1, size=arrow_size, label_min_zoom=14.0)
        # the trail of each state in its arrow's colour (opaque: a translucent line costs a third more)
        self.trails = PolylineLayer(TRAILS_ID, QCoreApplication.translate("FleetLayers", "Vehicle trails"), live=True,
                                    max_lines=MAX_TRAILS,
                                    styles={k: LineStyle(s.color, 1.0) for k, s in states.items()})
        canvas.add_layer(self.trails)
        canvas.add_layer(self.arrows)
        self.rebuild()

    def rebuild(self) -> None:
        """After the fleet itself changed (vehicles added or removed)."""
        self.arrows.set_fleet(self.fleet.ids, labels=self.fleet.plates)

    def refresh(self, now: float) -> None:
        """Draw every vehicle where it is now, in the colour of its state, with its trail."""
        f = self.fleet
        lon, lat, placed = f.positions()
        rows = np.flatnonzero(placed)
        states = f.states(now)
        if len(rows):
            self.arrows.update_positions(f.ids[rows], lon[rows], lat[rows], f.heading[rows], states[rows])
        tlon, tlat, ends, owner = f.trail_points(now)
        self.trails.set_points(tlon, tlat, ends, states[owner])

    def remove(self) -> None:
        for layer in (self.arrows, self.trails):
            if self.canvas.layer(layer.id) is not None:
                self.canvas.remove_layer(layer.id)
