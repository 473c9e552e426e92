"""Message bodies of JT/T 808 that the command center speaks, each able to decode and encode itself.

Strings are GBK, fixed-width fields padded with 0x00 on the right (trimmed on reading; real
devices also send them unpadded or empty). Every body class has ``MSG_ID``, ``decode(data, version)``
and ``encode(version)``; ``version`` is the 2019 protocol-version byte or None for 2011/2013.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from typing import ClassVar

from core.feeds.jt808.location import Location, decode_location

# 0x8100 registration results (JT/T 808 table 8).
REG_OK = 0
REG_VEHICLE_REGISTERED = 1
REG_NO_VEHICLE = 2
REG_TERMINAL_REGISTERED = 3
REG_NO_TERMINAL = 4

# 0x8001 / 0x0001 general-reply results.
REPLY_OK = 0
REPLY_FAILURE = 1
REPLY_BAD_MESSAGE = 2
REPLY_UNSUPPORTED = 3
REPLY_ALARM_ACK = 4


def gbk_text(data: bytes) -> str:
    """A GBK string field with its 0x00 padding trimmed from the right."""
    return data.rstrip(b"\x00").decode("gbk", errors="replace")


def gbk_field(text: str, width: int) -> bytes:
    raw = text.encode("gbk")
    if len(raw) > width:
        raise ValueError(f"{text!r} is {len(raw)} bytes in GBK; the field holds {width}")
    return raw.ljust(width, b"\x00")


@dataclass(slots=True)
class _Reply:
    reply_seq: int
    reply_id: int
    result: int = REPLY_OK

    @classmethod
    def decode(cls, data: bytes, version: int | None):
        seq, msg_id, result = struct.unpack(">HHB", data)
        return cls(seq, msg_id, result)

    def encode(self, version: int | None) -> bytes:
        return struct.pack(">HHB", self.reply_seq, self.reply_id, self.result)


@dataclass(slots=True)
class TerminalReply(_Reply):
    """0x0001: the terminal acknowledges a platform message."""

    MSG_ID: ClassVar[int] = 0x0001


@dataclass(slots=True)
class PlatformReply(_Reply):
    """0x8001: the platform acknowledges a terminal message."""

    MSG_ID: ClassVar[int] = 0x8001


@dataclass(slots=True)
class _Empty:
    @classmethod
    def decode(cls, data: bytes, version: int | None):
        if data:
            raise struct.error(f"{cls.__name__} has no body but {len(data)} bytes came")
        return cls()

    def encode(self, version: int | None) -> bytes:
        return b""


@dataclass(slots=True)
class Heartbeat(_Empty):
    MSG_ID: ClassVar[int] = 0x0002


@dataclass(slots=True)
class Logout(_Empty):
    """0x0003: the terminal deregisters (its auth code is void afterwards)."""

    MSG_ID: ClassVar[int] = 0x0003


# Registration field widths (maker, model, terminal id) by layout.
_REG_2011 = (5, 8, 7)
_REG_2013 = (5, 20, 7)
_REG_2019 = (11, 30, 30)


@dataclass(slots=True)
class Registration:
    """0x0100: a terminal asks to be registered."""

    MSG_ID: ClassVar[int] = 0x0100
    province: int
    city: int
    maker: str
    model: str
    terminal_id: str
    plate_color: int
    plate: str

    @classmethod
    def decode(cls, data: bytes, version: int | None):
        if version is not None:
            widths = _REG_2019
        else:
            # The 2011 and 2013 headers are identical; the body tells them apart by size.
            widths = _REG_2013 if len(data) >= 4 + sum(_REG_2013) + 1 else _REG_2011
        fixed = 4 + sum(widths) + 1
        if len(data) < fixed:
            raise struct.error(f"registration needs at least {fixed} bytes, got {len(data)}")
        province, city = struct.unpack_from(">HH", data)
        pos = 4
        texts = []
        for w in widths:
            texts.append(gbk_text(data[pos:pos + w]))
            pos += w
        return cls(province, city, *texts, data[pos], gbk_text(data[pos + 1:]))

    def encode(self, version: int | None) -> bytes:
        widths = _REG_2019 if version is not None else _REG_2013
        out = struct.pack(">HH", self.province, self.city)
        for text, w in zip((self.maker, self.model, self.terminal_id), widths, strict=True):
            out += gbk_field(text, w)
        return out + bytes((self.plate_color,)) + self.plate.encode("gbk")


@dataclass(slots=True)
class RegistrationReply:
    """0x8100: the platform's answer to 0x0100; the auth code comes only with result 0."""

    MSG_ID: ClassVar[int] = 0x8100
    reply_seq: int
    result: int
    auth_code: str = ""

    @classmethod
    def decode(cls, data: bytes, version: int | None):
        seq, result = struct.unpack_from(">HB", data)
        return cls(seq, result, gbk_text(data[3:]))

    def encode(self, version: int | None) -> bytes:
        code = self.auth_code.encode("gbk") if self.result == REG_OK else b""
        return struct.pack(">HB", self.reply_seq, self.result) + code


@dataclass(slots=True)
class Authentication:
    """0x0102: the terminal proves it holds the auth code. 2019 adds IMEI and software version."""

    MSG_ID: ClassVar[int] = 0x0102
    auth_code: str
    imei: str = ""
    software_version: str = ""

    @classmethod
    def decode(cls, data: bytes, version: int | None):
        if version is None:
            return cls(gbk_text(data))
        n = data[0]
        if len(data) < 1 + n + 15 + 20:
            raise struct.error(f"2019 authentication needs {1 + n + 35} bytes, got {len(data)}")
        code = gbk_text(data[1:1 + n])
        imei = gbk_text(data[1 + n:16 + n])
        return cls(code, imei, gbk_text(data[16 + n:36 + n]))

    def encode(self, version: int | None) -> bytes:
        code = self.auth_code.encode("gbk")
        if version is None:
            return code
        if len(code) > 255:
            raise ValueError("auth code longer than 255 bytes")
        return bytes((len(code),)) + code + gbk_field(self.imei, 15) + gbk_field(self.software_version, 20)


@dataclass(slots=True)
class LocationReport:
    """0x0200: one position with its additional-information items."""

    MSG_ID: ClassVar[int] = 0x0200
    location: Location

    @classmethod
    def decode(cls, data: bytes, version: int | None):
        return cls(decode_location(data))

    def encode(self, version: int | None) -> bytes:
        return self.location.encode()


@dataclass(slots=True)
class LocationBatch:
    """0x0704: stored positions uploaded together; kind 0 = regular, 1 = blind-area backfill."""

    MSG_ID: ClassVar[int] = 0x0704
    kind: int
    locations: tuple[Location, ...] = field(default_factory=tuple)

    @classmethod
    def decode(cls, data: bytes, version: int | None):
        count, kind = struct.unpack_from(">HB", data)
        pos, items = 3, []
        for i in range(count):
            (n,) = struct.unpack_from(">H", data, pos)
            pos += 2
            if pos + n > len(data):
                raise struct.error(f"batch item {i + 1} declares {n} bytes, {len(data) - pos} remain")
            items.append(decode_location(data[pos:pos + n]))
            pos += n
        if pos != len(data):
            raise struct.error(f"{len(data) - pos} bytes after the {count} declared batch items")
        return cls(kind, tuple(items))

    def encode(self, version: int | None) -> bytes:
        out = [struct.pack(">HB", len(self.locations), self.kind)]
        for loc in self.locations:
            body = loc.encode()
            out.append(struct.pack(">H", len(body)) + body)
        return b"".join(out)


@dataclass(slots=True)
class RawBody:
    """A message this platform does not interpret; its body is kept as bytes."""

    msg_id: int
    data: bytes

    @property
    def MSG_ID(self) -> int:  # noqa: N802 (same attribute the typed bodies have)
        return self.msg_id

    def encode(self, version: int | None) -> bytes:
        return self.data


BODY_TYPES: dict[int, type] = {
    cls.MSG_ID: cls
    for cls in (TerminalReply, PlatformReply, Heartbeat, Logout, Registration, RegistrationReply,
                Authentication, LocationReport, LocationBatch)
}
