"""The city's rapid-test figures: the filter bar every rapid-test view follows, KPI tiles and
charts. Plain data in (dates, names, counts); no database."""

from widgets.dashboard.dashboard import CityDashboard, DashboardData
from widgets.dashboard.filters import WINDOWS, FilterState, TestFilterBar, window_days
from widgets.dashboard.market_list import MarketLine, MarketList

__all__ = ["WINDOWS", "CityDashboard", "DashboardData", "FilterState", "MarketLine", "MarketList", "TestFilterBar",
           "window_days"]
