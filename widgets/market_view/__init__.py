"""A market's rapid tests in one dock: the day's samples, failures with their disposal and
re-test, and the pass-rate trend. Plain data in; no database."""

from widgets.market_view.data import DISPOSALS, MarketHeader, SampleLine, TrendData
from widgets.market_view.view import SPANS, MarketView

__all__ = ["DISPOSALS", "SPANS", "MarketHeader", "MarketView", "SampleLine", "TrendData"]
