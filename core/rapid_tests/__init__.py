"""Daily rapid food tests at the markets: what failures set off, pass-rate statistics, the
weighted failures the heatmap draws. Plain functions on a session the caller opens."""

from core.rapid_tests.filters import TREND_SPANS, TestFilter, local_today
from core.rapid_tests.samples import FailurePoints, SampleRow, failure_points, market_day_samples
from core.rapid_tests.stats import (
    GROUPINGS,
    CityKpis,
    GroupRate,
    RateSeries,
    city_kpis,
    pass_rate_series,
    pass_rates,
    trend,
)
from core.rapid_tests.tasks import (
    OverdueRetest,
    cancel_tasks_of_passed,
    create_failure_tasks,
    overdue_retests,
)

__all__ = [
    "GROUPINGS", "TREND_SPANS", "CityKpis", "FailurePoints", "GroupRate", "OverdueRetest", "RateSeries",
    "SampleRow", "TestFilter", "cancel_tasks_of_passed", "city_kpis", "create_failure_tasks", "failure_points",
    "local_today", "market_day_samples", "overdue_retests", "pass_rate_series", "pass_rates", "trend",
]
