"""City overview tiles: what the database holds, refreshed as it changes."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt

from widgets.kpi import KpiStrip


class OverviewPanel(QObject):
    KEYS = ("markets", "zones", "stalls", "businesses", "cameras", "vehicles", "open_alerts")

    def __init__(self, window):
        super().__init__(window)
        labels = {
            "markets": self.tr("Markets"), "zones": self.tr("Vendor zones"), "stalls": self.tr("Stalls"),
            "businesses": self.tr("Catering units"), "cameras": self.tr("Kitchen cameras"),
            "vehicles": self.tr("Vehicles"), "open_alerts": self.tr("Open alerts"),
        }
        self.strip = KpiStrip([(k, labels[k]) for k in self.KEYS])
        self.dock = window.add_dock("overview", self.tr("City overview"), self.strip,
                                    Qt.DockWidgetArea.TopDockWidgetArea)
        window.hub.counts_changed.connect(self.update)

    def update(self, counts: dict) -> None:
        for k in self.KEYS:
            state = "alarm" if k == "open_alerts" and counts.get(k, 0) else ""
            self.strip.set_value(k, f"{counts.get(k, 0):,}", state=state)


def install(window) -> OverviewPanel:
    return OverviewPanel(window)
