"""pyqtgraph charts for rapid-test figures: daily pass-rate lines, stacked daily bars and
horizontal bars by group. Days are plotted at their index (0 … n-1) and labelled MM-DD, so a
chart never depends on the machine's time zone. Colours follow the light or dark palette.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QFont

SERIES_COLOURS = ("#2563eb", "#dc2626", "#16a34a", "#d97706", "#7c3aed", "#0891b2", "#db2777", "#65a30d",
                  "#9333ea", "#475569")
OTHER_COLOUR = "#94a3b8"


class DayAxis(pg.AxisItem):
    """An axis of day indexes labelled with their dates; fewer labels as the span grows."""

    def __init__(self, orientation: str = "bottom"):
        super().__init__(orientation)
        self.days: list[date] = []

    def tickValues(self, minVal, maxVal, size):
        n = len(self.days)
        if n == 0:
            return []
        step = max(1, int(np.ceil(n / max(2, size / 56))))
        first = int(max(0, np.ceil(minVal)))
        last = int(min(n - 1, np.floor(maxVal)))
        major = [i for i in range(first, last + 1) if (n - 1 - i) % step == 0]
        return [(step, major)]

    def tickStrings(self, values, scale, spacing):
        out = []
        for v in values:
            i = int(round(v))
            out.append(f"{self.days[i]:%m-%d}" if 0 <= i < len(self.days) else "")
        return out


class ThemedPlot(pg.PlotWidget):
    """A plot whose background and axis colours follow the widget palette (light or dark theme)."""

    def __init__(self, parent=None, axisItems=None, title: str = ""):
        super().__init__(parent, axisItems=axisItems or {})
        self.setMinimumHeight(100)
        self.getPlotItem().setMenuEnabled(False)
        self.getPlotItem().hideButtons()
        self.setMouseEnabled(x=False, y=False)
        self._title = title
        self._legend: pg.LegendItem | None = None
        self._apply_palette()

    def changeEvent(self, ev) -> None:
        if ev.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange) and self.plotItem is not None:
            self._apply_palette()
        super().changeEvent(ev)

    def _apply_palette(self) -> None:
        pal = self.palette()
        self.setBackground(pal.base().color())
        fg = pal.text().color()
        font = QFont(self.font())
        font.setPointSizeF(max(7.5, font.pointSizeF() * 0.9))
        for name in ("left", "bottom"):
            ax = self.getPlotItem().getAxis(name)
            ax.setPen(pg.mkPen(fg))
            ax.setTextPen(pg.mkPen(fg))
            ax.setTickFont(font)
        if self._title:
            self.getPlotItem().setTitle(self._title, color=fg.name(), size=f"{font.pointSizeF():.0f}pt")

    def set_title(self, title: str) -> None:
        self._title = title
        self._apply_palette()

    legend_offset = (-4, 4)  # top right

    def legend(self) -> pg.LegendItem:
        if self._legend is None:
            self._legend = self.getPlotItem().addLegend(offset=self.legend_offset, labelTextSize="8pt",
                                                         labelTextColor=self.palette().text().color())
            see_through = QColor(self.palette().base().color())
            see_through.setAlpha(190)
            self._legend.setBrush(pg.mkBrush(see_through))
        return self._legend

    def reset(self) -> None:
        self.getPlotItem().clear()
        if self._legend is not None:
            self._legend.clear()


class RateLines(ThemedPlot):
    """Daily pass rate (%) per series. A day without samples has no point (never a zero): the
    line joins the days that were tested, as markets tested every few days are."""

    legend_offset = (4, -4)  # bottom left: pass rates crowd the top

    def __init__(self, parent=None, title: str = ""):
        self.axis = DayAxis()
        super().__init__(parent, axisItems={"bottom": self.axis}, title=title)
        self.getPlotItem().showGrid(x=False, y=True, alpha=0.25)
        self.series_shown: list[str] = []

    def set_series(self, days: Sequence[date], labels: Sequence[str], rates: np.ndarray) -> None:
        """``rates[g, d]``: share passed (0–1, NaN for no samples) of series ``labels[g]`` on ``days[d]``."""
        self.reset()
        self.axis.days = list(days)
        rates = np.asarray(rates, dtype=np.float64).reshape(len(labels), len(days))
        x = np.arange(len(days), dtype=np.float64)
        legend = self.legend() if len(labels) > 1 else None
        lowest = 100.0
        for g, label in enumerate(labels):
            y = rates[g] * 100.0
            tested = np.isfinite(y)
            colour = SERIES_COLOURS[g % len(SERIES_COLOURS)]
            pen = pg.mkPen(colour, width=2.2 if g == 0 else 1.6)
            self.plot(x[tested], y[tested], pen=pen, symbol="o" if len(days) <= 31 else None, symbolSize=5,
                      symbolBrush=colour, symbolPen=None, name=label if legend is not None else None)
            if tested.any():
                lowest = min(lowest, float(y[tested].min()))
        self.series_shown = list(labels)
        floor = max(0.0, min(90.0, np.floor((lowest - 2) / 5) * 5))
        self.setYRange(floor, 100.5, padding=0)
        self.setXRange(-0.5, max(0.5, len(days) - 0.5), padding=0)
        self.getPlotItem().getAxis("left").setLabel("%")


class StackedDayBars(ThemedPlot):
    """Counts per day stacked by series (failures by item over time)."""

    def __init__(self, parent=None, title: str = ""):
        self.axis = DayAxis()
        super().__init__(parent, axisItems={"bottom": self.axis}, title=title)
        self.totals = np.zeros(0)

    def set_data(self, days: Sequence[date], labels: Sequence[str], counts: np.ndarray,
                 colours: Sequence[str] | None = None) -> None:
        self.reset()
        self.axis.days = list(days)
        counts = np.asarray(counts, dtype=np.float64).reshape(len(labels), len(days))
        x = np.arange(len(days), dtype=np.float64)
        base = np.zeros(len(days))
        legend = self.legend()
        width = 0.8 if len(days) < 60 else 0.95
        for g, label in enumerate(labels):
            colour = (colours[g] if colours else SERIES_COLOURS[g % len(SERIES_COLOURS)])
            bars = pg.BarGraphItem(x=x, y0=base.copy(), height=counts[g], width=width, brush=pg.mkBrush(colour),
                                   pen=pg.mkPen(None))
            self.addItem(bars)
            legend.addItem(bars, label)
            base += counts[g]
        self.totals = base
        self.setXRange(-0.6, max(0.6, len(days) - 0.4), padding=0)
        self.setYRange(0, max(1.0, float(base.max()) if len(base) else 1.0) * 1.15, padding=0)


class GroupBars(ThemedPlot):
    """Horizontal bars, one per named group, top to bottom; the names (with their figures) label
    the left axis, so nothing is drawn over the bars."""

    def __init__(self, parent=None, title: str = "", unit: str = "%"):
        super().__init__(parent, title=title)
        self.unit = unit
        self.names: list[str] = []
        self.values = np.zeros(0)
        self.getPlotItem().getViewBox().invertY(True)

    def set_bars(self, names: Sequence[str], values: Sequence[float], colours: Sequence[str],
                 xmin: float | None = None, xmax: float | None = None) -> None:
        self.reset()
        self.names = list(names)
        v = np.asarray(values, dtype=np.float64)
        self.values = v
        y = np.arange(len(v), dtype=np.float64)
        shown = np.where(np.isfinite(v), v, 0.0)
        lo = xmin if xmin is not None else 0.0
        if len(v):
            self.addItem(pg.BarGraphItem(x0=np.full(len(v), lo), y=y, height=0.72, width=np.maximum(shown - lo, 0),
                                         brushes=[pg.mkBrush(c) for c in colours], pen=pg.mkPen(None)))
        left = self.getPlotItem().getAxis("left")
        left.setTicks([[(float(i), name) for i, name in enumerate(self.names)], []])
        hi = xmax if xmax is not None else max(1.0, float(shown.max()) if len(shown) else 1.0) * 1.1
        self.setXRange(lo, hi, padding=0)
        self.setYRange(-0.6, max(0.6, len(v) - 0.4), padding=0)
        self.getPlotItem().getAxis("bottom").setLabel(self.unit)


def rate_colour(rate: float) -> str:
    """Green at the city's usual 98 % and above, amber to 95 %, red below."""
    if not np.isfinite(rate):
        return OTHER_COLOUR
    if rate >= 0.98:
        return "#16a34a"
    return "#d97706" if rate >= 0.95 else "#dc2626"


def by_importance(labels: Sequence[str], counts: np.ndarray, keep: int,
                  other_label: str) -> tuple[list[str], np.ndarray, list[str]]:
    """The ``keep`` series with the largest totals, the rest summed into one ``other_label`` row (last)."""
    if len(labels) == 0:  # nothing tested in the window
        return [], np.zeros((0, 0)), []
    counts = np.asarray(counts, dtype=np.float64).reshape(len(labels), -1)
    order = np.argsort(-counts.sum(axis=1), kind="stable")
    top = [int(i) for i in order[:keep] if counts[i].sum() > 0]
    rest = [int(i) for i in order if int(i) not in top]
    out_labels = [labels[i] for i in top]
    rows = [counts[i] for i in top]
    colours = [SERIES_COLOURS[k % len(SERIES_COLOURS)] for k in range(len(top))]
    if rest and counts[rest].sum() > 0:
        out_labels.append(other_label)
        rows.append(counts[rest].sum(axis=0))
        colours.append(OTHER_COLOUR)
    return out_labels, np.array(rows).reshape(len(rows), counts.shape[1]), colours

