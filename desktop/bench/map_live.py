"""Frame times of the map while a live fleet reports: what ``shian bench map --live N`` measures.

``measure_live_fleet`` puts N vehicles on a canvas the way the vehicles panel does (the fleet
state, its arrow and trail layers, and the vehicle list dock) and drives them with the demo
simulator's motion model (``core.feeds.simulator.Mover``: legs between stops, dwells). Every
measured frame carries a whole second of reports (one fix from each of the N vehicles), so each
frame is the worst one a 1 Hz feed causes: the GUI thread applies the fixes, re-ages the
states, moves the layers and paints the map (the list dock's repaint is timed apart). Reading
the fixes from the database happens off the GUI thread in the desktop and is not timed.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np
from PySide6.QtWidgets import QApplication

from core.feeds.simulator import BAOTOU, Mover, synthetic_fleet
from widgets.map_canvas.frame_timing import FrameReport, level_name, prepare_offscreen
from widgets.vehicle_list import FleetLayers, FleetState, VehicleInfo, VehicleListWidget

CITY_ZOOM = 12.5  # 1920 px cover 52 km: the whole simulated fleet


class SimulatedFeed:
    """N simulated vehicles around Baotou; ``second()`` moves them all on by one second and
    returns their fixes as the panel would read them (ids, epoch time, lon, lat, speed, heading)."""

    def __init__(self, vehicles: int, seed: int = 7, start: float | None = None):
        fleet = synthetic_fleet(vehicles, seed=seed)
        rng = random.Random(seed)
        self.infos = [VehicleInfo(i + 1, v.plate, v.kind, home_lon=v.home[0], home_lat=v.home[1])
                      for i, v in enumerate(fleet)]
        self.movers = [Mover(v, random.Random(rng.random())) for v in fleet]
        self.ids = np.arange(1, vehicles + 1, dtype=np.int64)
        self.now = time.time() if start is None else start

    def second(self):
        self.now += 1.0
        for m in self.movers:
            m.step(1.0)
        n = len(self.movers)
        return (self.ids, np.full(n, self.now), np.array([m.lon for m in self.movers]),
                np.array([m.lat for m in self.movers]), np.array([m.speed for m in self.movers]),
                np.array([m.heading for m in self.movers]))


@dataclass
class LiveFleetReport:
    """Map frames (``FrameReport``) and, separately, the vehicle list's once-a-second repaint:
    it is a paint event of its own dock, not part of the map's frame."""

    vehicles: int
    frames: FrameReport
    list_ms: list[float] = field(default_factory=list)  # CPU ms: refresh + repaint of the list

    def summary(self) -> dict:
        out = {"vehicles": self.vehicles, **self.frames.summary()}
        if self.list_ms:
            out["list_cpu_ms_p50"] = round(float(np.percentile(self.list_ms, 50)), 2)
            out["list_cpu_ms_p95"] = round(float(np.percentile(self.list_ms, 95)), 2)
        return out


def measure_live_fleet(canvas, vehicles: int = 1000, frames: int = 60, *, size: tuple[int, int] = (1920, 1080),
                       seed: int = 7, warmup_s: int = 120, with_list: bool = True,
                       zoom: float | None = CITY_ZOOM) -> LiveFleetReport:
    """Frame times with ``vehicles`` reporting at 1 Hz on ``canvas`` (its own layers stay).

    The map is centred on the fleet at ``zoom`` (by default the city, where every vehicle is in
    view: the worst case; None keeps the canvas's view). The fleet first runs ``warmup_s``
    seconds unmeasured, so the trails are full; then each of
    ``frames`` frames gets one second of reports: the frame's time covers applying the fixes,
    re-ageing the states, moving the layers and painting the map. With ``with_list`` the vehicle
    list is refreshed and repainted after each frame and timed on its own. The fleet's layers
    (and list) are removed afterwards.
    """
    feed = SimulatedFeed(vehicles, seed, start=datetime.now(UTC).timestamp() - warmup_s - frames)
    fleet = FleetState(feed.infos)
    layers = FleetLayers(canvas, fleet)
    listing = VehicleListWidget(fleet) if with_list else None
    try:
        if listing is not None:
            listing.resize(480, 700)
            listing.show()
            listing.reset(feed.now)
        for _ in range(warmup_s):
            fleet.apply_fixes(*feed.second())
        prepare_offscreen(canvas, size)
        if zoom is not None:
            canvas.center_on(*BAOTOU, zoom)
            prepare_offscreen(canvas, size)
        layers.refresh(feed.now)
        canvas.grab()
        report = LiveFleetReport(vehicles, FrameReport())
        for _ in range(frames):
            fixes = feed.second()  # arrives from a worker thread in the desktop: not timed
            t0, c0 = time.perf_counter(), time.thread_time()
            fleet.apply_fixes(*fixes)
            layers.refresh(feed.now)
            canvas.grab()
            report.frames.add(level_name(canvas.view.zoom), (time.perf_counter() - t0) * 1000.0,
                              (time.thread_time() - c0) * 1000.0)
            if listing is not None:
                c0 = time.thread_time()
                listing.refresh(feed.now)
                listing.table.viewport().repaint()
                report.list_ms.append((time.thread_time() - c0) * 1000.0)
            QApplication.processEvents()
        return report
    finally:
        layers.remove()
        if listing is not None:
            listing.close()
            listing.deleteLater()
