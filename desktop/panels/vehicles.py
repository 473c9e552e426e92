"""Banquet trucks and test vehicles: live on the map, in a list dock, in replay, and in detail.

The panel reads the database through the hub (off the GUI thread) and hands plain data to the
widgets. Live positions: the whole fleet once, then, whenever the change log says vehicles
changed, only the vehicles whose last fix is newer than the newest one already shown. A one-second
clock re-ages states and the list (a vehicle silent for five minutes turns offline without any
new data). The demo's GPS server and simulator are started from here (``desktop.live_services``).
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QObject, Qt, QTimer

from desktop import live_services
from desktop.panels import vehicle_data as q
from widgets.replay import ReplayLayers, ReplayTrack, ReplayWidget
from widgets.vehicle_details import VehicleDetailsWidget
from widgets.vehicle_list import FleetLayers, FleetState, VehicleListWidget
from widgets.vehicle_list.fleet_layers import ARROWS_ID, TRAILS_ID

log = logging.getLogger("shian.desktop.vehicles")
FLY_ZOOM = 16.0


class VehiclesPanel(QObject):
    CLOCK_MS = 1000

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.hub = window.hub
        self.fleet = FleetState()
        self.layers: FleetLayers | None = None
        self.replay_layers: ReplayLayers | None = None
        self.canvas = None
        self.following: int | None = None
        self._loaded = False
        self._reading = False
        self._shown_vehicle: int | None = None

        self.list = VehicleListWidget(self.fleet)
        self.details = VehicleDetailsWidget()
        self.replay = ReplayWidget()
        right = Qt.DockWidgetArea.RightDockWidgetArea
        self.list_dock = window.add_dock("vehicles", self.tr("Vehicles"), self.list, right)
        self.details_dock = window.add_dock("vehicle_details", self.tr("Vehicle details"), self.details, right)
        self.replay_dock = window.add_dock("replay", self.tr("Replay"), self.replay,
                                           Qt.DockWidgetArea.BottomDockWidgetArea, visible=False)

        canvas = getattr(window, "map_canvas", None)
        if canvas is None:
            log.info("no map canvas in this window: vehicles are listed but not drawn")
        else:
            self.attach_map(canvas)

        self.list.activated.connect(self.fly_to_vehicle)
        self.list.selected.connect(self.show_details)
        self.list.followChanged.connect(self.follow)
        self.list.replayRequested.connect(self.open_replay)
        self.replay.vehicleChosen.connect(self._replay_vehicle_chosen)
        self.replay.requested.connect(self._replay_requested)
        self.replay.momentChanged.connect(self._replay_moment)
        self.replay_dock.visibilityChanged.connect(self._replay_visibility)
        self.hub.changed.connect(self._changed)
        self._clock = QTimer(self, interval=self.CLOCK_MS, timeout=self._clock_tick)
        self._ticked = 0.0
        self._clock.start()
        self.services = live_services.start_for(window)
        self.load()

    # -- the map ----------------------------------------------------------------------------------
    def attach_map(self, canvas) -> None:
        """Put the fleet and the replay on a map canvas."""
        self.canvas = canvas
        for layer_id in (ARROWS_ID, TRAILS_ID):
            if canvas.layer(layer_id) is not None:
                log.info("replacing the map's %r layer with the live fleet", layer_id)
                canvas.remove_layer(layer_id)
        self.layers = FleetLayers(canvas, self.fleet)
        self.replay_layers = ReplayLayers(canvas)
        canvas.featureClicked.connect(self._map_clicked)
        self.layers.refresh(time.time())

    def fly_to(self, lon: float, lat: float, zoom: float | None = None) -> None:
        panel = getattr(self.window, "map_panel", None)
        if panel is not None:
            panel.fly_to(lon, lat, zoom)
        elif self.canvas is not None:
            self.canvas.center_on(lon, lat, zoom)

    def fly_to_vehicle(self, vehicle_id: int) -> None:
        row = self.fleet.row_of(vehicle_id)
        if row is None:
            return
        lon, lat, placed = self.fleet.positions()
        if placed[row]:
            self.fly_to(float(lon[row]), float(lat[row]), FLY_ZOOM)
        if self.canvas is not None:
            self.canvas.set_selection({ARROWS_ID: [vehicle_id]})

    def follow(self, vehicle_id: int | None) -> None:
        self.following = vehicle_id
        if vehicle_id is not None:
            self.fly_to_vehicle(vehicle_id)

    def _map_clicked(self, layer_id: str, feature_id) -> None:
        if layer_id == ARROWS_ID:
            self.list.select(int(feature_id))

    # -- live positions ---------------------------------------------------------------------------
    def load(self) -> None:
        """The whole fleet, its last fixes and trails (at start, and if the fleet changes)."""
        self.hub.run("vehicles:fleet", q.read_fleet, on_done=self._got_fleet, on_error=self._load_failed)

    def _load_failed(self, exc: BaseException) -> None:
        log.warning("reading the fleet failed: %s", exc)
        self._loaded = True  # nothing more will come for a screenshot to wait for

    def _got_fleet(self, snap: q.FleetSnapshot) -> None:
        self.fleet.set_vehicles(snap.vehicles)
        self.fleet.apply_history(snap.trails.ids, snap.trails.time, snap.trails.lon, snap.trails.lat,
                                 snap.trails.speed, snap.trails.heading)
        self._apply(snap.last, snap.alerting)
        now = time.time()
        self.list.reset(now)
        if self.layers is not None:
            self.layers.rebuild()
            self.layers.refresh(now)
        self.replay.set_vehicles([(v.id, f"{v.plate}  {self.list.model.kind_text(v.kind)}") for v in snap.vehicles])
        self._loaded = True

    def _apply(self, fixes: q.Fixes, alerting: list[int]) -> None:
        self.fleet.apply_fixes(fixes.ids, fixes.time, fixes.lon, fixes.lat, fixes.speed, fixes.heading)
        self.fleet.set_alerting(alerting)

    def _changed(self, tables: set) -> None:
        if not self._loaded:
            return
        if "vehicle" in tables or "alert" in tables:
            self._read_since()
        if "alert" in tables and self._shown_vehicle is not None:
            self.show_details(self._shown_vehicle)

    def _read_since(self) -> None:
        if self._reading:
            return  # one read at a time: a slow database gets fewer, larger reads, never a queue
        self._reading = True
        self.hub.run("vehicles:since", q.read_fixes_since, self.fleet.latest_time, on_done=self._got_since,
                     on_error=self._since_failed)

    def _since_failed(self, exc: BaseException) -> None:
        self._reading = False
        log.info("reading new fixes failed: %s", exc)

    def _got_since(self, result) -> None:
        self._reading = False
        fixes, alerting = result
        unknown = set(fixes.ids.tolist()) - set(self.fleet.ids.tolist())
        if unknown:
            self.load()  # a vehicle the fleet does not have yet (imported, registered): read it all again
            return
        self._apply(fixes, alerting)
        self.tick()

    def _clock_tick(self) -> None:
        if time.monotonic() - self._ticked > 0.5:  # new fixes did not just refresh everything
            self.tick()

    def tick(self) -> None:
        """Once a second: states age, the list and the map show the fleet as it is now."""
        self._ticked = time.monotonic()
        now = time.time()
        self.list.refresh(now)
        if self.layers is not None:
            self.layers.refresh(now)
        if self.following is not None:
            row = self.fleet.row_of(self.following)
            if row is not None and self.canvas is not None:
                lon, lat, placed = self.fleet.positions()
                if placed[row]:
                    self.canvas.center_on(float(lon[row]), float(lat[row]))

    # -- details ----------------------------------------------------------------------------------
    def show_details(self, vehicle_id: int) -> None:
        self._shown_vehicle = vehicle_id
        self.window.workspace.reveal("vehicle_details")
        self.hub.run("vehicles:details", q.read_details, vehicle_id, on_done=self.details.set_details,
                     on_error=lambda exc: self.details.clear())

    # -- replay -----------------------------------------------------------------------------------
    def open_replay(self, vehicle_id: int) -> None:
        if not self.replay_dock.isVisible():
            self.window.workspace.reveal("replay")
            self.window.resizeDocks([self.replay_dock], [260], Qt.Orientation.Vertical)
        self.replay_dock.raise_()
        self.replay.choose(vehicle_id)

    def _replay_vehicle_chosen(self, vehicle_id: int) -> None:
        self.hub.run("vehicles:span", q.read_span, vehicle_id, on_done=lambda span: self.replay.set_span(*span))

    def _replay_requested(self, vehicle_id: int, start: float, end: float) -> None:
        self.hub.run("vehicles:replay", q.read_replay, vehicle_id, start, end, on_done=self._show_replay,
                     on_error=lambda exc: self.replay.set_message(self.tr("Could not read the track: %1")
                                                                  .replace("%1", str(exc).splitlines()[0])))

    def _show_replay(self, track: ReplayTrack) -> None:
        if self.replay_layers is not None:
            self.replay_layers.show(track)  # before the widget seeks to the start and moves the arrow
        self.replay.set_track(track)

    def _replay_moment(self, moment) -> None:
        if self.replay_layers is not None and moment is not None and self.replay.track is not None:
            self.replay_layers.move_to(self.replay.track.vehicle_id, moment)

    def _replay_visibility(self, visible: bool) -> None:
        if not visible:
            self.replay.pause()
            if self.replay_layers is not None:
                self.replay_layers.clear()
        elif self.replay_layers is not None and self.replay.track is not None and len(self.replay.track):
            self.replay_layers.show(self.replay.track, fly=False)

    # -- the panel contract -----------------------------------------------------------------------
    def ready(self) -> bool:
        return self._loaded

    def close(self) -> None:
        self._clock.stop()
        self.replay.pause()
        if self.services is not None:
            self.services.stop()


def install(window) -> VehiclesPanel:
    panel = VehiclesPanel(window)
    window.vehicles_panel = panel
    return panel
