"""Everything the city dashboard and the market list show for one filter, gathered in one pass so
the desktop asks a worker thread once per filter change: today's KPIs, the window's totals,
pass rate by district, failures by item per day, and every market with its overdue re-tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from core.rapid_tests.filters import TestFilter
from core.rapid_tests.markets import MarketStatus, market_statuses
from core.rapid_tests.stats import CityKpis, GroupRate, RateSeries, city_kpis, pass_rate_series, pass_rates


@dataclass(frozen=True)
class CityFigures:
    flt: TestFilter
    today: CityKpis  # today's samples under the same item and category filters
    window_tested: int
    window_passed: int
    districts: list[GroupRate]  # over the window
    failures_by_item: RateSeries  # daily counts per item over the window (``failed`` gives failures)
    markets: list[MarketStatus]  # over the window, worst first

    @property
    def window_failing_markets(self) -> int:
        return sum(1 for m in self.markets if m.failed)

    @property
    def overdue_retests(self) -> int:
        return sum(m.overdue_retests for m in self.markets)


def city_figures(session: Session, flt: TestFilter, today: date, now: datetime | None = None) -> CityFigures:
    kpis = city_kpis(session, today, items=flt.items, categories=flt.categories, market_ids=flt.market_ids,
                     district_ids=flt.district_ids)
    markets = market_statuses(session, flt, now)
    return CityFigures(
        flt, kpis, sum(m.tested for m in markets), sum(m.passed for m in markets),
        pass_rates(session, "district", flt), pass_rate_series(session, flt, "item"), markets,
    )
