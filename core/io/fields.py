"""Cell parsers for registry files. Each raises RowError with a reason a clerk can act on."""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from core.errors import RowError

LOCAL = ZoneInfo("Asia/Shanghai")
_TRUE = {"1", "true", "yes", "y", "t", "是", "有", "在线", "√"}
_FALSE = {"0", "false", "no", "n", "f", "否", "无", "离线", "×"}


def text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and math.isnan(v):
        return ""
    s = str(v).strip()
    return "" if s.lower() in ("nan", "none", "null") else s


def required(row: dict, col: str) -> str:
    v = text(row.get(col))
    if not v:
        raise RowError(f"'{col}' is empty")
    return v


def number(v, col: str, lo: float | None = None, hi: float | None = None) -> float | None:
    s = text(v)
    if not s:
        return None
    try:
        x = float(s.replace(",", ""))
    except ValueError:
        raise RowError(f"'{col}' is not a number: {s!r}") from None
    if math.isnan(x) or math.isinf(x):
        raise RowError(f"'{col}' is not a finite number: {s!r}")
    if (lo is not None and x < lo) or (hi is not None and x > hi):
        raise RowError(f"'{col}' = {x:g} is outside {lo:g}…{hi:g}")
    return x


def integer(v, col: str) -> int | None:
    x = number(v, col)
    if x is None:
        return None
    if x != int(x):
        raise RowError(f"'{col}' must be a whole number: {x:g}")
    return int(x)


def boolean(v, col: str, default: bool = False) -> bool:
    s = text(v).lower()
    if not s:
        return default
    if s in _TRUE:
        return True
    if s in _FALSE:
        return False
    raise RowError(f"'{col}' must be yes/no (1/0, 是/否): {s!r}")


def choice(v, col: str, options: dict[str, str] | tuple[str, ...], default: str | None = None) -> str:
    s = text(v)
    if not s:
        if default is None:
            raise RowError(f"'{col}' is empty")
        return default
    mapping = options if isinstance(options, dict) else {o: o for o in options}
    for key, value in mapping.items():
        if s == key or s.lower() == key.lower():
            return value
    allowed = sorted(set(mapping))
    raise RowError(f"'{col}' = {s!r} is not one of: {', '.join(allowed)}")


_DATE_PATTERNS = (
    (re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"), "ymd"),
    (re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"), "ymd"),
    (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$"), "mdy"),  # US files, e.g. 12/6/16
    (re.compile(r"^(\d{8})$"), "compact"),
)


def day(v, col: str) -> date | None:
    s = text(v)
    if not s:
        return None
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    s = s.split("T")[0].split(" ")[0]
    for pat, kind in _DATE_PATTERNS:
        m = pat.match(s)
        if not m:
            continue
        try:
            if kind == "ymd":
                return date(int(m[1]), int(m[2]), int(m[3]))
            if kind == "compact":
                return date(int(s[:4]), int(s[4:6]), int(s[6:]))
            y = int(m[3])
            return date(y + 2000 if y < 100 else y, int(m[1]), int(m[2]))
        except ValueError:
            break
    raise RowError(f"'{col}' is not a date (YYYY-MM-DD): {s!r}")


def moment(v, col: str) -> datetime | None:
    """A time stamp; without a zone it is read as Beijing time (Asia/Shanghai), stored as UTC."""
    s = text(v)
    if not s:
        return None
    if isinstance(v, datetime):
        dt = v
    else:
        try:
            dt = datetime.fromisoformat(s.replace("/", "-"))
        except ValueError:
            d = day(s, col)
            if d is None:
                return None
            rest = s.split(" ", 1)[1] if " " in s else ""
            t = clock(rest, col) if rest else time(0, 0)
            dt = datetime.combine(d, t)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=LOCAL)
    return dt.astimezone(UTC)


def clock(v, col: str) -> time:
    s = text(v)
    m = re.match(r"^(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?$", s)
    if not m or int(m[1]) > 24 or int(m[2]) > 59:
        raise RowError(f"'{col}' is not a time of day (HH:MM): {s!r}")
    h = int(m[1]) % 24
    return time(h, int(m[2]), int(m[3] or 0))


def hhmm(v, col: str) -> str:
    return clock(v, col).strftime("%H:%M")


def lonlat(lon, lat) -> tuple[float, float]:
    x = number(lon, "lon", -180, 180)
    y = number(lat, "lat", -90, 90)
    if x is None or y is None:
        raise RowError("no location: give lon and lat (or a point geometry)")
    if x == 0 and y == 0:
        raise RowError("location is 0,0 (a missing geocode?)")
    return x, y


def local_iso(dt: datetime | None) -> str:
    """A stored UTC time as Beijing time, ISO 8601 with its offset (how exports show times)."""
    return dt.astimezone(LOCAL).isoformat() if dt else ""
