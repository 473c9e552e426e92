"""A map layer that draws a failure heatmap as one image under the markers.

The application gives it weighted WGS-84 points and a kernel size in metres; the layer computes
a density image for whatever the canvas shows, in the background, and draws the newest one it
has, stretched to the current view until a sharper one arrives. A frame that finds the image
too coarse or too small for its view asks for another (debounced, so a drag computes once when
it stops); an older computation still running is abandoned.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap

from gis.heatmap import DEFAULT_RAMP, Cancelled, ColorRamp
from widgets.heatmap_layer.render import Points, Rendered, render
from widgets.map_canvas.datum import lonlat_arrays
from widgets.map_canvas.jobs import Job
from widgets.map_canvas.layer import LegendEntry, MapLayer, RenderContext
from widgets.map_canvas.view import MapView

DEBOUNCE_MS = 120


translate = QCoreApplication.translate


class HeatmapLayer(MapLayer):
    paints_in_worker = True  # draws one QImage with the painter it is given
    imageChanged = Signal()  # a new image (and perhaps a new reference peak) is shown
    _wanted = Signal(object)  # MapView; emitted from the paint thread, delivered on the GUI thread

    def __init__(self, layer_id: str, name: str, *, sigma_m: float = 500.0, ramp: ColorRamp = DEFAULT_RAMP,
                 **kw):
        kw.setdefault("opacity", 0.85)
        super().__init__(layer_id, name, **kw)
        self._ramp = ramp
        self._points = Points(np.empty(0), np.empty(0), np.empty(0), self._checked_sigma(sigma_m), 0)
        self._rendered: Rendered | None = None
        self._peaks: dict[int, float] = {}  # reference peak per data revision
        self._want: MapView | None = None  # the view a frame found uncovered; cleared when served
        self._asked: tuple | None = None  # (rev, gcj02, extent, res) of the computation running
        self._gen = 0
        self._job = Job(self)
        self._job.done.connect(self._computed)
        self._job.failed.connect(lambda _msg: self._settle())
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS, timeout=self._compute)
        self._wanted.connect(self._on_wanted, Qt.ConnectionType.QueuedConnection)

    # --- data in ----------------------------------------------------------------------------

    @staticmethod
    def _checked_sigma(sigma_m: float) -> float:
        sigma_m = float(sigma_m)
        if not (np.isfinite(sigma_m) and sigma_m > 0):
            raise ValueError(f"the kernel size must be a positive number of metres, got {sigma_m}")
        return sigma_m

    def set_points(self, lon, lat, weights=None) -> None:
        """Replace the points (WGS-84). Bad input raises ValueError and keeps the old points."""
        lon, lat = lonlat_arrays(lon, lat, "wgs84")
        if weights is None:
            w = np.ones(len(lon))
        else:
            w = np.asarray(weights, dtype=np.float64).ravel()
            if len(w) != len(lon):
                raise ValueError(f"{len(lon)} points but {len(w)} weights")
            if np.any(~np.isfinite(w)) or np.any(w < 0):
                raise ValueError("weights must be finite and not negative")
        self._replace(Points(lon, lat, w, self._points.sigma_m, self._points.rev + 1))

    def set_sigma(self, sigma_m: float) -> None:
        """The kernel's standard deviation in metres on the ground."""
        sigma_m = self._checked_sigma(sigma_m)
        if sigma_m != self._points.sigma_m:
            p = self._points
            self._replace(Points(p.lon, p.lat, p.weight, sigma_m, p.rev + 1))

    def _replace(self, points: Points) -> None:
        self._points = points
        self._peaks = {}
        self._gen += 1
        self.changed.emit()  # the next frame finds its image stale and asks for a new one

    def set_ramp(self, ramp: ColorRamp) -> None:
        self._ramp = ramp
        self._rendered = None
        self._gen += 1
        self.propertiesChanged.emit()
        self.changed.emit()

    @property
    def ramp(self) -> ColorRamp:
        return self._ramp

    @property
    def sigma_m(self) -> float:
        return self._points.sigma_m

    def __len__(self) -> int:
        return len(self._points.lon)

    @property
    def reference_peak(self) -> float | None:
        """Weight per km² at the top of the ramp, once computed for the current points."""
        return self._peaks.get(self._points.rev)

    def set_display_datum(self, gcj02: bool) -> None:
        if gcj02 != self.gcj02:
            self.gcj02 = gcj02
            self.changed.emit()

    def set_visible(self, visible: bool) -> None:
        super().set_visible(visible)
        if not visible:
            self._want = None

    # --- background computation --------------------------------------------------------------

    def _serves(self, r: Rendered | None, view: MapView) -> bool:
        return r is not None and r.covers(view.extent, view.res, self.gcj02, self._points.rev)

    def _on_wanted(self, view: MapView) -> None:
        if self._serves(self._rendered, view):
            self._want = None
            return
        self._want = view
        self._timer.start()

    def _compute(self) -> None:
        view = self._want
        if view is None:
            return
        key = (self._points.rev, self.gcj02, view.extent, view.res)
        if self._job.busy and self._asked == key:
            return
        self._gen += 1
        gen = self._gen
        self._asked = key

        def cancelled() -> bool:
            return gen != self._gen

        def work(points, extent, res, gcj02, ramp, peak):
            try:
                return gen, view, render(points, extent, res, gcj02, ramp, peak, cancelled)
            except Cancelled:
                return gen, view, None

        self._job.submit(work, self._points, view.extent, view.res, self.gcj02, self._ramp,
                         self._peaks.get(self._points.rev))

    def _computed(self, result) -> None:
        gen, view, rendered = result
        self._asked = None
        if rendered is None or gen != self._gen:
            self._settle()
            return
        self._rendered = rendered
        self._peaks[rendered.rev] = rendered.reference_peak
        if self._want is not None and self._serves(rendered, self._want):
            self._want = None
        self.changed.emit()
        self.imageChanged.emit()
        self._settle()

    def _settle(self) -> None:
        """After a result or a failure: compute again if a frame still wants a view served."""
        if self._want is not None and not self._job.busy:
            self._timer.start()

    def is_ready(self) -> bool:
        return (not self.visible or self._want is None) and not self._job.busy and not self._timer.isActive()

    # --- drawing ----------------------------------------------------------------------------

    def paint(self, p: QPainter, ctx: RenderContext) -> None:
        r = self._rendered
        if not self._serves(r, ctx.view):
            self._want = ctx.view  # read by is_ready at once; the slot confirms it on the GUI thread
            self._wanted.emit(ctx.view)
        if r is None or r.image is None or r.gcj02 != ctx.gcj02:
            return
        sx, sy = ctx.view.to_screen(np.array([r.xmin, r.xmax]), np.array([r.ymax, r.ymin]))
        target = QRectF(float(sx[0]), float(sy[0]), float(sx[1] - sx[0]), float(sy[1] - sy[0]))
        p.save()
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        p.drawImage(target, r.image)
        p.restore()

    def legend(self) -> list[LegendEntry]:
        peak = self.reference_peak
        out = []
        for frac in (0.25, 0.5, 0.75, 1.0):
            rgba = self._ramp.color_at(frac)
            img = QImage(18, 18, QImage.Format.Format_ARGB32_Premultiplied)
            img.fill(QColor(rgba[0], rgba[1], rgba[2], max(rgba[3], 120)))
            text = (translate("HeatmapLayer", "{v} per km²").format(v=f"{frac * peak:.3g}") if peak
                    else translate("HeatmapLayer", "{p}% of the peak").format(p=int(frac * 100)))
            out.append(LegendEntry(text, QPixmap.fromImage(img)))
        return out

    def close(self) -> None:
        self._timer.stop()
        self._gen += 1
