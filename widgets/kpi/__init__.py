"""KPI tiles: one big number with its label and an optional trend or state colour."""

from widgets.kpi.tile import KpiStrip, KpiTile

__all__ = ["KpiStrip", "KpiTile"]
