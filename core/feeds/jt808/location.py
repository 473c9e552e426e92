"""The JT/T 808 location block (body of 0x0200, item of 0x0704) and its additional-information items.

Basic block, 28 bytes: ``alarm:u32 status:u32 lat:u32 lon:u32 altitude:u16 speed:u16 direction:u16
time:BCD[6]``. Latitude and longitude are millionths of a degree, signed by status bit 2 (south)
and bit 3 (west); speed is in 0.1 km/h; time is YYMMDDhhmmss in GMT+8. Items follow as
``id:u8 len:u8 value``. Vendor-specific items are kept as raw bytes; an item whose length runs past
the body (a known firmware fault) is kept, marked truncated, rather than losing the fix.
"""

from __future__ import annotations

import math
import struct
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from core.feeds.jt808.errors import BodyError

CST = timezone(timedelta(hours=8), "+08:00")

STATUS_ACC = 1 << 0
STATUS_FIXED = 1 << 1
STATUS_SOUTH = 1 << 2
STATUS_WEST = 1 << 3

_BASIC = struct.Struct(">IIIIHHH6s")
BASIC_SIZE = _BASIC.size

# Standard items with a fixed size: id → (name, size, scale). Scale None = integer as is.
KNOWN_ITEMS: dict[int, tuple[str, int, float | None]] = {
    0x01: ("mileage_km", 4, 0.1),
    0x02: ("fuel_l", 2, 0.1),
    0x03: ("tacho_speed_kmh", 2, 0.1),
    0x04: ("alarm_event_id", 2, None),
    0x25: ("vehicle_signal", 4, None),
    0x2A: ("io_status", 2, None),
    0x2B: ("analog", 4, None),
    0x30: ("signal_strength", 1, None),
    0x31: ("satellites", 1, None),
}


@dataclass(slots=True)
class Extra:
    """One additional-information item, as received."""

    id: int
    raw: bytes
    truncated: bool = False  # the declared length ran past the end of the body
    declared_length: int | None = None

    @property
    def name(self) -> str | None:
        known = KNOWN_ITEMS.get(self.id)
        return known[0] if known else None

    @property
    def value(self):
        """The item's meaning for the standard items of the standard size, else None (raw only)."""
        known = KNOWN_ITEMS.get(self.id)
        if known is None or self.truncated or len(self.raw) != known[1]:
            return None
        n = int.from_bytes(self.raw, "big")
        if self.id == 0x2B:
            return [n & 0xFFFF, n >> 16]  # AD0, AD1
        return round(n * known[2], 1) if known[2] else n

    def encode(self) -> bytes:
        return bytes((self.id, len(self.raw))) + self.raw

    def as_dict(self) -> dict:
        d = {"id": f"0x{self.id:02X}", "hex": self.raw.hex().upper()}
        if self.name:
            d["name"] = self.name
            d["value"] = self.value
        if self.truncated:
            d["truncated"] = True
            d["declared_length"] = self.declared_length
        return d


def extra(item_id: int, value: int | float, size: int | None = None) -> Extra:
    """Build a standard item from its meaning (e.g. ``extra(0x01, 123.4)`` for mileage in km)."""
    known = KNOWN_ITEMS.get(item_id)
    if known is None and size is None:
        raise ValueError(f"item 0x{item_id:02X} is not a standard item; give its size")
    name, std_size, scale = known if known else (None, size, None)
    n = round(value / scale) if scale else int(value)
    return Extra(item_id, n.to_bytes(size or std_size, "big"))


_BCD = {i: (i >> 4) * 10 + (i & 15) for i in range(256) if i >> 4 < 10 and i & 15 < 10}


def bcd_time(raw: bytes) -> datetime | None:
    """YYMMDDhhmmss BCD in GMT+8 → an aware time; None when it is not a real date (e.g. all zeros,
    which terminals without a fix send)."""
    try:
        bcd = _BCD
        return datetime(2000 + bcd[raw[0]], bcd[raw[1]], bcd[raw[2]], bcd[raw[3]], bcd[raw[4]], bcd[raw[5]],
                        tzinfo=CST)
    except (KeyError, ValueError, IndexError):
        return None


def bcd_time_encode(t: datetime | None) -> bytes:
    if t is None:
        return bytes(6)
    if t.tzinfo is None:
        raise ValueError("naive time: pass an aware datetime")
    return bytes.fromhex(t.astimezone(CST).strftime("%y%m%d%H%M%S"))


@dataclass(slots=True)
class Location:
    lat: float  # signed degrees (south negative)
    lon: float  # signed degrees (west negative)
    time: datetime | None  # aware, in GMT+8 as sent; None when the terminal sent no real time
    speed_kmh: float = 0.0
    direction: int = 0  # degrees clockwise from north
    altitude_m: int = 0
    alarm: int = 0
    status: int = STATUS_FIXED
    extras: tuple[Extra, ...] = ()

    def __post_init__(self) -> None:
        # The hemisphere bits of ``status`` always follow the signs of lat and lon.
        status = self.status & ~(STATUS_SOUTH | STATUS_WEST)
        if self.lat < 0 or (self.lat == 0 and math.copysign(1.0, self.lat) < 0):
            status |= STATUS_SOUTH
        if self.lon < 0 or (self.lon == 0 and math.copysign(1.0, self.lon) < 0):
            status |= STATUS_WEST
        self.status = status

    @property
    def fixed(self) -> bool:
        return bool(self.status & STATUS_FIXED)

    @property
    def valid(self) -> bool:
        """A usable fix: the terminal says it is located, and the numbers are on the globe."""
        return (self.fixed and self.time is not None
                and abs(self.lat) <= 90.0 and abs(self.lon) <= 180.0)

    def extra_value(self, name: str):
        for e in self.extras:
            if e.name == name:
                return e.value
        return None

    def encode(self) -> bytes:
        basic = _BASIC.pack(
            self.alarm, self.status, round(abs(self.lat) * 1e6), round(abs(self.lon) * 1e6),
            self.altitude_m, round(self.speed_kmh * 10), self.direction, bcd_time_encode(self.time),
        )
        return basic + b"".join(e.encode() for e in self.extras)


def decode_location(data: bytes) -> Location:
    if len(data) < BASIC_SIZE:
        raise BodyError(f"location block needs {BASIC_SIZE} bytes, got {len(data)}")
    alarm, status, lat_raw, lon_raw, alt, speed, direction, t = _BASIC.unpack_from(data)
    lat = lat_raw / 1e6
    lon = lon_raw / 1e6
    if status & STATUS_SOUTH:
        lat = -lat
    if status & STATUS_WEST:
        lon = -lon
    extras = []
    pos, end = BASIC_SIZE, len(data)
    while pos < end:
        if pos + 2 > end:
            extras.append(Extra(data[pos], b"", True, None))
            break
        item_id, n = data[pos], data[pos + 1]
        value = data[pos + 2:pos + 2 + n]
        if len(value) < n:
            extras.append(Extra(item_id, value, True, n))
            break
        extras.append(Extra(item_id, value))
        pos += 2 + n
    return Location(lat, lon, bcd_time(t), speed / 10, direction, alt, alarm, status, tuple(extras))
