"""The city's rapid-test dashboard: today's figures as KPI tiles, pass rate by district and
failures by item over the chosen window, all under the same filters as the heatmap."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from widgets.dashboard.charts import GroupBars, StackedDayBars, by_importance, rate_colour
from widgets.kpi import KpiStrip

TOP_ITEMS = 6


@dataclass(frozen=True)
class DashboardData:
    first: date
    last: date
    today_samples: int
    today_passed: int
    today_failing_markets: list[tuple[str, int]]  # (market, failures today), most first
    window_samples: int
    window_passed: int
    window_failing_markets: int
    overdue_retests: int
    districts: list[tuple[str, int, int]]  # (name, tested, passed) over the window
    days: list[date] = field(default_factory=list)
    item_labels: list[str] = field(default_factory=list)
    item_failures: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))  # [item, day]


def percent(passed: int, tested: int) -> str:
    return f"{100.0 * passed / tested:.1f}%" if tested else "—"


class CityDashboard(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.kpis = KpiStrip([
            ("samples", self.tr("Samples today")), ("rate", self.tr("Pass rate today")),
            ("markets", self.tr("Markets with failures today")), ("overdue", self.tr("Overdue re-tests")),
        ])
        # the tiles two by two beside the charts: the dashboard sits in a wide, low dock
        grid = QGridLayout()
        grid.setSpacing(6)
        for i, tile in enumerate(self.kpis.tiles.values()):
            grid.addWidget(tile, i // 2, i % 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.kpis.hide()
        self.caption = QLabel("")
        self.districts = GroupBars(self, self.tr("Pass rate by district"), unit="%")
        self.items = StackedDayBars(self, self.tr("Failures by test item, per day"))
        self.items_day = GroupBars(self, self.tr("Failures by test item"), unit=self.tr("failures"))
        self.items_stack = QStackedWidget(self)
        self.items_stack.addWidget(self.items)
        self.items_stack.addWidget(self.items_day)
        row = QHBoxLayout()
        row.addLayout(grid, 2)
        row.addWidget(self.districts, 2)
        row.addWidget(self.items_stack, 3)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 0, 4, 4)
        lay.addWidget(self.caption)
        lay.addLayout(row, 1)
        self.data: DashboardData | None = None

    def set_data(self, d: DashboardData) -> None:
        self.data = d
        rate_today = d.today_passed / d.today_samples if d.today_samples else float("nan")
        window = self.tr("%1 to %2").replace("%1", f"{d.first:%m-%d}").replace("%2", f"{d.last:%m-%d}") \
            if d.first != d.last else f"{d.first:%m-%d}"
        self.kpis.set_value("samples", f"{d.today_samples:,}",
                            self.tr("Window %1: %2").replace("%1", window).replace("%2", f"{d.window_samples:,}"))
        state = "" if not np.isfinite(rate_today) else ("ok" if rate_today >= 0.98 else "warn" if rate_today >= 0.95
                                                         else "alarm")
        self.kpis.set_value("rate", percent(d.today_passed, d.today_samples),
                            self.tr("Window: %1").replace("%1", percent(d.window_passed, d.window_samples)), state)
        names = "、".join(f"{n} {k}" for n, k in d.today_failing_markets[:2])
        more = len(d.today_failing_markets) - 2
        if more > 0:
            names += self.tr(" and %1 more").replace("%1", str(more))
        self.kpis.set_value("markets", str(len(d.today_failing_markets)), names or self.tr("None today"),
                            "alarm" if d.today_failing_markets else "ok")
        self.kpis.set_value("overdue", str(d.overdue_retests), self.tr("Past their due time"),
                            "alarm" if d.overdue_retests else "ok")
        self.caption.setText(self.tr("Window %1: %2 samples, pass rate %3, %4 market(s) with failures")
                             .replace("%1", window).replace("%2", f"{d.window_samples:,}")
                             .replace("%3", percent(d.window_passed, d.window_samples))
                             .replace("%4", str(d.window_failing_markets)))
        rows = sorted(d.districts, key=lambda r: (r[2] / r[1] if r[1] else 2.0, r[0]))
        rates = [100.0 * p / t if t else float("nan") for _, t, p in rows]
        names = [f"{n}  {r:.1f}%" if t else f"{n}  —" for (n, t, _), r in zip(rows, rates, strict=True)]
        finite = [r for r in rates if np.isfinite(r)]
        self.districts.set_bars(names, rates, [rate_colour(p / t if t else float("nan")) for _, t, p in rows],
                                xmin=max(0.0, np.floor(min(finite or [95.0]) - 2)), xmax=100.0)
        labels, counts, colours = by_importance(d.item_labels, d.item_failures, TOP_ITEMS, self.tr("Other items"))
        if len(d.days) == 1:  # one day: a bar per item reads better than one stacked column
            totals = counts.sum(axis=1) if counts.size else np.zeros(0)
            self.items_day.set_bars([f"{n}  {int(c)}" for n, c in zip(labels, totals, strict=True)], totals,
                                    colours, xmin=0.0)
            self.items_stack.setCurrentWidget(self.items_day)
        else:
            self.items.set_data(d.days, labels, counts, colours)
            self.items_stack.setCurrentWidget(self.items)
