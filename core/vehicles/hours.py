"""Local opening hours ("HH:MM" in Asia/Shanghai, ISO weekdays "1234567"), as zones and rules store them."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

LOCAL = ZoneInfo("Asia/Shanghai")


def parse_hhmm(text: str) -> time:
    try:
        hh, mm = text.strip().split(":")
        return time(int(hh) % 24, int(mm))
    except (ValueError, AttributeError):
        raise ValueError(f"{text!r} is not a time of day HH:MM") from None


def local(t: datetime) -> datetime:
    return t.astimezone(LOCAL)


def is_open(opens: str, closes: str, days: str, at: datetime) -> bool:
    """Whether hours ``opens``–``closes`` on ``days`` include the aware time ``at``.

    Hours that close past midnight (closes < opens, e.g. a night market 17:00–02:00) belong to the
    day they opened on: Sunday 01:00 is open when Saturday is an open day. Equal times mean all day.
    """
    lt = local(at)
    o, c, now = parse_hhmm(opens), parse_hhmm(closes), lt.time()
    day = lt.isoweekday()
    if o == c:
        return str(day) in days
    if o < c:
        return str(day) in days and o <= now < c
    if now >= o:
        return str(day) in days
    prev = 7 if day == 1 else day - 1
    return now < c and str(prev) in days
