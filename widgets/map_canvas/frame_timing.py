"""Offscreen frame timing: what a user waits for per frame while panning and zooming.

``measure_frames`` drives a canvas with real Qt events (wheel notches, mouse drags, arrow keys)
from a script that visits city, district and street zooms, and times for each frame the event
handling, the level-of-detail and label work and the paint into a full-size image (``grab``).
``shian bench map`` uses it on the real database; the standalone demo on synthetic data.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication

from widgets.map_canvas.canvas import MapCanvas

CITY_BELOW = 13.5  # zooms below this are "city"
STREET_FROM = 15.5  # and from this up "street"; between them "district"
BAOTOU_CENTRE = (109.93, 40.635)


def level_name(zoom: float) -> str:
    if zoom < CITY_BELOW:
        return "city"
    return "district" if zoom < STREET_FROM else "street"


@dataclass(frozen=True)
class Step:
    """One scripted input. action: "goto" (lon, lat, zoom), "wheel" (x, y, notches),
    "drag" (x0, y0, total dx, total dy, frames), "key" (Qt key, repeats)."""

    action: str
    args: tuple


@dataclass
class FrameReport:
    """Per frame: zoom level name, wall-clock ms, and CPU ms of the GUI thread.

    On a shared machine wall time includes waiting for a core; the CPU figure shows what the
    frame itself cost.
    """

    frames: list[tuple[str, float, float]] = field(default_factory=list)

    def add(self, level: str, wall_ms: float, cpu_ms: float) -> None:
        self.frames.append((level, wall_ms, cpu_ms))

    def summary(self) -> dict:
        def stats(rows: list[tuple[str, float, float]]) -> dict:
            wall = np.array([r[1] for r in rows] or [np.nan])
            cpu = np.array([r[2] for r in rows] or [np.nan])
            return {"frames": len(rows),
                    "frame_ms_p50": round(float(np.percentile(wall, 50)), 2),
                    "frame_ms_p95": round(float(np.percentile(wall, 95)), 2),
                    "frame_ms_max": round(float(wall.max()), 2),
                    "frame_cpu_ms_p50": round(float(np.percentile(cpu, 50)), 2),
                    "frame_cpu_ms_p95": round(float(np.percentile(cpu, 95)), 2)}

        out = stats(self.frames)
        out["levels"] = {name: stats([r for r in self.frames if r[0] == name])
                         for name in ("city", "district", "street") if any(r[0] == name for r in self.frames)}
        return out


def default_script(centre: tuple[float, float] = BAOTOU_CENTRE, width: int = 1920, height: int = 1080) -> list[Step]:
    """About 90 frames: pans at city zoom, wheel in to a district, pan, wheel in to a street,
    pan, then back out with keys and the wheel."""
    cx, cy = width / 2, height / 2
    drag = 9
    return [
        Step("goto", (*centre, 12.4)),
        Step("drag", (cx, cy, 300, 120, drag)), Step("drag", (cx, cy, -300, -120, drag)),
        Step("key", (Qt.Key.Key_Right, 2)), Step("key", (Qt.Key.Key_Left, 2)),
        Step("wheel", (cx * 0.8, cy * 0.9, 4)),
        Step("drag", (cx, cy, -260, 160, drag)), Step("drag", (cx, cy, 260, -160, drag)),
        Step("key", (Qt.Key.Key_Up, 2)), Step("key", (Qt.Key.Key_Down, 2)),
        Step("wheel", (cx * 1.1, cy * 1.05, 4)),
        Step("drag", (cx, cy, 320, 100, drag)), Step("drag", (cx, cy, -320, -100, drag)),
        Step("key", (Qt.Key.Key_Right, 2)), Step("key", (Qt.Key.Key_Left, 2)),
        Step("key", (Qt.Key.Key_Minus, 2)),
        Step("wheel", (cx, cy, -4)),
        Step("drag", (cx, cy, 200, -200, drag)),
    ]


def _send(canvas: MapCanvas, event) -> None:
    QApplication.sendEvent(canvas, event)


def _frames(canvas: MapCanvas, step: Step):
    """Yield once per frame after sending that frame's input."""
    a = step.args
    if step.action == "goto":
        canvas.center_on(a[0], a[1], a[2])
        yield
    elif step.action == "wheel":
        x, y, notches = a
        for _ in range(abs(int(notches))):
            pos = QPointF(x, y)
            _send(canvas, QWheelEvent(pos, canvas.mapToGlobal(pos), QPoint(), QPoint(0, 120 if notches > 0 else -120),
                                      Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                                      Qt.ScrollPhase.NoScrollPhase, False))
            yield
    elif step.action == "drag":
        x0, y0, dx, dy, n = a
        left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        start = QPointF(x0, y0)
        _send(canvas, QMouseEvent(QEvent.Type.MouseButtonPress, start, canvas.mapToGlobal(start), left, left, none))
        pos = start
        for i in range(1, n + 1):
            pos = QPointF(x0 + dx * i / n, y0 + dy * i / n)
            _send(canvas, QMouseEvent(QEvent.Type.MouseMove, pos, canvas.mapToGlobal(pos), Qt.MouseButton.NoButton,
                                      left, none))
            yield
        _send(canvas, QMouseEvent(QEvent.Type.MouseButtonRelease, pos, canvas.mapToGlobal(pos), left,
                                  Qt.MouseButton.NoButton, none))
    elif step.action == "key":
        key, repeats = a
        for _ in range(repeats):
            _send(canvas, QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier))
            yield
    else:
        raise ValueError(f"unknown script action {step.action!r}")


def prepare_offscreen(canvas: MapCanvas, size: tuple[int, int], timeout_s: float = 120.0) -> None:
    """Size and show the canvas (offscreen) and wait until every layer has its data prepared."""
    canvas.resize(*size)
    if not canvas.isVisible():
        canvas.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        canvas.show()
    deadline = time.monotonic() + timeout_s
    QApplication.processEvents()
    while not canvas.is_ready():
        if time.monotonic() > deadline:
            raise TimeoutError("map layers were still preparing their data after "
                               f"{timeout_s:.0f} s")
        QApplication.processEvents()
        time.sleep(0.005)
    QApplication.processEvents()


def measure_frames(canvas: MapCanvas, script: list[Step] | None = None, *, size: tuple[int, int] = (1920, 1080),
                   repeats: int = 1) -> FrameReport:
    """Run the script ``repeats`` times; each frame's time covers input, LOD, labels and paint."""
    prepare_offscreen(canvas, size)
    script = script if script is not None else default_script(width=size[0], height=size[1])
    report = FrameReport()
    for _ in range(repeats):
        for step in script:
            frames = _frames(canvas, step)
            while True:
                t0, c0 = time.perf_counter(), time.thread_time()
                try:
                    next(frames)
                except StopIteration:
                    break
                canvas.grab()
                report.add(level_name(canvas.view.zoom), (time.perf_counter() - t0) * 1000.0,
                           (time.thread_time() - c0) * 1000.0)
                QApplication.processEvents()
    return report


def measure_live(canvas: MapCanvas, vehicles: int = 1000, frames: int = 60, *,
                 size: tuple[int, int] = (1920, 1080), seed: int = 7) -> FrameReport:
    """Frames while ``vehicles`` move and report once per frame (the 1 Hz feed, sped up).

    A temporary live layer is added for the run and removed afterwards.
    """
    from widgets.map_canvas.live_layer import LivePointLayer
    from widgets.map_canvas.sample import FleetSimulator
    from widgets.map_canvas.symbology import vehicle_states

    layer = LivePointLayer("__bench_vehicles__", "bench vehicles", states=vehicle_states())
    layer.set_fleet(np.arange(vehicles))
    sim = FleetSimulator(layer, np.random.default_rng(seed))
    canvas.add_layer(layer)
    try:
        prepare_offscreen(canvas, size)
        sim.step(1.0)
        canvas.grab()
        report = FrameReport()
        for _ in range(frames):
            t0, c0 = time.perf_counter(), time.thread_time()
            sim.step(1.0)
            canvas.grab()
            report.add(level_name(canvas.view.zoom), (time.perf_counter() - t0) * 1000.0,
                       (time.thread_time() - c0) * 1000.0)
            QApplication.processEvents()
        return report
    finally:
        canvas.remove_layer(layer.id)
