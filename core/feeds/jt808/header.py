"""The JT/T 808 message header in its 2011/2013 and 2019 layouts, and the BCD fields it uses.

2011/2013: ``id:u16 props:u16 phone:BCD[6] seq:u16 [total:u16 index:u16]``.
2019 (props bit 14 set): ``id:u16 props:u16 version:u8 phone:BCD[10] seq:u16 [total index]``.
props: bits 0–9 body length, 10–12 encryption (0 none, 1 RSA), 13 sub-packaged, 14 2019 layout.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from functools import lru_cache

from core.feeds.jt808.errors import BodyError, LengthError

MAX_BODY = 0x3FF
_PROPS_SUBPACKAGE = 1 << 13
_PROPS_2019 = 1 << 14


def bcd_decode(data: bytes) -> str:
    """BCD bytes → their digits. Nibbles above 9 come out as hex letters rather than failing: real
    terminals put such values in the phone field, and the number is still the terminal's identity."""
    return data.hex()


@lru_cache(maxsize=65536)
def bcd_encode(digits: str, size: int) -> bytes:
    """Digits → ``size`` BCD bytes, left-padded with zeros."""
    if len(digits) > size * 2:
        raise ValueError(f"{digits!r} has more than {size * 2} digits")
    try:
        return bytes.fromhex(digits.rjust(size * 2, "0"))
    except ValueError:
        raise ValueError(f"{digits!r} is not a string of BCD digits") from None


@dataclass(slots=True)
class Header:
    msg_id: int
    phone: str  # the BCD digits as sent: 12 of them (2011/2013) or 20 (2019)
    seq: int
    body_length: int = 0
    version: int | None = None  # the 2019 protocol-version byte; None for the 2011/2013 layout
    encryption: int = 0
    packet_total: int | None = None  # set only for a sub-packaged message
    packet_index: int | None = None

    @property
    def is_2019(self) -> bool:
        return self.version is not None

    @property
    def subpackaged(self) -> bool:
        return self.packet_total is not None

    def size(self) -> int:
        return (17 if self.is_2019 else 12) + (4 if self.subpackaged else 0)

    def encode(self) -> bytes:
        if not 0 <= self.body_length <= MAX_BODY:
            raise ValueError(f"body of {self.body_length} bytes; at most {MAX_BODY} fit one packet")
        props = self.body_length | (self.encryption & 0x7) << 10
        if self.subpackaged:
            props |= _PROPS_SUBPACKAGE
        if self.is_2019:
            props |= _PROPS_2019
            out = struct.pack(">HHB", self.msg_id, props, self.version) + bcd_encode(self.phone, 10)
        else:
            out = struct.pack(">HH", self.msg_id, props) + bcd_encode(self.phone, 6)
        out += struct.pack(">H", self.seq)
        if self.subpackaged:
            out += struct.pack(">HH", self.packet_total, self.packet_index)
        return out


def decode_header(content: bytes) -> tuple[Header, bytes]:
    """Unescaped header+body (no check code) → the header and the body bytes it declares."""
    if len(content) < 12:
        raise LengthError(f"{len(content)} bytes cannot hold a message header (at least 12)")
    msg_id, props = struct.unpack_from(">HH", content)
    body_length = props & MAX_BODY
    encryption = (props >> 10) & 0x7
    if props & _PROPS_2019:
        if len(content) < 17:
            raise LengthError(f"{len(content)} bytes cannot hold a 2019 header (at least 17)")
        version = content[4]
        phone = bcd_decode(content[5:15])
        (seq,) = struct.unpack_from(">H", content, 15)
        pos = 17
    else:
        version = None
        phone = bcd_decode(content[4:10])
        (seq,) = struct.unpack_from(">H", content, 10)
        pos = 12
    total = index = None
    if props & _PROPS_SUBPACKAGE:
        if len(content) < pos + 4:
            raise LengthError("sub-package flag set but the packet count and index are missing")
        total, index = struct.unpack_from(">HH", content, pos)
        pos += 4
        if total == 0 or not 1 <= index <= total:
            raise BodyError(f"sub-package {index} of {total}")
    body = content[pos:]
    if len(body) != body_length:
        raise LengthError(f"header declares a {body_length}-byte body but {len(body)} bytes follow it")
    header = Header(msg_id, phone, seq, body_length, version, encryption, total, index)
    return header, body
