"""Which rapid tests a question is about: a span of local days and optional item, category, market
and district filters, as the map's filter bar and the market view set them.

Times are stored in UTC; a day is an Asia/Shanghai day (markets test in the early morning, which
is the previous evening in UTC), so every window is turned into UTC bounds here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Select, select

from core.db.models import Market, RapidTest
from core.errors import UsageError

LOCAL = ZoneInfo("Asia/Shanghai")
TREND_SPANS = (7, 30, 90)


def local_today(now: datetime | None = None) -> date:
    return (now or datetime.now(UTC)).astimezone(LOCAL).date()


def day_start_utc(day: date) -> datetime:
    """The UTC instant an Asia/Shanghai day begins."""
    return datetime.combine(day, time(0), LOCAL).astimezone(UTC)


@dataclass(frozen=True)
class TestFilter:
    """Local days ``first``..``last`` (inclusive) and the optional narrowing filters."""

    first: date
    last: date
    items: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    market_ids: tuple[int, ...] = ()
    district_ids: tuple[int, ...] = ()
    __test__ = False  # not a pytest class

    def __post_init__(self):
        if self.last < self.first:
            raise UsageError(f"the window ends ({self.last}) before it starts ({self.first})")

    @classmethod
    def day(cls, day: date, **kw) -> TestFilter:
        return cls(day, day, **kw)

    @classmethod
    def last_days(cls, n: int, today: date | None = None, **kw) -> TestFilter:
        """The ``n`` local days ending with ``today`` (7, 30 and 90 are the trend spans)."""
        if n < 1:
            raise UsageError(f"a window needs at least one day, not {n}")
        today = today or local_today()
        return cls(today - timedelta(days=n - 1), today, **kw)

    @property
    def days(self) -> list[date]:
        return [self.first + timedelta(days=i) for i in range((self.last - self.first).days + 1)]

    @property
    def start_utc(self) -> datetime:
        return day_start_utc(self.first)

    @property
    def end_utc(self) -> datetime:
        """Exclusive: the start of the day after ``last``."""
        return day_start_utc(self.last + timedelta(days=1))

    def apply(self, stmt: Select) -> Select:
        """Add this filter's conditions to a select over ``RapidTest``."""
        stmt = stmt.where(RapidTest.tested_at >= self.start_utc, RapidTest.tested_at < self.end_utc)
        if self.items:
            stmt = stmt.where(RapidTest.item.in_(self.items))
        if self.categories:
            stmt = stmt.where(RapidTest.category.in_(self.categories))
        if self.market_ids:
            stmt = stmt.where(RapidTest.market_id.in_(self.market_ids))
        if self.district_ids:
            in_districts = select(Market.id).where(Market.district_id.in_(self.district_ids))
            stmt = stmt.where(RapidTest.market_id.in_(in_districts))
        return stmt
